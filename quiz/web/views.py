"""The quiz pages: intro, one question per page, check your answers, interruption, result.

Stateless: every POST carries all answers so far, and nothing is stored. Answers only ever travel
in POST bodies, never in a URL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint, abort, current_app, g, redirect, request
from markupsafe import Markup

from ..domain.content import Content, Question
from ..domain.engine import Walk, assess, emergency_flags_raised_by, walk_through
from ..domain.explainer import Explainer, answer_rows, build_explainer
from ..domain.flow import first_unanswered, is_complete, next_question, position_among_asked, previous_question, progress
from .forms import AnswerRules, BadSubmission, Submission, read_submission
from .pages import render_page, render_shell

bp = Blueprint("quiz", __name__)


@dataclass(frozen=True)
class QuizSetup:
    """Everything built once at start-up."""

    content: Content
    rules: AnswerRules  # what each question accepts (quiz/forms.py)
    hidden_answers: Callable[..., Markup]  # answers as hidden fields (quiz/forms.py hidden_answers_writer)


def setup() -> QuizSetup:
    return current_app.extensions["quiz"]


@bp.record_once
def _set_up_templates(state) -> None:
    state.app.jinja_env.globals["hidden_answers"] = state.app.extensions["quiz"].hidden_answers


# --------------------------------------------------------------------------------------------


@bp.get("/")
def intro():
    return render_page("intro.html")


@bp.get("/quiz")
def start():
    return render_question(setup().content.questions[0], walk_through(setup().content, {}))


@bp.post("/quiz")
def step():
    content = setup().content
    submission = _read()
    walk = walk_through(content, submission.answers)  # once per request; every step below reads it
    answers = walk.answers
    current = submission.current
    action = submission.action

    if action.startswith("change:"):
        question = content.questions_by_id.get(action.removeprefix("change:"))
        if question is None or question.id not in answers:
            abort(400)
        return render_question(question, walk, return_to_check=True)
    if current is None:
        return render_question(content.questions[0], walk)
    if current.id not in walk.asked:
        abort(400)  # a question these answers never lead to: the form was tampered with
    if action == "back":
        if submission.return_to_check:
            if not answers:  # our pages never send this: "Check your answers" has answers to check
                abort(400)
            return render_check(walk)
        previous = previous_question(content, walk, current)
        return render_question(previous, walk) if previous else redirect(g.page.urls["quiz.intro"], 303)
    if action == "continue":
        if submission.current_error:
            # Keep what was ticked (if it is one of our options) so nothing needs redoing.
            ticked = tuple(v for v in request.form.getlist(current.id) if current.option(v))
            return render_question(current, walk, submission.current_error, submission.return_to_check, ticked)
        urgent = emergency_flags_raised_by(content, walk, current)
        if urgent:
            return render_page(
                "interruption.html", flags=urgent, answers=answers, current=current,
                return_to_check=submission.return_to_check,
            )
        return _proceed(content, walk, current, submission.return_to_check)
    if action == "resume":  # "Continue" on the interruption page
        return _proceed(content, walk, current, submission.return_to_check)
    abort(400)


@bp.post("/result")
def result():
    content = setup().content
    walk = read_complete_walk()
    explainer = build_explainer(content, walk, assess(content, walk))
    return render_shell("result.html", {"care_level": explainer.assessment.care_level}, explainer_parts(explainer, walk.answers))


def explainer_parts(explainer: Explainer, answers) -> dict[str, Markup]:
    """The parts of the result page that depend on the answers, from the macros of
    templates/components/ and the content's fragments; the rest of the page is its shell."""
    macros = current_app.jinja_env.globals
    fragments = current_app.jinja_env.filters["fragments"]
    region = g.page.region
    assessment = explainer.assessment
    parts = {
        "other_flags": macros["other_flags"](explainer.other_flags, region),
        "fit_chart": macros["fit_chart"](assessment) if assessment.top_score > 0 else Markup(),
        "causes": macros["cause_list"](assessment.causes),
        "sections": fragments(explainer.sections, "section"),
        "when_to_see": macros["when_to_see"](explainer, region),
        "sources": fragments(explainer.sources, "source"),
        "answer_fields": setup().hidden_answers(answers),
    }
    if explainer.card_flags:  # the self-care card, without red flags, is part of the shell
        parts["care_card"] = macros["care_card"]({"level": assessment.care_level, "region": region, "flags": explainer.card_flags})
    return parts


# --------------------------------------------------------------------------------------------


def _read() -> Submission:
    setup_ = setup()
    try:
        return read_submission(setup_.content, setup_.rules, request.form)
    except BadSubmission:
        abort(400)


def read_complete_walk() -> Walk:
    """The posted answers, all of them valid and every asked question answered, else a 400.

    What the explainer and the doctor summary are built from.
    """
    content = setup().content
    walk = walk_through(content, _read().answers)
    if not is_complete(walk):
        abort(400)
    return walk


def _proceed(content: Content, walk: Walk, current: Question, return_to_check: bool):
    if return_to_check:
        pending = first_unanswered(walk)
        return render_question(pending, walk, return_to_check=True) if pending else render_check(walk)
    following = next_question(content, walk, current)
    if following is None:
        following = first_unanswered(walk)
    return render_question(following, walk) if following else render_check(walk)


def render_question(
    question: Question, walk: Walk, error: str | None = None, return_to_check: bool = False,
    ticked: tuple[str, ...] | None = None,
):
    """A question page, from its shell (quiz/pages.py): the same for every visitor but for `filled`."""
    setup_ = setup()
    content, answers = setup_.content, walk.answers
    is_first = question is content.questions[0]
    fixed = {"question": question, "error": error, "return_to_check": return_to_check,
             "is_first": is_first, "started": is_first and not answers}
    all_answers = setup_.hidden_answers(answers)
    filled = {
        "position": position_among_asked(content, walk, question),
        "option_items": current_app.extensions["choice_items"](question, answers.get(question.id, ()) if ticked is None else ticked),
        "back_fields": all_answers,
        # The form carries every answer but the one on screen, which its own inputs send.
        "answer_fields": setup_.hidden_answers(answers, skip=question.id) if question.id in answers else all_answers,
    }
    numbered = progress(content, walk, question)
    if numbered:
        filled["caption"] = "Question %d of %d" % numbered
    else:
        fixed["caption"] = None
    return render_shell("question.html", fixed, filled)


def render_check(walk: Walk):
    return render_page("check.html", rows=answer_rows(setup().content, walk), answers=walk.answers)
