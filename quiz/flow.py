"""Where the visitor goes next, given their answers. Pure Python, no Flask."""

from __future__ import annotations

from .content import Content, Question
from .engine import Answers, relevant_answers, visible_questions


def _position(content: Content, question: Question) -> int:
    """Where the question stands in the content file. By id: comparing whole questions is slow."""
    return next(i for i, q in enumerate(content.questions) if q.id == question.id)


def first_unanswered(content: Content, answers: Answers) -> Question | None:
    return next((q for q in visible_questions(content, answers) if q.id not in answers), None)


def next_question(content: Content, answers: Answers, after: Question | None) -> Question | None:
    """The question after `after` (the first when None); None means "Check your answers"."""
    visible = visible_questions(content, answers)
    if after is None:
        return visible[0]
    later = {q.id for q in content.questions[_position(content, after) + 1:]}
    return next((q for q in visible if q.id in later), None)


def previous_question(content: Content, answers: Answers, before: Question) -> Question | None:
    """The question before `before`; None when it is the first (Back leads to the intro)."""
    visible = visible_questions(content, answers)
    before_ids = {q.id for q in content.questions[:_position(content, before)]}
    earlier = [q for q in visible if q.id in before_ids]
    return earlier[-1] if earlier else None


def progress(content: Content, answers: Answers, question: Question) -> tuple[int, int] | None:
    """(N, M) for "Question N of M", or None while branching could still change M."""
    relevant = relevant_answers(content, answers)
    for candidate in content.questions:
        if any(asked not in relevant for asked in candidate.enable_when.questions):
            return None
    visible = visible_questions(content, relevant)
    ids = [q.id for q in visible]
    if question.id not in ids:
        return None
    return ids.index(question.id) + 1, len(visible)


def is_complete(content: Content, answers: Answers) -> bool:
    return first_unanswered(content, answers) is None
