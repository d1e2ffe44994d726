"""Where the visitor goes next, given their Walk (worked out once per request). Pure Python, no Flask."""

from __future__ import annotations

from .content import Content, Question
from .engine import Walk


def first_unanswered(walk: Walk) -> Question | None:
    return next((q for q in walk.questions if q.id not in walk.answers), None)


def next_question(content: Content, walk: Walk, after: Question | None) -> Question | None:
    """The question after `after` (the first when None); None means "Check your answers"."""
    if after is None:
        return walk.questions[0]
    position = content.positions[after.id]
    return next((q for q in walk.questions if content.positions[q.id] > position), None)


def previous_question(content: Content, walk: Walk, before: Question) -> Question | None:
    """The question before `before`; None when it is the first (Back leads to the intro)."""
    position = content.positions[before.id]
    earlier = [q for q in walk.questions if content.positions[q.id] < position]
    return earlier[-1] if earlier else None


def last_asked(walk: Walk) -> Question:
    """The last question this visitor is asked: where Back from "Check your answers" returns."""
    return walk.questions[-1]


def progress(content: Content, walk: Walk, question: Question) -> tuple[int, int] | None:
    """(N, M) for "Question N of M", or None while branching could still change M."""
    if not content.branching_questions <= walk.answers.keys():
        return None
    if question.id not in walk.asked:
        return None
    ids = [q.id for q in walk.questions]
    return ids.index(question.id) + 1, len(ids)


def position_among_asked(content: Content, walk: Walk, question: Question) -> int:
    """1 for the first question this visitor is asked, and so on (skipped questions do not count).

    Counted rather than looked up, so a question that the answers no longer lead to (a tampered
    `current`) still gets a number instead of an error.
    """
    position = content.positions[question.id]
    return 1 + sum(1 for shown in walk.questions if content.positions[shown.id] < position)


def is_complete(walk: Walk) -> bool:
    return first_unanswered(walk) is None
