"""The quiz works with JavaScript switched off: every control is a plain link or form button."""

from __future__ import annotations

import pytest

from ..support.cases import CARE_LEVEL_CASES
from .conftest import CONTINUE, click_and_wait, click_through, open_state, page_kind

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page(browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_quiz_completes_without_javascript(page, base_url):
    seen = []

    def visit(kind, response):
        seen.append(kind)
        # The enhancement script never ran: the page still says so.
        assert page.get_attribute("html", "class") == "tq-no-js", kind

    assert click_through(page, base_url, CARE_LEVEL_CASES["emergency"], visit) == "result:emergency"
    assert "interruption" in seen and "check" in seen
    assert page.locator(".tq-care-card--emergency").is_visible()
    # Controls that need the script are hidden rather than broken.
    assert page.locator(".tq-js-only").count() > 0
    for control in page.locator(".tq-js-only").all():
        assert not control.is_visible()


def test_errors_and_back_without_javascript(page):
    page.goto("/")
    click_and_wait(page, 'main a[href*="/quiz"]')
    first = page_kind(page).removeprefix("question:")

    click_and_wait(page, CONTINUE)  # nothing chosen
    assert page.title().startswith("Error: ")
    assert page.locator(".tq-error-summary").is_visible()
    assert page.locator(".tq-error-message").is_visible()
    assert page.locator(".tq-error-summary a").get_attribute("href") == "#" + page.locator(f'main input[name="{first}"]').first.get_attribute("id")

    page.check(f'main input[name="{first}"][value="none"]')
    click_and_wait(page, CONTINUE)
    second = page_kind(page)
    assert second != f"question:{first}"
    # Back is a form button: it posts the answers and shows the earlier question, still answered.
    click_and_wait(page, "button.tq-back__link")
    assert page_kind(page) == f"question:{first}"
    assert page.is_checked(f'main input[name="{first}"][value="none"]')
    click_and_wait(page, CONTINUE)
    assert page_kind(page) == second


def test_details_open_without_javascript(page, quiz_states):
    """Detail on the result sits in native <details>: a click opens it with the script off."""
    open_state(page, quiz_states["result:self-care"])
    warning_signs = page.locator("main details", has=page.locator("summary", has_text="All warning signs"))
    assert not warning_signs.locator(".tq-details__text").is_visible()
    warning_signs.locator("summary").click()
    assert warning_signs.locator(".tq-details__text").is_visible()
    assert warning_signs.locator("li").count() >= 20  # every warning sign


def test_ticked_by_mistake_goes_back_without_javascript(page, quiz_states):
    open_state(page, quiz_states["interruption"])
    click_and_wait(page, "main button[name=action][value=revise]")
    assert page_kind(page) == "question:emergency_now"
    assert page.locator("main input[name=emergency_now]:checked").count() >= 1  # the tick is there to change
