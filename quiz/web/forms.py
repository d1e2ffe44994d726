"""The reading of a posted quiz form: every answer checked against the question's choices.

Every request carries all answers so far (hidden fields) plus the question being answered.
The server re-validates all of them every time: a carried answer that does not validate was
tampered with (the app only ever writes valid ones), so it is a bad request, while a problem with
the question on screen gets the GOV.UK error pattern (the question's own error message).

One `ChoiceRule` per question, made once at start-up, decides both. The rule is the whole of the
validation (a choice from a known list), so it is written here rather than bound through a form
library: WTForms did the same check for the question on screen at a tenth of a question
request's server time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from markupsafe import Markup, escape

from ..domain.answers import AnswerRules, ChoiceRule, build_answer_rules  # noqa: F401 (re-exported for tests)
from ..domain.content import Content, Question
from ..domain.engine import Answers

# Navigation fields that travel beside the answers. Their values are never health answers.
CURRENT_FIELD, ACTION_FIELD, RETURN_FIELD = "current", "action", "return_to"
CONTROL_FIELDS = frozenset({CURRENT_FIELD, ACTION_FIELD, RETURN_FIELD})
MAX_VALUE_LENGTH = 64  # ids are at most 40 characters; anything longer is tampering


class FormData(Protocol):
    def lists(self): ...


class BadSubmission(Exception):
    """The posted form could not have come from our pages. Answered with a 400 page."""


def validate_answer(rules: AnswerRules, question: Question, values: Sequence[str]) -> tuple[tuple[str, ...] | None, str | None]:
    """(the chosen option ids, None) when valid, else (None, the question's error message)."""
    if rules[question.id].accepts(values):
        return tuple(values), None
    return None, question.error


def hidden_answers_writer(content: Content) -> Callable[..., Markup]:
    """The template global `hidden_answers(answers, skip=None)`: the answers so far (all but
    question `skip`) as hidden inputs, for the next form to carry.

    Written here rather than as a macro: a page has up to sixty of these fields, and a Jinja loop
    costs ten times as much. The markup of every valid answer is made once
    from the content; only validated answers reach a page, the rest is escaped as a macro would.
    """
    made = {
        (question.id, option.id): f'<input type="hidden" name="{escape(question.id)}" value="{escape(option.id)}">'
        for question in content.questions for option in question.options
    }

    def hidden_answers(answers: Answers, skip: str | None = None) -> Markup:
        fields = []
        for question_id, values in answers.items():
            if question_id != skip:
                for value in values:
                    field = made.get((question_id, value))
                    if field is None:
                        field = f'<input type="hidden" name="{escape(question_id)}" value="{escape(value)}">'
                    fields.append(field)
        return Markup("".join(fields))

    return hidden_answers


@dataclass
class Submission:
    answers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    current: Question | None = None
    current_error: str | None = None  # set when the question on screen was not answered well
    action: str = "continue"
    return_to_check: bool = False


def read_submission(content: Content, rules: AnswerRules, formdata: FormData) -> Submission:
    """The posted answers, each checked against its question's rule, in the form's order (the
    visitor's Walk puts them in the content's). BadSubmission for anything our pages never send."""
    posted: dict[str, list[str]] = {}
    control: dict[str, str] = {}
    for key, values in formdata.lists():
        if key in rules:
            posted[key] = values  # checked below; a carried value over MAX_VALUE_LENGTH is never an option
        elif key in CONTROL_FIELDS:
            if len(values) != 1 or len(values[0]) > MAX_VALUE_LENGTH:
                raise BadSubmission(f"{key!r} must appear once, and be short")
            control[key] = values[0]
        else:
            raise BadSubmission(f"unknown field {key[:MAX_VALUE_LENGTH]!r}")

    submission = Submission(action=control.get(ACTION_FIELD, "continue"), return_to_check=control.get(RETURN_FIELD) == "check")
    current_id = control.get(CURRENT_FIELD)
    if current_id:
        submission.current = content.questions_by_id.get(current_id)
        if submission.current is None:
            raise BadSubmission("unknown current question")
        # The question on screen: a wrong choice is the visitor's to fix, not a bad request; a
        # value longer than any option id cannot come from our page.
        values = posted.pop(current_id, ())
        if any(len(value) > MAX_VALUE_LENGTH for value in values):
            raise BadSubmission("a value is too long")
        chosen, submission.current_error = validate_answer(rules, submission.current, values)
        if chosen is not None:
            submission.answers[current_id] = chosen

    for question_id, values in posted.items():  # carried in hidden fields: our pages write only valid ones
        if not rules[question_id].accepts(values):
            raise BadSubmission(f"invalid carried answer for {question_id!r}")
        submission.answers[question_id] = tuple(values)
    return submission
