"""Which answers are valid: one rule per question, made once from the content. Pure Python, no Flask.

The web forms, the JSON API and the command line all check answers with these rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .content import Content, Question


@dataclass(frozen=True)
class ChoiceRule:
    """Which answers to one question are valid: at least one of its options, each at most once,
    one only for a single-choice question, and a "None of these" option only on its own."""

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

    def accepts(self, values: Sequence[str]) -> bool:
        """The posted values of the question (an empty or missing value is never a valid choice)."""
        if len(values) == 1:  # most answers: one option
            return values[0] in self.valid
        if not values or self.single:
            return False
        distinct = set(values)
        return len(distinct) == len(values) and distinct <= self.valid and not self.exclusive & distinct


AnswerRules = Mapping[str, ChoiceRule]


def build_answer_rules(content: Content) -> dict[str, ChoiceRule]:
    """One rule per question, made once at start-up."""
    return {question.id: ChoiceRule.for_question(question) for question in content.questions}
