"""Question pages come from cached page shells (quiz/pages.py render_shell): the same HTML as
rendering the template straight, and nothing from the answers kept in the cache."""

from __future__ import annotations

import itertools

import pytest
from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from quiz.web.pages import SHELL_CACHE_SIZE, load_page, render_page, render_shell


def question_values(app, question, error, return_to_check, numbered):
    setup = app.extensions["quiz"]
    answers = {"emergency_now": ("none",), "where": ("back_upper", "face")}
    fixed = {"question": question, "error": error, "return_to_check": return_to_check,
             "is_first": question is setup.content.questions[0], "started": False}
    filled = {
        "position": 4,
        "option_items": app.extensions["choice_items"](question, question.option_ids[:1]),
        "back_fields": setup.hidden_answers(answers),
        "answer_fields": setup.hidden_answers(answers, skip=question.id),
    }
    if numbered:
        filled["caption"] = "Question 4 of 12"
    else:
        fixed["caption"] = None
    return fixed, filled


@pytest.mark.parametrize("query", ["", "?accent=%23336699&compact=1&region=uk"])
def test_every_question_page_is_what_the_template_renders(app, query):
    content = app.extensions["quiz"].content
    with app.test_request_context("/quiz" + query, method="POST"):
        load_page()
        for question, with_error, return_to_check, numbered in itertools.product(
            content.questions, (False, True), (False, True), (False, True)
        ):
            error = question.error if with_error else None
            fixed, filled = question_values(app, question, error, return_to_check, numbered)
            expected = render_page("question.html", **fixed, **filled)
            assert render_shell("question.html", fixed, filled) == expected  # made now
            assert render_shell("question.html", fixed, filled) == expected  # from the cache


def test_filled_values_are_escaped_and_markup_is_kept(app):
    content = app.extensions["quiz"].content
    question = content.questions[1]
    with app.test_request_context("/quiz", method="POST"):
        load_page()
        fixed, filled = question_values(app, question, None, False, True)
        filled["caption"] = '<script>alert("x")</script>'
        filled["answer_fields"] = Markup('<input type="hidden" name="where" value="face">')
        html = render_shell("question.html", fixed, filled)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert '<input type="hidden" name="where" value="face">' in html


def test_a_per_request_value_may_not_decide_what_the_page_shows(app):
    question = app.extensions["quiz"].content.questions[1]
    with app.test_request_context("/quiz", method="POST"):
        load_page()
        fixed, filled = question_values(app, question, None, False, True)
        filled["started"] = fixed.pop("started")  # tested by {% if started %}: must be fixed
        with pytest.raises(TypeError, match="started"):
            render_shell("question.html", fixed, filled)


def test_cached_shells_hold_no_answers_and_stay_bounded(app, client):
    shells = app.extensions["shells"]
    shells.clear()
    # A walk with distinctive answers, each page with other page options.
    for n in range(SHELL_CACHE_SIZE + 20):
        data = MultiDict([("emergency_now", "none"), ("where", "eyelid"), ("where", "leg_calf"),
                          ("current", "where"), ("action", "continue")])
        assert client.post(f"/quiz?accent=%23{n:06x}", data=data).status_code == 200
        assert len(shells) <= SHELL_CACHE_SIZE
    text = "".join(part for shell in shells.values() for part in shell.parts)
    assert 'name="where" value="eyelid"' in client.post("/quiz", data=data).get_data(as_text=True)  # on the page,
    assert 'value="eyelid"' not in text and 'value="none"' not in text  # never in a shell


def test_with_templates_reloading_pages_render_straight():
    from app import create_app

    app = create_app({"TEMPLATES_AUTO_RELOAD": True})  # as in debug mode: a template may change
    assert app.extensions["shells"] is None
    response = app.test_client(use_cookies=False).get("/quiz")
    assert response.status_code == 200
    assert f'name="current" value="{app.extensions["quiz"].content.questions[0].id}"' in response.get_data(as_text=True)
