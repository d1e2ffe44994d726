"""A 320 CSS px wide screen, at normal and at 200% text size: nothing scrolls sideways, no control
is cut off, and every touch target is at least 24x24 CSS px (WCAG 1.4.4, 1.4.10, 2.5.8)."""

from __future__ import annotations

import pytest

from .conftest import STATE_LABELS, layout_problems, open_state, small_targets

pytestmark = pytest.mark.browser

# Text at 200%: every size in the stylesheet is in rem or em, so doubling the root font size
# doubles all text, as a browser's text-only zoom does. Set through the CSSOM, which the
# page's Content-Security-Policy allows (an injected <style> element it would block).
DOUBLE_TEXT = "document.documentElement.style.fontSize = '200%'"


@pytest.fixture(scope="module")
def page(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 320, "height": 640}, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("label", STATE_LABELS)
def test_fits_320px_at_normal_and_double_text_size(page, quiz_states, label):
    open_state(page, quiz_states[label])
    assert page.evaluate("document.documentElement.clientWidth") == 320
    problems = [f"at 320 px: {p}" for p in layout_problems(page)]
    problems += [f"touch target too small: {p}" for p in small_targets(page)]
    normal_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.evaluate(DOUBLE_TEXT)
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") == 2 * normal_size
    problems += [f"at 320 px, text 200%: {p}" for p in layout_problems(page)]
    assert not problems, f"{label}:\n" + "\n".join(problems)


def test_checks_catch_a_wide_control(page, quiz_states):
    """The layout check itself can fail: a control pushed past the edge is reported."""
    open_state(page, quiz_states["intro"])
    page.evaluate("document.querySelector('main .tq-button').style.marginLeft = '300px'")
    problems = layout_problems(page)
    assert any("cut off" in p for p in problems) and any("scrolls sideways" in p for p in problems), problems
    page.evaluate("document.querySelector('main .tq-button').style.cssText = 'margin:0;padding:0;min-height:0;font-size:8px'")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<button>x</button><button>y</button>')")
    assert any("<button>x</button>" in p for p in small_targets(page))
