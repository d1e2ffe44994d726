"""Checking a whole set of answers sent as data (the JSON API, a FHIR QuestionnaireResponse).
Pure Python, no Flask.

The verdict on each answer is the forms' own `ChoiceRule.accepts`; this module adds what a form
never needs to say because our pages cannot send it: a wrong type, an unknown question, an answer
to a question these answers do not lead to, and every required answer that is missing. Each
problem names where it is and what is wrong, so a caller can fix its request.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .answers import AnswerRules, ChoiceRule
from .content import Content, Question
from .engine import Walk, walk_through
from .flow import first_unanswered

SHOWN_LENGTH = 40  # ids are at most 40 characters: longer text in a message is cut


@dataclass(frozen=True)
class Problem:
    at: str  # where it is: "answers.where", "item[2].answer[0]", ...
    message: str


@dataclass(frozen=True)
class CheckedAnswers:
    """The Walk of valid, complete answers, or else the problems (never both)."""

    walk: Walk | None = None
    problems: tuple[Problem, ...] = field(default=())


def cut(value: object) -> str:
    """A value the caller sent, cut short for an error message."""
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= SHOWN_LENGTH else text[:SHOWN_LENGTH] + "…"


def shown(value: object) -> str:
    return f"'{cut(value)}'"


def plain_location(question_id: str) -> str:
    return f"answers.{question_id}"


def check_answers(
    content: Content, rules: AnswerRules, raw: object, locate: Callable[[str], str] = plain_location
) -> CheckedAnswers:
    """`raw`, a mapping of question id to a list of option ids, checked as the forms check it,
    and complete: every question these answers lead to answered, and no other.

    locate: how to name where a question's answer is in the caller's request.
    """
    if not isinstance(raw, Mapping):
        return CheckedAnswers(problems=(Problem("answers", "must be an object of question id: [option ids]"),))
    problems: list[Problem] = []
    answers: dict[str, tuple[str, ...]] = {}
    for question_id, values in raw.items():
        if not isinstance(question_id, str) or question_id not in rules:
            problems.append(Problem(locate(cut(question_id)), f"unknown question {shown(question_id)}"))
            continue
        where = locate(question_id)
        if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
            problems.append(Problem(where, "must be a list of option ids (strings)"))
            continue
        rule = rules[question_id]
        if not rule.accepts(values):
            problems.append(Problem(where, why_rejected(content.questions_by_id[question_id], rule, values)))
            continue
        answers[question_id] = tuple(values)
    if problems:
        return CheckedAnswers(problems=tuple(problems))

    walk = walk_through(content, answers)
    problems = [
        Problem(locate(question_id), f"'{question_id}' is not asked with these answers, so it cannot be answered")
        for question_id in answers if question_id not in walk.asked
    ]
    if first_unanswered(walk) is not None:
        problems += [
            Problem(locate(question.id), f"missing answer to '{question.id}' ({question.error})")
            for question in walk.questions if question.id not in walk.answers
        ]
    return CheckedAnswers(problems=tuple(problems)) if problems else CheckedAnswers(walk=walk)


def why_rejected(question: Question, rule: ChoiceRule, values: list[str]) -> str:
    """What is wrong with `values`, which `rule` did not accept, in words."""
    unknown = [value for value in values if value not in rule.valid]
    if not values:
        return f"'{question.id}' needs at least one option"
    if unknown:
        return (f"'{question.id}' has no option {shown(unknown[0])} "
                f"(its options: {', '.join(question.option_ids)})")
    if rule.single:
        return f"'{question.id}' takes one option, not {len(values)}"
    repeated = next((value for value in values if values.count(value) > 1), None)
    if repeated is not None:
        return f"'{question.id}' lists option '{repeated}' more than once"
    exclusive = next((value for value in values if value in rule.exclusive), None)
    if exclusive is not None:
        return f"'{question.id}': option '{exclusive}' cannot be combined with other options"
    return f"'{question.id}' does not accept these options"
