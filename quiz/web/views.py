"""The quiz pages: intro, one question per page, check your answers, interruption, result.

Stateless: every POST carries all answers so far, and nothing is stored. Answers only ever travel
in POST bodies, never in a URL.
"""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import format_number, ngettext

from ..domain.content import Content, Question
from ..domain.engine import Walk, assess, emergency_flags_raised_by, walk_through
from ..domain.explainer import answer_rows, build_explainer
from ..domain.flow import first_unanswered, is_complete, last_asked, next_question, position_among_asked, previous_question, progress
from .forms import QuestionForm, read_complete_walk, read_posted
from .i18n import current_language
from .options import page_options
from .setup import page_content, page_wording, quiz_setup

bp = Blueprint("quiz", __name__)


@bp.get("/")
def intro():
    return render_template("intro.html")


@bp.get("/quiz")
def start():
    content = page_content()
    return render_question(content.questions[0], walk_through(content, {}))


@bp.post("/quiz")
def step():
    content = page_content()
    submission = read_posted()
    walk = walk_through(content, submission.answers)  # once per request; every step below reads it
    current, action = submission.current, submission.action

    if action.startswith("change:"):
        question = content.questions_by_id.get(action.removeprefix("change:"))
        if question is None or question.id not in walk.answers:
            abort(400)
        return render_question(question, walk, return_to_check=True)
    if action == "back_to_questions":  # Back on "Check your answers"
        if not is_complete(walk):
            abort(400)
        return render_question(last_asked(walk), walk)
    if action == "show_check":  # the language switch on "Check your answers": the same page
        if not is_complete(walk):
            abort(400)
        return render_check(walk)
    if current is None:
        return render_question(content.questions[0], walk)
    if current.id not in walk.asked:
        abort(400)  # a question these answers never lead to: the form was tampered with
    if action == "back":
        if submission.return_to_check:
            if not is_complete(walk):  # our pages never send this: "Check your answers" has answers to check
                abort(400)
            return render_check(walk)
        previous = previous_question(content, walk, current)
        return render_question(previous, walk) if previous else redirect(url_for("quiz.intro"), 303)
    if action == "continue":
        if submission.form.errors:
            return render_question(current, walk, submission.return_to_check, form=submission.form)
        urgent = emergency_flags_raised_by(content, walk, current)
        if urgent:
            return render_template(
                "interruption.html", flags=urgent, answers=walk.answers, current=current,
                return_to_check=submission.return_to_check,
            )
        return proceed(content, walk, current, submission.return_to_check)
    if action == "resume":  # "Go on with the questions" on the interruption page
        return proceed(content, walk, current, submission.return_to_check)
    if action == "show":  # the language switch on a question page: the same question, nothing checked
        return render_question(current, walk, submission.return_to_check)
    if action == "revise":  # "I ticked this by mistake" on the interruption page: the same question, answers kept
        return render_question(current, walk, submission.return_to_check)
    abort(400)


@bp.post("/result")
def result():
    content = page_content()
    walk = read_complete_walk()
    explainer = build_explainer(content, walk, assess(content, walk), region=page_options().region, wording=page_wording())
    return render_template("result.html", explainer=explainer, answers=walk.answers)


def proceed(content: Content, walk: Walk, current: Question, return_to_check: bool):
    if return_to_check:
        pending = first_unanswered(walk)
        return render_question(pending, walk, return_to_check=True) if pending else render_check(walk)
    following = next_question(content, walk, current) or first_unanswered(walk)
    return render_question(following, walk) if following else render_check(walk)


def render_question(question: Question, walk: Walk, return_to_check: bool = False, form: QuestionForm | None = None):
    content = page_content()
    if form is None:  # not posted: show the answer given so far, if any
        chosen = walk.answers.get(question.id, ())
        value = (chosen[0] if chosen else None) if question.type == "single" else list(chosen)
        form = quiz_setup().localized(current_language()).forms[question.id](formdata=None, data={question.id: value})
    is_first = question is content.questions[0]
    numbered = progress(content, walk, question)
    return render_template(
        "question.html",
        question=question,
        field=form[question.id],
        answers=walk.answers,
        return_to_check=return_to_check,
        is_first=is_first,
        started=is_first and not walk.answers,
        position=position_among_asked(content, walk, question),
        caption=question_caption(*numbered) if numbered else None,
    )


def question_caption(number: int, total: int) -> str:
    # The plural follows the total: some languages word "of 1" and "of 9" differently.
    return ngettext("Question %(number)s of %(total)s", "Question %(number)s of %(total)s", total,
                    number=format_number(number), total=format_number(total))


def render_check(walk: Walk):
    return render_template("check.html", rows=answer_rows(page_content(), walk), answers=walk.answers)
