"""The quiz's forms: one Flask-WTF form per question, built once from the content, and the reading
of a posted quiz form.

Every POST carries all answers so far (hidden fields) plus the question on screen. The question on
screen is bound to its form and validated by it: a problem there is the visitor's to fix, shown
with the GOV.UK error pattern and the content's own message. The carried answers were written by
our pages, so they only need a membership check (the content's answer rules): one that fails was
tampered with, and the request gets the 400 page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from flask import abort, current_app, request
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import Field, RadioField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation
from wtforms.widgets import CheckboxInput, ListWidget

from ..domain.answers import AnswerRules, ChoiceRule
from ..domain.content import Content, Question
from ..domain.engine import Walk, walk_through
from ..domain.flow import is_complete
from .i18n import current_language

# Navigation fields that travel beside the answers. Their values are never health answers.
CURRENT_FIELD, ACTION_FIELD, RETURN_FIELD = "current", "action", "return_to"
CONTROL_FIELDS = frozenset({CURRENT_FIELD, ACTION_FIELD, RETURN_FIELD})
MAX_VALUE_LENGTH = 64  # ids are at most 40 characters; anything longer is tampering


class QuestionForm(FlaskForm):
    class Meta:
        # Flask-WTF keeps its CSRF secret in the session cookie, which browsers withhold inside a
        # cross-site iframe; cross-site posts are refused by Fetch Metadata instead (security.py).
        csrf = False


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes for a multiple-choice question (WTForms' documented recipe)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class Answers:
    """Validator: the question's answer rule, failing with the content's own error message
    (never WTForms' "Not a valid choice")."""

    def __init__(self, rule: ChoiceRule, message: str):
        self.rule, self.message = rule, message

    def __call__(self, form: FlaskForm, field: Field) -> None:
        if not self.rule.accepts(field.raw_data or []):
            raise StopValidation(self.message)


def question_form(question: Question, rule: ChoiceRule) -> type[QuestionForm]:
    """The form for one question: its options as choices, its rule as the only validator."""
    kind = RadioField if question.type == "single" else MultiCheckboxField
    choices = [SelectChoice(option.id, option.label) for option in question.options]
    answer_field = kind(question.text, choices=choices, validate_choice=False,
                        validators=[Answers(rule, question.error)])
    return type(f"{question.id.title().replace('_', '')}Form", (QuestionForm,), {question.id: answer_field})


def build_forms(content: Content, rules: AnswerRules) -> dict[str, type[QuestionForm]]:
    return {question.id: question_form(question, rules[question.id]) for question in content.questions}


class BadSubmission(Exception):
    """The posted form could not have come from our pages. Answered with a 400 page."""


@dataclass
class Submission:
    answers: dict[str, tuple[str, ...]] = field(default_factory=dict)  # valid ones, the one on screen included
    current: Question | None = None
    form: QuestionForm | None = None  # the question on screen, bound to what was posted
    action: str = "continue"
    return_to_check: bool = False


def read_submission(
    content: Content, rules: AnswerRules, forms: Mapping[str, type[QuestionForm]], posted: MultiDict
) -> Submission:
    """The posted answers, checked; BadSubmission for anything our pages never send."""
    control = {}
    for key in CONTROL_FIELDS & posted.keys():
        values = posted.getlist(key)
        if len(values) != 1 or len(values[0]) > MAX_VALUE_LENGTH:
            raise BadSubmission(f"{key!r} must appear once, and be short")
        control[key] = values[0]
    unknown = posted.keys() - rules.keys() - CONTROL_FIELDS
    if unknown:
        raise BadSubmission("unknown field")

    submission = Submission(action=control.get(ACTION_FIELD, "continue"), return_to_check=control.get(RETURN_FIELD) == "check")
    current_id = control.get(CURRENT_FIELD)
    if current_id:
        submission.current = content.questions_by_id.get(current_id)
        if submission.current is None:
            raise BadSubmission("unknown current question")
        if submission.action in ("continue", "resume"):
            form = submission.form = forms[current_id](formdata=posted)
            if form.validate():
                submission.answers[current_id] = tuple(form[current_id].raw_data)

    for question_id in rules.keys() & posted.keys():
        if question_id == current_id and submission.form is not None:
            continue
        values = posted.getlist(question_id)
        if not rules[question_id].accepts(values):  # our pages write only valid answers
            raise BadSubmission("invalid carried answer")
        submission.answers[question_id] = tuple(values)
    return submission


def read_posted() -> Submission:
    """This request's posted quiz form, checked; the 400 page for anything our pages never send."""
    quiz = current_app.extensions["quiz"]
    words = quiz.localized(current_language())  # its error messages in the page's language
    try:
        return read_submission(words.content, quiz.rules, words.forms, request.form)
    except BadSubmission:
        abort(400)


def read_complete_walk() -> Walk:
    """The posted answers, all of them valid and every asked question answered, else a 400.

    What the explainer and the doctor summary are built from.
    """
    content = current_app.extensions["quiz"].localized(current_language()).content
    walk = walk_through(content, read_posted().answers)
    if not is_complete(walk):
        abort(400)
    return walk
