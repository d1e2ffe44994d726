"""Where the visitor goes next, given their answers. Pure Python, no Flask.

Each function takes the answers or, cheaper, the visitor's Walk already worked out for the request.
"""

from __future__ import annotations

from .content import Content, Question
from .engine import Answers, Walk, walk_through


def first_unanswered(content: Content, answers: Answers | Walk) -> Question | None:
    walk = walk_through(content, answers)
    return next((q for q in walk.questions if q.id not in walk.answers), None)


def next_question(content: Content, answers: Answers | Walk, after: Question | None) -> Question | None:
    """The question after `after` (the first when None); None means "Check your answers"."""
    visible = walk_through(content, answers).questions
    if after is None:
        return visible[0]
    position = content.positions[after.id]
    return next((q for q in visible if content.positions[q.id] > position), None)


def previous_question(content: Content, answers: Answers | Walk, before: Question) -> Question | None:
    """The question before `before`; None when it is the first (Back leads to the intro)."""
    visible = walk_through(content, answers).questions
    position = content.positions[before.id]
    earlier = [q for q in visible if content.positions[q.id] < position]
    return earlier[-1] if earlier else None


def progress(content: Content, answers: Answers | Walk, question: Question) -> tuple[int, int] | None:
    """(N, M) for "Question N of M", or None while branching could still change M."""
    walk = walk_through(content, answers)
    if not content.branching_questions <= walk.answers.keys():
        return None
    if question.id not in walk.asked:
        return None
    ids = [q.id for q in walk.questions]
    return ids.index(question.id) + 1, len(ids)


def position_among_asked(content: Content, answers: Answers | Walk, question: Question) -> int:
    """1 for the first question this visitor is asked, and so on (skipped questions do not count).

    Counted rather than looked up, so a question that the answers no longer lead to (a tampered
    `current`) still gets a number instead of an error.
    """
    position = content.positions[question.id]
    return 1 + sum(1 for shown in walk_through(content, answers).questions if content.positions[shown.id] < position)


def is_complete(content: Content, answers: Answers | Walk) -> bool:
    return first_unanswered(content, answers) is None
