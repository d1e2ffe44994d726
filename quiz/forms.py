"""WTForms forms built once from the content, and the reading of a posted quiz form.

Every request carries all answers so far (hidden fields) plus the question being answered.
The server re-validates all of them every time: a carried answer that does not validate was
tampered with (the app only ever writes valid ones), so it is a bad request, while a problem with
the question on screen gets the GOV.UK error pattern.

The question on screen goes through its WTForms form (its validators give the GOV.UK message).
The carried answers, up to thirty a request, are checked with the same `ChoiceRule` that form's
validator uses, without binding a form each: binding and validating a WTForms form costs 20 to
50 µs. tests/test_answer_rules.py checks that the rule accepts exactly what the form does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Callable, Sequence
from typing import Protocol

from markupsafe import Markup, escape
from wtforms import Form, RadioField, SelectChoice, SelectMultipleField
from wtforms.validators import InputRequired, StopValidation

from .content import Content, Question
from .engine import Answers

# Navigation fields that travel beside the answers. Their values are never health answers.
CURRENT_FIELD, ACTION_FIELD, RETURN_FIELD = "current", "action", "return_to"
CONTROL_FIELDS = frozenset({CURRENT_FIELD, ACTION_FIELD, RETURN_FIELD})
MAX_VALUE_LENGTH = 64  # ids are at most 40 characters; anything longer is tampering


class FormData(Protocol):
    def getlist(self, key: str) -> list[str]: ...
    def keys(self): ...


class BadSubmission(Exception):
    """The posted form could not have come from our pages. Answered with a 400 page."""


@dataclass(frozen=True)
class ChoiceRule:
    """Which answers to one question are valid. Built once per question, with its form."""

    single: bool
    valid: frozenset[str]
    exclusive: frozenset[str]  # "None of these" options, which cannot be combined

    @classmethod
    def for_question(cls, question: Question) -> "ChoiceRule":
        return cls(
            single=question.type == "single",
            valid=frozenset(question.option_ids),
            exclusive=frozenset(o.id for o in question.options if o.exclusive),
        )

    def accepts_chosen(self, chosen: Sequence[str]) -> bool:
        if not chosen or any(choice not in self.valid for choice in chosen):
            return False
        return len(set(chosen)) == len(chosen) and not (len(chosen) > 1 and self.exclusive & set(chosen))

    def accepts(self, values: Sequence[str]) -> bool:
        """The posted values of the question: what its form (InputRequired, then the choices) accepts."""
        if self.single and len(values) > 1:
            return False
        return self.accepts_chosen(values)  # an empty or missing value is never a valid choice


def _choices_validator(question: Question, rule: ChoiceRule):
    def validate(form, field) -> None:
        chosen = field.data if isinstance(field.data, list) else [field.data]
        if not rule.accepts_chosen(chosen):
            raise StopValidation(question.error)

    return validate


def build_question_forms(content: Content) -> dict[str, type[Form]]:
    """One form class per question, made once at start-up."""
    forms = {}
    for question in content.questions:
        choices = [SelectChoice(option.id, option.label) for option in question.options]
        rule = ChoiceRule.for_question(question)
        validators = [InputRequired(message=question.error), _choices_validator(question, rule)]
        field_class = RadioField if question.type == "single" else SelectMultipleField
        unbound = field_class(question.text, choices=choices, validators=validators, validate_choice=False)
        attributes = {question.id: unbound, "choice_rule": rule}
        forms[question.id] = type(f"{question.id.title()}Form", (Form,), attributes)
    return forms


def validate_answer(forms: dict[str, type[Form]], question: Question, formdata: FormData) -> tuple[tuple[str, ...] | None, str | None]:
    """(the chosen option ids, None) when valid, else (None, the question's error message)."""
    values = formdata.getlist(question.id)
    if question.type == "single" and len(values) > 1:
        return None, question.error
    form = forms[question.id](formdata=formdata)
    if not form.validate():
        return None, question.error
    data = form[question.id].data
    return (tuple(data) if isinstance(data, list) else (data,)), None


def hidden_answers_writer(content: Content) -> Callable[..., Markup]:
    """The template global `hidden_answers(answers, skip=None)`: the answers so far (all but
    question `skip`) as hidden inputs, for the next form to carry.

    Written here rather than as a macro: a page has up to sixty of these fields, twice on a question
    page, and a Jinja loop costs ten times as much. The markup of every valid answer is made once
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


def read_submission(content: Content, forms: dict[str, type[Form]], formdata: FormData) -> Submission:
    carried: dict[str, list[str]] = {}
    control: dict[str, str] = {}
    for key, values in formdata.lists():
        if any(len(value) > MAX_VALUE_LENGTH for value in values):
            raise BadSubmission("a value is too long")
        if key in CONTROL_FIELDS:
            if len(values) != 1:
                raise BadSubmission(f"{key!r} must appear once")
            control[key] = values[0]
        elif key in content.questions_by_id:
            carried[key] = values
        else:
            raise BadSubmission(f"unknown field {key[:MAX_VALUE_LENGTH]!r}")

    submission = Submission(action=control.get(ACTION_FIELD, "continue"), return_to_check=control.get(RETURN_FIELD) == "check")
    current_id = control.get(CURRENT_FIELD)
    if current_id:
        submission.current = content.questions_by_id.get(current_id)
        if submission.current is None:
            raise BadSubmission("unknown current question")

    for question in content.questions:  # in the content's order, whatever the form's
        if question is submission.current:
            chosen, submission.current_error = validate_answer(forms, question, formdata)
            if chosen is not None:
                submission.answers[question.id] = chosen
            continue
        values = carried.get(question.id)
        if values is None:
            continue
        if not forms[question.id].choice_rule.accepts(values):
            raise BadSubmission(f"invalid carried answer for {question.id!r}")
        submission.answers[question.id] = tuple(values)
    return submission
