"""What each question accepts, checked against the rules as the quiz states them to the visitor."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from app import create_app
from quiz.web.forms import BadSubmission, build_answer_rules, read_submission, validate_answer

CONTENT = create_app().extensions["quiz"].content
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
    chosen, error = validate_answer(RULES, question, values)
    assert (error is None) == expected_to_accept(question, values)
    if error is None:
        assert chosen == tuple(values)
    else:
        assert chosen is None and error == question.error


@settings(max_examples=200, deadline=None)
@given(posted_values())
def test_on_screen_question_gets_its_message_and_a_carried_one_a_bad_request(case):
    question, values = case
    on_screen = MultiDict([*((question.id, v) for v in values), ("current", question.id)])
    submission = read_submission(CONTENT, RULES, on_screen)
    assert (submission.current_error is None) == expected_to_accept(question, values)
    if submission.current_error is not None:
        assert submission.current_error == question.error and question.id not in submission.answers

    carried = MultiDict([(question.id, v) for v in values])
    if expected_to_accept(question, values):
        assert read_submission(CONTENT, RULES, carried).answers[question.id] == tuple(values)
    elif values:  # no value at all is a question not yet answered, not a tampered one
        with pytest.raises(BadSubmission):
            read_submission(CONTENT, RULES, carried)


def test_every_question_has_valid_and_invalid_answers():
    for question in CONTENT.questions:
        rule = RULES[question.id]
        assert rule.accepts([question.option_ids[0]])
        assert not rule.accepts([])
        assert not rule.accepts(["unknown"])
        if question.type == "single":
            assert not rule.accepts(question.option_ids[:2])
