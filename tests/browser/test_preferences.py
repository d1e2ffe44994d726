"""The visitor's settings: a dark colour scheme and reduced motion are honoured on every page,
and colours keep enough contrast in both schemes (light is covered by test_accessibility)."""

from __future__ import annotations

import pytest

from .conftest import STATE_LABELS, axe_check, open_state

pytestmark = pytest.mark.browser

LUMINANCE = """(colour) => {
  const [r, g, b] = colour.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => {
    v /= 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}"""

PAGE_COLOURS = """() => {
  const body = getComputedStyle(document.body);
  return [body.backgroundColor, body.color];
}"""

MOVING = """() => {
  const moving = [];
  for (const el of [document.documentElement, ...document.querySelectorAll("*")]) {
    for (const pseudo of [null, "::before", "::after"]) {
      const s = getComputedStyle(el, pseudo);
      const seconds = list => list.split(",").some(t => parseFloat(t) > 0);
      if ((s.animationName !== "none" && seconds(s.animationDuration)) || seconds(s.transitionDuration))
        moving.push(`${el.tagName.toLowerCase()}${pseudo || ""}.${el.className}: ${s.animationName} ${s.animationDuration}, transition ${s.transitionDuration}`);
    }
  }
  if (getComputedStyle(document.documentElement).scrollBehavior === "smooth") moving.push("smooth scrolling");
  return moving;
}"""


def luminance(page, colour: str) -> float:
    return page.evaluate(LUMINANCE, colour)


@pytest.fixture(scope="module")
def page(browser, base_url):
    context = browser.new_context(base_url=base_url, color_scheme="dark", reduced_motion="reduce")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("label", STATE_LABELS)
def test_dark_scheme_and_reduced_motion(page, quiz_states, label):
    open_state(page, quiz_states[label])
    background, text = page.evaluate(PAGE_COLOURS)
    assert luminance(page, background) < 0.05, f"{label}: background {background} is not dark"
    assert luminance(page, text) > 0.5, f"{label}: text {text} is not light"
    axe_check(page, f"{label} (dark)", rules=["color-contrast", "link-in-text-block"])
    assert page.evaluate(MOVING) == [], f"{label}: moves although the visitor asked for reduced motion"


def test_light_scheme_is_light(browser, base_url):
    """The same page really changes with the setting (the dark test above is not vacuous)."""
    context = browser.new_context(base_url=base_url, color_scheme="light")
    try:
        page = context.new_page()
        page.goto("/")
        background, text = page.evaluate(PAGE_COLOURS)
        assert luminance(page, background) > 0.9 and luminance(page, text) < 0.05
    finally:
        context.close()
