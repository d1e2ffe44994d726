"""axe-core's WCAG 2.0/2.1/2.2 A and AA rules on every page type and state, in Chromium."""

from __future__ import annotations

from dataclasses import replace

import pytest

from .conftest import STATE_LABELS, axe_check, open_state

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 1024, "height": 768})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("label", STATE_LABELS)
def test_no_axe_violations(page, quiz_states, label):
    open_state(page, quiz_states[label])
    axe_check(page, label)


def test_axe_check_reports_rule_element_and_page(page, quiz_states):
    """The check itself can fail, and says what, where and on which page."""
    open_state(page, quiz_states["intro"])
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img id=no-alt src=/nothing.png>')")
    with pytest.raises(AssertionError) as failure:
        axe_check(page, "intro with an image without alt")
    message = str(failure.value)
    assert "intro with an image without alt: image-alt" in message and "#no-alt" in message


def test_no_axe_violations_on_phone_with_error_focused(browser, quiz_states):
    """The error state as a phone shows it, after the script has moved focus to the summary."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        state = quiz_states["question-error:duration"]
        open_state(page, state)
        assert page.evaluate("document.activeElement.matches('[data-tq-error-summary]')")
        axe_check(page, state.label + " at 320 px")
    finally:
        context.close()


@pytest.mark.parametrize("label", STATE_LABELS)
def test_no_axe_violations_in_spanish(page, quiz_states, label):
    state = quiz_states[label]
    language = "hl" if label == "embed" else "lang"  # the publisher page's `lang` is the snippet's
    url = state.url + ("&" if "?" in state.url else "?") + f"{language}=es"
    open_state(page, replace(state, url=url))
    assert page.evaluate("document.documentElement.lang") == "es"
    axe_check(page, label + " in Spanish")


@pytest.mark.parametrize("label", ["result:self-care", "result:emergency"])
def test_no_axe_violations_with_every_detail_open(page, quiz_states, label):
    """What sits behind "More about ..." and "All warning signs" is checked too, opened."""
    open_state(page, quiz_states[label])
    opened = page.evaluate("[...document.querySelectorAll('main details')].map(d => d.open = true).length")
    assert opened >= 2
    axe_check(page, label + " with every detail open")


def test_no_axe_violations_in_spanish_with_every_detail_open(page, quiz_states):
    """The quotes' English originals (lang="en", behind a details) and the English sources too."""
    state = quiz_states["result:self-care"]
    open_state(page, replace(state, url=state.url + "?lang=es"))
    opened = page.evaluate("[...document.querySelectorAll('main details')].map(d => d.open = true).length")
    assert page.locator("main blockquote[lang=en]").count() >= 1 and opened >= 3
    axe_check(page, "result:self-care in Spanish with every detail open")
