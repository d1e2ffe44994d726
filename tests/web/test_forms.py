"""The question on screen is checked by its Flask-WTF form, with the content's own message; a
carried answer by the cheap membership check, and a bad one is a bad request."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from werkzeug.datastructures import MultiDict

from app import create_app
from quiz.web.forms import BadSubmission, read_submission

from ..domain.test_answer_rules import expected_to_accept, posted_values

APP = create_app()
QUIZ = APP.extensions["quiz"]


def read(posted: MultiDict):
    with APP.test_request_context(method="POST"):
        return read_submission(QUIZ.content, QUIZ.rules, QUIZ.forms, posted)


@settings(max_examples=200, deadline=None)
@given(posted_values())
def test_on_screen_question_gets_its_message_and_a_carried_one_a_bad_request(case):
    question, values = case
    on_screen = MultiDict([*((question.id, v) for v in values), ("current", question.id)])
    submission = read(on_screen)
    errors = submission.form.errors
    assert (not errors) == expected_to_accept(question, values)
    if errors:
        assert errors == {question.id: [question.error]} and question.id not in submission.answers
    else:
        assert submission.answers[question.id] == tuple(values)

    carried = MultiDict([(question.id, v) for v in values])
    if expected_to_accept(question, values):
        assert read(carried).answers[question.id] == tuple(values)
    elif values:  # no value at all is a question not yet answered, not a tampered one
        with pytest.raises(BadSubmission):
            read(carried)


def test_each_question_has_a_form_with_one_field_of_the_right_kind():
    for question in QUIZ.content.questions:
        with APP.test_request_context():
            form = QUIZ.forms[question.id](formdata=None)
        field = form[question.id]
        assert list(form._fields) == [question.id]
        assert field.type == ("RadioField" if question.type == "single" else "MultiCheckboxField")
        assert [choice.value for choice in field.choices] == list(question.option_ids)
        assert field.label.text == question.text
