"""The quick check of carried answers accepts exactly what the question's WTForms form accepts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from app import create_app
from quiz.forms import build_question_forms, validate_answer

CONTENT = create_app().extensions["quiz"].content
FORMS = build_question_forms(CONTENT)


@st.composite
def posted_values(draw):
    question = draw(st.sampled_from(CONTENT.questions))
    candidates = [*question.option_ids, "", " ", "unknown", question.option_ids[0].upper()]
    values = draw(st.lists(st.sampled_from(candidates), max_size=5))
    return question, values


@settings(max_examples=400, deadline=None)
@given(posted_values())
def test_choice_rule_agrees_with_the_form(case):
    question, values = case
    chosen, error = validate_answer(FORMS, question, MultiDict([(question.id, v) for v in values]))
    accepted = FORMS[question.id].choice_rule.accepts(values)
    assert accepted == (error is None)
    if accepted:
        assert chosen == tuple(values)


def test_every_question_has_valid_and_invalid_answers():
    for question in CONTENT.questions:
        rule = FORMS[question.id].choice_rule
        assert rule.accepts([question.option_ids[0]])
        assert not rule.accepts([])
        assert not rule.accepts(["unknown"])
