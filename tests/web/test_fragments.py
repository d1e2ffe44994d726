"""Content fragments rendered at start-up (quiz/fragments.py), and result pages made from a shell
and those fragments, the same as the templates rendered straight for each visitor."""

from __future__ import annotations

import html

import pytest
from werkzeug.datastructures import MultiDict

from app import create_app
from quiz.web import security

from ..support.cases import CARE_LEVEL_CASES

REGIONS = ("us", "uk", "eu")


def result_form(answers) -> MultiDict:
    return MultiDict([(name, value) for name, values in answers.items() for value in values])


@pytest.fixture
def fixed_nonce(monkeypatch):
    monkeypatch.setattr(security.secrets, "token_urlsafe", lambda size=16: "fixed-nonce")


def test_every_content_item_has_its_fragment_from_start_up(tmp_path):
    app = create_app({"STATIC_BUILD_DIR": str(tmp_path)})  # no request made yet
    content = app.extensions["quiz"].content
    made = app.extensions["fragments"].made
    assert made["source"].keys() == content.sources.keys()
    assert made["flag"].keys() == {flag.id for flag in content.red_flags}
    assert made["section"].keys() == {section.id for section in content.sections}
    assert made["cause"].keys() == {cause.id for cause in content.causes}
    for source in content.sources.values():
        assert f'<li id="source-{source.id}">' in made["source"][source.id]
        assert source.title in html.unescape(made["source"][source.id])
    for flag in content.red_flags:
        assert flag.card_text in html.unescape(made["flag"][flag.id])
    for section in content.sections:
        assert f'id="section-{section.id}"' in made["section"][section.id]
    for cause in content.causes:
        passage = cause.explanation[0]
        text = passage.text if passage.source else content.quotes[passage.quote].text
        assert text in html.unescape(made["cause"][cause.id])


@pytest.mark.parametrize("level", list(CARE_LEVEL_CASES))
def test_result_pages_are_what_the_templates_render_straight(fixed_nonce, tmp_path, level):
    from_shells = create_app({"STATIC_BUILD_DIR": str(tmp_path)}).test_client(use_cookies=False)
    # Templates that reload render every page straight (quiz/pages.py render_shell).
    straight = create_app({"STATIC_BUILD_DIR": str(tmp_path), "TEMPLATES_AUTO_RELOAD": True}).test_client(use_cookies=False)
    assert straight.application.extensions["shells"] is None
    for region in REGIONS:
        for _ in range(2):  # the second time from the cached shell
            page = from_shells.post(f"/result?region={region}", data=result_form(CARE_LEVEL_CASES[level]))
            assert page.status_code == 200
            expected = straight.post(f"/result?region={region}", data=result_form(CARE_LEVEL_CASES[level]))
            assert page.get_data(as_text=True) == expected.get_data(as_text=True), f"{level} in {region}"
