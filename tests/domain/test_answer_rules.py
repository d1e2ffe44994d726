"""What each question accepts, checked against the rules as the quiz states them to the visitor."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.domain.answers import build_answer_rules
from quiz.domain.content import load_content

CONTENT = load_content()
RULES = build_answer_rules(CONTENT)


def expected_to_accept(question, values) -> bool:
    """The rule written out plainly, from the content alone: a radio question takes exactly one of
    its options; a checkbox question one or more of its options, each once, and a "None of these"
    option only on its own."""
    if not values or any(value not in question.option_ids for value in values):
        return False
    if len(values) != len(set(values)):
        return False
    if question.type == "single":
        return len(values) == 1
    exclusive = [o.id for o in question.options if o.exclusive]
    return len(values) == 1 or not any(value in exclusive for value in values)


@st.composite
def posted_values(draw):
    question = draw(st.sampled_from(CONTENT.questions))
    candidates = [*question.option_ids, "", " ", "unknown", question.option_ids[0].upper()]
    values = draw(st.lists(st.sampled_from(candidates), max_size=5))
    return question, values


@settings(max_examples=400, deadline=None)
@given(posted_values())
def test_rule_accepts_exactly_the_valid_answers(case):
    question, values = case
    assert RULES[question.id].accepts(values) == expected_to_accept(question, values)


def test_every_question_has_valid_and_invalid_answers():
    for question in CONTENT.questions:
        rule = RULES[question.id]
        assert rule.accepts([question.option_ids[0]])
        assert not rule.accepts([])
        assert not rule.accepts(["unknown"])
        if question.type == "single":
            assert not rule.accepts(question.option_ids[:2])
