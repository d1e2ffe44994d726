"""The quiz stays short: at most 9 question screens on any path (the intro's time claim is checked
against the longest path in tests/web/test_intro.py)."""

from __future__ import annotations

import itertools

from quiz.domain.content import load_content
from quiz.domain.engine import walk_through

CONTENT = load_content()
MAX_SCREENS = 9
WORDS_PER_MINUTE = 200  # a calm reading pace
SECONDS_PER_SCREEN = 5  # choosing, ticking and pressing Continue


def answer_choices(question):
    """Answers to a branching question that cover every way its answer can steer the quiz: each
    subset of the options that conditions name, plus one option no condition names."""
    named = sorted({o for q in CONTENT.questions for c in q.enable_when.conditions if c.question == question.id for o in c.any_of})
    other = [o.id for o in question.options if o.id not in named and not o.exclusive][:1]
    pool = named + other
    if question.type == "single":
        return [(o,) for o in pool]
    widest = max((c.min_selected for q in CONTENT.questions for c in q.enable_when.conditions if c.question == question.id), default=0)
    pool += [o.id for o in question.options if o.id not in pool and not o.exclusive][: max(0, widest - len(pool))]
    return [subset for size in range(1, len(pool) + 1) for subset in itertools.combinations(pool, size)]


def every_path():
    """The question sequence of every way through the quiz's branching."""
    branching = [q for q in CONTENT.questions if q.id in CONTENT.branching_questions]
    paths = set()
    for combination in itertools.product(*(answer_choices(q) for q in branching)):
        walk = walk_through(CONTENT, dict(zip((q.id for q in branching), combination)))
        paths.add(tuple(q.id for q in walk.questions))
    return paths


def words(text: str) -> int:
    return len(text.split())


def reading_minutes(path) -> float:
    total = 0
    for question_id in path:
        question = CONTENT.questions_by_id[question_id]
        total += words(question.text) + words(question.hint)
        total += sum(words(option.label) + words(option.hint) for option in question.options)
    return total / WORDS_PER_MINUTE + len(path) * SECONDS_PER_SCREEN / 60


def test_at_most_nine_screens_on_any_path():
    paths = every_path()
    assert paths
    longest = max(paths, key=len)
    print(f"screens: shortest {min(map(len, paths))}, longest {len(longest)}")
    assert len(longest) <= MAX_SCREENS, longest


def test_the_safety_screen_comes_first_on_every_path():
    assert all(path[0] == "emergency_now" for path in every_path())
