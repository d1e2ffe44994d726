"""The assessment engine: validated answers in, an assessment out. Pure Python, no Flask.

Safety before scoring: red flags alone decide the care level; cause scores only rank the
explanations and can never lower the level a red flag sets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from .content import Cause, Content, Option, Question, RedFlag, Section

# question id -> chosen option ids (one for a single-choice question)
Answers = Mapping[str, tuple[str, ...]]

STRONG_FIT = 3  # points at which a cause "fits strongly"; below it, it "may play a part"


@dataclass(frozen=True)
class Reason:
    """One answer that points to a cause, with the content's sentence about it
    ("You drink 5 or more cups of coffee a day") and the points it adds."""

    question: Question
    option: Option
    text: str = ""
    points: int = 0

    @property
    def id(self) -> str:
        """The answer it stands for: "question.option"."""
        return f"{self.question.id}.{self.option.id}"


@dataclass(frozen=True)
class RankedCause:
    cause: Cause
    score: int
    reasons: tuple[Reason, ...]

    @property
    def strength(self) -> str:
        """How well the cause fits, in words: "strong", "some", or "none" (the fallback)."""
        if self.score >= STRONG_FIT:
            return "strong"
        return "some" if self.score > 0 else "none"

    @property
    def reason_texts(self) -> tuple[str, ...]:
        """The reasons as the content's sentences, the weightiest first."""
        return tuple(reason.text for reason in self.reasons)


@dataclass(frozen=True)
class Assessment:
    care_level: str
    red_flags: tuple[RedFlag, ...]  # the ones that fired, most urgent first
    causes: tuple[RankedCause, ...]  # most likely first; the fallback alone when nothing fits
    sections: tuple[Section, ...]  # explainer sections that apply, in content order

    @property
    def top_score(self) -> int:
        return max((ranked.score for ranked in self.causes), default=0)


@dataclass(frozen=True)
class Walk:
    """One visitor's way through the quiz: the questions they are asked and the answers that count.

    Worked out once per request from the posted answers and handed to every step that needs it
    (flow, engine, explainer, templates), instead of each of them going through the questions again.
    """

    questions: tuple[Question, ...]  # the questions asked, in content order
    answers: dict[str, tuple[str, ...]]  # answers to those questions only; read it, never change it

    @cached_property
    def asked(self) -> frozenset[str]:
        return frozenset(question.id for question in self.questions)


def walk_through(content: Content, answers: Answers) -> Walk:
    """The visitor's Walk: the questions asked and the answers that count (branching looks only back)."""
    shown: list[Question] = []
    relevant: dict[str, tuple[str, ...]] = {}
    for question in content.questions:
        if question.enable_when.holds(relevant):
            shown.append(question)
            if question.id in answers:
                relevant[question.id] = tuple(answers[question.id])
    return Walk(tuple(shown), relevant)


def triggered_red_flags(content: Content, walk: Walk) -> tuple[RedFlag, ...]:
    return tuple(flag for flag in content.red_flags_by_urgency if flag.applies(walk.answers))


def emergency_flags_raised_by(content: Content, walk: Walk, question: Question) -> tuple[RedFlag, ...]:
    """The emergency red flags that fire, among those the answer to `question` takes part in:
    what must interrupt the quiz as soon as that question is answered."""
    return tuple(flag for flag in content.emergency_flags_by_question[question.id] if flag.applies(walk.answers))


def rank_causes(content: Content, walk: Walk) -> tuple[RankedCause, ...]:
    answers = walk.answers
    ranked = []
    for cause in content.causes:
        score, reasons = 0, []
        for weight in cause.weights:
            if weight.option in answers.get(weight.question, ()):
                score += weight.points
                question = content.questions_by_id[weight.question]
                reasons.append(Reason(question, question.option(weight.option), weight.reason, weight.points))
        if score > 0 and not cause.fallback:
            reasons.sort(key=lambda reason: -reason.points)  # stable: equal points keep the file's order
            ranked.append(RankedCause(cause, score, tuple(reasons)))
    # Stable sort: equal scores keep the content file's order.
    ranked.sort(key=lambda item: -item.score)
    if not ranked:
        fallback = next(cause for cause in content.causes if cause.fallback)
        ranked.append(RankedCause(fallback, 0, ()))
    return tuple(ranked)


def assess(content: Content, walk: Walk) -> Assessment:
    flags = triggered_red_flags(content, walk)
    return Assessment(
        care_level=flags[0].level if flags else "self-care",
        red_flags=flags,
        causes=rank_causes(content, walk),
        sections=tuple(section for section in content.sections if section.applies(walk.answers)),
    )
