"""The quiz in Spanish in a real browser: one walk to each care level's result, each page in
Spanish, and the language switch on the result bringing the same result back in English."""

from __future__ import annotations

import pytest

from ..support.cases import CARE_LEVEL_CASES
from .conftest import click_and_wait, click_through, page_kind

pytestmark = pytest.mark.browser

CARE_HEADINGS = {  # the care card's heading on a US result, in Spanish
    "emergency": "Llame al 911",
    "urgent": "Llame hoy a su médico, o vaya a un centro de atención de urgencias",
    "non-urgent": "Pida una cita con su médico",
    "self-care": "Por ahora, cuídese en casa",
}


@pytest.fixture(scope="module")
def page(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 1024, "height": 768})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("level", CARE_LEVEL_CASES)
def test_walk_in_spanish_to_each_care_level(page, base_url, level):
    seen = []

    def visit(kind, response):
        assert page.evaluate("document.documentElement.lang") == "es", kind
        assert "lang=es" in response.url, response.url  # the choice travels in the address, as a page option
        seen.append(kind)
        if kind == "interruption":
            assert page.inner_text("h1") == "Busque ayuda ahora"
            assert page.locator("main a.tq-call[href='tel:911']").inner_text() == "Llame al 911"

    assert click_through(page, base_url, CARE_LEVEL_CASES[level], visit, start="/?lang=es") == f"result:{level}"
    assert ("interruption" in seen) == (level == "emergency")
    assert page.inner_text("h1") == "Sus espasmos, explicados"
    assert CARE_HEADINGS[level] in page.inner_text(".tq-care-card__heading")
    assert page.inner_text("#sources") == "Fuentes"
    summary = page.inner_text(".tq-summary-lead")
    assert summary.startswith("Como nos dijo que" if level != "self-care" else "Por ahora, puede tratar esto en casa.")

    # The switch posts the answers again: the same result, in English, and no answer in the URL.
    click_and_wait(page, "nav.tq-language button[lang=en]")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page_kind(page) == f"result:{level}"
    assert page.inner_text("h1") == "Your twitching explained"
    assert page.url.endswith("/result?lang=en")
