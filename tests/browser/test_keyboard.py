"""The quiz by keyboard alone: Tab, Space, Enter and arrow keys, with a visible focus throughout."""

from __future__ import annotations

import pytest

from ..support.cases import CARE_LEVEL_CASES
from .conftest import CONTINUE, ERROR_QUESTION, INTERACTIVE, RESUME, SEE_RESULT, START, page_kind

pytestmark = pytest.mark.browser

# Installed in each page: the styles that make focus visible, and how every control looks
# before it has focus.
REMEMBER_UNFOCUSED = """(selector) => {
  // A focus indicator is an outline, a shadow or a background: a change of text colour alone
  // is too faint to count.
  window.tqStyleOf = el => {
    const s = getComputedStyle(el);
    const outline = s.outlineStyle === "none" || parseFloat(s.outlineWidth) === 0
      ? "none" : [s.outlineStyle, s.outlineWidth, s.outlineColor].join(" ");
    return [outline, s.boxShadow, s.backgroundColor].join(" | ");
  };
  window.tqUnfocused = new Map([...document.querySelectorAll(selector)]
    .filter(el => el !== document.activeElement).map(el => [el, tqStyleOf(el)]));
}"""

FOCUS_REPORT = """() => {
  const style = window.tqStyleOf;
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  return {
    name: el.outerHTML.slice(0, 100),
    unfocused: window.tqUnfocused.get(el) ?? null,
    focused: style(el),
    inView: box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
  };
}"""


class Keyboard:
    """Drives a page with key presses only, and checks the focus after every Tab."""

    def __init__(self, page):
        self.page = page
        self.presses = 0

    def loaded(self) -> None:
        self.page.evaluate(REMEMBER_UNFOCUSED, INTERACTIVE)

    def press(self, key: str) -> None:
        self.presses += 1
        self.page.keyboard.press(key)

    def press_and_load(self, key: str) -> None:
        with self.page.expect_navigation() as navigation:
            self.press(key)
        assert navigation.value.status == 200
        self.loaded()

    def assert_focus_visible(self) -> None:
        report = self.page.evaluate(FOCUS_REPORT)
        assert report["unfocused"] is not None, f"focus went to an unexpected element: {report['name']}"
        assert report["focused"] != report["unfocused"], f"focus is not visible on {report['name']}"
        assert report["inView"], f"the focused element is out of view: {report['name']}"

    def tab_to(self, selector: str, limit: int = 60) -> None:
        for _ in range(limit):
            self.press("Tab")
            if self.page.evaluate("s => document.activeElement.matches(s)", selector):
                self.assert_focus_visible()
                return
            if self.page.evaluate("document.activeElement !== document.body"):
                self.assert_focus_visible()
        raise AssertionError(f"Tab never reached {selector} on {self.page.url}")

    def focused(self, selector: str) -> bool:
        return self.page.evaluate("s => document.activeElement.matches(s)", selector)


def answer_by_keyboard(keys: Keyboard, question_id: str, values: list[str]) -> None:
    page = keys.page
    kind = page.get_attribute(f'main input[name="{question_id}"]', "type")
    if kind == "checkbox":
        for value in values:
            keys.tab_to(f'input[name="{question_id}"][value="{value}"]')
            keys.press("Space")
    else:
        (value,) = values
        target = f'input[name="{question_id}"][value="{value}"]'
        if not keys.focused(f'input[name="{question_id}"]'):
            keys.tab_to(f'input[name="{question_id}"]')
        for _ in range(page.locator(f'main input[name="{question_id}"]').count()):
            if page.is_checked(target):
                break
            keys.press("ArrowDown")
            keys.assert_focus_visible()
    for value in values:
        assert page.is_checked(f'input[name="{question_id}"][value="{value}"]'), f"{question_id}={value} not chosen"


def test_quiz_by_keyboard_alone(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 1024, "height": 768})
    page = context.new_page()
    keys = Keyboard(page)
    answers = CARE_LEVEL_CASES["emergency"]
    try:
        page.goto("/")
        keys.loaded()
        # The skip link comes first, shows itself, and moves focus to the main content.
        keys.press("Tab")
        assert keys.focused(".tq-skip-link")
        assert page.evaluate("document.activeElement.getBoundingClientRect().left >= 0")
        keys.assert_focus_visible()
        keys.press("Enter")
        assert keys.focused("main")

        keys.tab_to(START)
        keys.press_and_load("Enter")
        seen = []
        errored = False
        for _ in range(40):
            kind = page_kind(page)
            seen.append(kind)
            if kind.startswith("result:"):
                break
            if kind == "interruption":
                keys.tab_to(RESUME)
                keys.press_and_load("Space")
            elif kind == "check":
                keys.tab_to(SEE_RESULT)
                keys.press_and_load("Enter")
            else:
                question_id = kind.removeprefix("question:")
                if question_id == ERROR_QUESTION and not errored:
                    errored = True
                    keys.tab_to(CONTINUE)
                    keys.press_and_load("Enter")
                    check_error_summary_has_focus(keys, question_id)
                answer_by_keyboard(keys, question_id, answers[question_id])
                keys.tab_to(CONTINUE)
                keys.press_and_load("Enter")
        assert seen[-1] == "result:emergency", seen
        assert "interruption" in seen and errored
        print(f"quiz completed with {keys.presses} key presses over {len(seen)} pages")
    finally:
        context.close()


def check_error_summary_has_focus(keys: Keyboard, question_id: str) -> None:
    page = keys.page
    assert page.title().startswith("Error: ")
    assert keys.focused("[data-tq-error-summary]"), "focus did not move to the error summary"
    assert page.evaluate("scrollY") == 0
    focused, unfocused = page.evaluate(
        """() => {
          const style = window.tqStyleOf;
          const summary = document.activeElement;
          const focused = style(summary);
          summary.blur();
          const unfocused = style(summary);
          summary.focus({preventScroll: true});
          return [focused, unfocused];
        }"""
    )
    assert focused != unfocused, "the focused error summary looks the same as when it has no focus"
    # Its link leads to the first option of the question.
    keys.tab_to(".tq-error-summary a")
    keys.press("Enter")
    assert keys.focused(f'input[name="{question_id}"]'), "the error link did not move focus to the question"
    keys.assert_focus_visible()
