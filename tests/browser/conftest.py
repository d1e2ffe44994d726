"""Shared helpers for the real-browser tests (Debian's Chromium driven by Playwright).

- `quiz_states`: every page type and state of the app (STATE_LABELS), each reachable again with
  one request. Recorded once per session by clicking through the quiz, so the hidden-answer
  POSTs are exactly the ones the pages themselves send.
- `open_state(page, state)`: open one of them (a GET, or a real form POST from one of the app's
  own pages, or from about:blank for a cross-site POST).
- `click_through(page, base_url, answers)`: answer the quiz by clicking, from intro to result.
- `axe_check(page, label)`: axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page and its frames.
- `layout_problems(page)`, `small_targets(page)`: horizontal scrolling, cut-off controls, and
  touch targets under 24x24 CSS px (WCAG 2.5.8).
- `SCREENSHOTS`: the git-ignored folder the screenshot tests write to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from quiz.domain.content import load_content

from ..support.cases import CARE_LEVEL_CASES

SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa")
QUESTION_IDS = tuple(question.id for question in load_content().questions)
ERROR_QUESTION = "duration"  # the question shown with a validation error (a radio group)
TOO_BIG = 64 * 1024  # bytes in a POST body: far over the app's MAX_CONTENT_LENGTH

STATE_LABELS = (
    "intro",
    *(f"question:{question_id}" for question_id in QUESTION_IDS),
    f"question-error:{ERROR_QUESTION}",
    "interruption",
    "check",
    *(f"result:{level}" for level in CARE_LEVEL_CASES),
    "summary",
    "diary",
    "error:400",
    "error:403",
    "error:404",
    "error:413",
    "embed",
)


@pytest.fixture(scope="session")
def base_url(live_server):
    """pytest-playwright's `page`/`context` fixtures resolve relative URLs against the live server."""
    return live_server.url


# ---------------------------------------------------------------------------------------------
# Reaching pages


@dataclass(frozen=True)
class PageState:
    """One page the browser can open again with a single request."""

    label: str
    url: str
    fields: tuple[tuple[str, str], ...] | None = None  # None: a GET; else the form fields to POST
    cross_site: bool = False  # POST from a page of another site (about:blank)
    status: int = 200


# A function of ([action, fields]) that submits a real form; the Lighthouse script uses it too.
SUBMIT_FORM = "\n".join(
    line for line in (Path(__file__).parent.parent / "support" / "submit_form.js").read_text(encoding="utf-8").splitlines()
    if not line.startswith("//")  # Playwright takes the text as a function only if it starts as one
)


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def post_form(page, url: str, fields, cross_site: bool = False):
    """Submit a real HTML form, as a browser does: from a page of the app's own origin, or from
    about:blank, whose opaque origin makes the POST cross-site. Returns the navigation response."""
    if cross_site:
        page.goto("about:blank")
    elif not page.url.startswith(origin_of(url) + "/"):
        page.goto(origin_of(url) + "/")
    with page.expect_navigation() as navigation:
        page.evaluate(SUBMIT_FORM, [url, [list(field) for field in fields]])
    return navigation.value


def open_state(page, state: PageState):
    """Open a recorded page state; fail if the server answers with another status."""
    if state.fields is None:
        response = page.goto(state.url)
    else:
        response = post_form(page, state.url, state.fields, state.cross_site)
    assert response is not None, f"{state.label}: no response"
    assert response.status == state.status, f"{state.label}: HTTP {response.status}, expected {state.status}"
    if state.label.split(":")[0] in ("intro", "question", "interruption", "check", "result"):
        assert page_kind(page) == state.label, f"{state.label}: the page shows {page_kind(page)}"
    return response


def page_kind(page) -> str:
    """What is on screen: 'intro', 'question:<id>', 'interruption', 'check', 'result:<care level>'."""
    return page.evaluate(
        """() => {
          const main = document.querySelector("main");
          if (document.querySelector(".tq-interruption")) return "interruption";
          const current = main.querySelector("form input[name=current]");
          if (current && main.querySelector("fieldset")) return "question:" + current.value;
          if (main.querySelector('form[action*="/result"]')) return "check";
          const card = main.querySelector(".tq-care-card");
          if (card) return "result:" + [...card.classList].find(c => c.startsWith("tq-care-card--")).slice(14);
          if (main.querySelector('a[href*="/quiz"]')) return "intro";
          return "other";
        }"""
    )


def click_and_wait(page, selector: str):
    """Click a control that submits or follows a link; return the navigation response."""
    with page.expect_navigation() as navigation:
        page.click(selector)
    return navigation.value


CONTINUE = "main button[name=action][value=continue]"
RESUME = "main button[name=action][value=resume]"
SEE_RESULT = 'main form[action*="/result"] button:not([name])'
START = 'main a[href*="/quiz"]'


def click_through(page, base_url: str, answers: dict[str, list[str]], visit=None, quick: bool = False,
                  max_pages: int = 40, start: str = "/") -> str:
    """Answer the quiz by clicking, from the intro (at `start`, e.g. "/?lang=es") to the result;
    returns 'result:<care level>'.

    visit(kind, response) is called for every page on the way, the result included.
    quick: click through the elements' own click() in one call per page, without Playwright's
    per-action waits (the same form submissions, three times faster); for recording, not for
    proving that a person can use the page.
    """

    def press(selector: str, checks: tuple[str, ...] = ()):
        with page.expect_navigation() as navigation:
            if quick:
                page.evaluate(
                    """([checks, selector]) => {
                      for (const check of checks) { const input = document.querySelector(check); if (!input.checked) input.click(); }
                      document.querySelector(selector).click();
                    }""",
                    [list(checks), selector],
                )
            else:
                for check in checks:
                    page.check(check)
                page.click(selector)
        return navigation.value

    response = page.goto(base_url + start)
    for _ in range(max_pages):
        assert response is not None and response.status == 200, f"HTTP {response and response.status} at {page.url}"
        kind = page_kind(page)
        if visit:
            visit(kind, response)
        if kind == "intro":
            response = press(START)
        elif kind == "interruption":
            response = press(RESUME)
        elif kind == "check":
            response = press(SEE_RESULT)
        elif kind.startswith("result:"):
            return kind
        elif kind.startswith("question:"):
            question_id = kind.removeprefix("question:")
            checks = tuple(f'main input[name="{question_id}"][value="{value}"]' for value in answers[question_id])
            response = press(CONTINUE, checks)
        else:
            raise AssertionError(f"unexpected page at {page.url}: {page.title()}")
    raise AssertionError("the quiz did not end")


def state_from(label: str, response, status: int = 200) -> PageState:
    request = response.request
    if request.method == "GET":
        return PageState(label, request.url, status=status)
    return PageState(label, request.url, tuple(parse_qsl(request.post_data or "", keep_blank_values=True)), status=status)


@pytest.fixture(scope="session")
def quiz_states(browser, live_server) -> dict[str, PageState]:
    """Every page type and state, keyed by the labels in STATE_LABELS.

    Recorded by clicking through the quiz, most urgent case first, until every question, the
    interruption and the check page have been seen (the emergency case alone shows them all).
    The other care levels' results are then opened by posting their answers, as the check
    page's form does; open_state confirms each shows the expected care level.
    """
    base = live_server.url
    states: dict[str, PageState] = {"intro": PageState("intro", base + "/")}
    walk_labels = {label for label in STATE_LABELS if label.startswith("question:")} | {"interruption", "check"}
    context = browser.new_context()
    page = context.new_page()
    try:
        for level, answers in reversed(CARE_LEVEL_CASES.items()):
            if walk_labels <= states.keys():
                fields = tuple((question, value) for question, values in answers.items() for value in values)
                states[f"result:{level}"] = PageState(f"result:{level}", base + "/result", fields)
                continue

            def record(kind, response):
                states.setdefault(kind, state_from(kind, response))

            assert click_through(page, base, answers, record, quick=True) == f"result:{level}"

        # A validation error: Continue with nothing chosen.
        open_state(page, states[f"question:{ERROR_QUESTION}"])
        response = click_and_wait(page, CONTINUE)
        assert page.locator("[data-tq-error-summary]").count() == 1
        states[f"question-error:{ERROR_QUESTION}"] = state_from(f"question-error:{ERROR_QUESTION}", response)

        # 400: an earlier answer, carried in a hidden field, changed in the page before sending.
        open_state(page, states["question:feel"])
        page.locator('main input[type=hidden][name="where"]').first.evaluate("input => { input.value = 'tampered'; }")
        page.check("main input[name=feel]")
        states["error:400"] = state_from("error:400", click_and_wait(page, CONTINUE), status=400)
    finally:
        context.close()

    # The one-page summary for the doctor gets the same answers as the result (in a new tab).
    states["summary"] = PageState("summary", base + "/summary", states["result:urgent"].fields)
    states["diary"] = PageState("diary", base + "/diary")
    carried = states["question:feel"].fields
    states["error:403"] = PageState("error:403", base + "/quiz", carried, cross_site=True, status=403)
    states["error:404"] = PageState("error:404", base + "/no-such-page", status=404)
    states["error:413"] = PageState("error:413", base + "/quiz", (*carried, ("where", "x" * TOO_BIG)), status=413)
    states["embed"] = PageState("embed", base + "/embed")  # the publisher's page

    missing = set(STATE_LABELS) - set(states)
    assert not missing, f"the walks did not reach {sorted(missing)}: add a case to tests/cases.py"
    return states


# ---------------------------------------------------------------------------------------------
# Checks


def axe_check(page, label: str, rules: list[str] | None = None) -> None:
    """Run axe-core (WCAG 2.0/2.1/2.2 A and AA rules, or just `rules`) on the page and each frame.

    Fails listing every violation as: page label, rule id, impact, element target and summary.
    """
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": list(AXE_TAGS)}
    options = {"runOnly": run_only, "resultTypes": ["violations"], "iframes": False}
    problems = []
    for frame in page.frames:
        if frame.url in ("", "about:blank"):
            continue
        if not frame.evaluate("typeof window.axe === 'object'"):
            frame.evaluate(AXE_SCRIPT)
        violations = frame.evaluate("options => axe.run(document, options).then(r => r.violations)", options)
        where = label if frame is page.main_frame else f"{label} (frame {frame.url})"
        for violation in violations:
            for node in violation["nodes"]:
                summary = " ".join(node.get("failureSummary", "").split())
                problems.append(
                    f"{where}: {violation['id']} ({violation['impact']}) at {' > '.join(map(str, node['target']))}"
                    f"\n    {violation['help']}. {summary}"
                )
    assert not problems, f"{len(problems)} accessibility problem(s):\n" + "\n".join(problems)


# Everything a visitor can click, tap or focus.
INTERACTIVE = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])"

LAYOUT_PROBLEMS = """(selector) => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth)
    problems.push(`the page scrolls sideways: ${root.scrollWidth}px of content in ${root.clientWidth}px`);
  const width = root.clientWidth;
  for (const el of document.querySelectorAll(selector)) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    // Not shown: hidden, visually hidden (1px), or parked off-screen until focused (skip link).
    if (box.width <= 1 || box.height <= 1 || style.visibility === "hidden" || box.right <= 0) continue;
    const name = el.outerHTML.slice(0, 80);
    if (box.left < -0.5 || box.right > width + 0.5)
      problems.push(`cut off (${Math.round(box.left)}..${Math.round(box.right)} of ${width}px): ${name}`);
    // Content wider than its control is cut off (overflow hidden) or spills out (visible); a
    // scroll container (auto, scroll: the diary's table) is meant to scroll.
    const scrolls = style.overflowX === "auto" || style.overflowX === "scroll";
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && !scrolls)
      problems.push(`content wider than its control (${el.scrollWidth}px in ${el.clientWidth}px): ${name}`);
  }
  return problems;
}"""

SMALL_TARGETS = """(selector) => {
  // WCAG 2.5.8 Target Size (Minimum): 24 by 24 CSS px, unless a 24 px circle centred on the
  // target touches no other target (spacing), or the target is inline in a sentence.
  const shown = [...document.querySelectorAll(selector)].filter(el => {
    const box = el.getBoundingClientRect();
    return box.width > 1 && box.height > 1 && box.right > 0 && getComputedStyle(el).visibility !== "hidden";
  });
  const inSentence = el => {
    if (getComputedStyle(el).display !== "inline") return false;
    const block = el.parentElement.closest("p, li, dd, figcaption, td, label, div");
    return block && block.textContent.trim() !== el.textContent.trim();
  };
  const boxes = shown.map(el => el.getBoundingClientRect());
  const small = [];
  shown.forEach((el, i) => {
    const box = boxes[i];
    if (box.width >= 23.99 && box.height >= 23.99) return;
    if (inSentence(el)) return;
    const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
    const crowded = boxes.some((other, j) => {
      if (j === i || shown[j].contains(el) || el.contains(shown[j])) return false;
      // The circle may not touch another target, nor another undersized target's circle.
      const dx = Math.max(other.left - cx, 0, cx - other.right);
      const dy = Math.max(other.top - cy, 0, cy - other.bottom);
      if (Math.hypot(dx, dy) < 12) return true;
      const undersized = other.width < 23.99 || other.height < 23.99;
      const ox = other.left + other.width / 2, oy = other.top + other.height / 2;
      return undersized && Math.hypot(ox - cx, oy - cy) < 24;
    });
    if (crowded) small.push(`${Math.round(box.width)}x${Math.round(box.height)} px: ${el.outerHTML.slice(0, 80)}`);
  });
  return small;
}"""


def layout_problems(page) -> list[str]:
    """Horizontal scrolling, and controls that stick out of the viewport or out of their own box."""
    return page.evaluate(LAYOUT_PROBLEMS, INTERACTIVE)


def small_targets(page) -> list[str]:
    """Targets under 24x24 CSS px that are neither spaced out nor inline in a sentence."""
    return page.evaluate(SMALL_TARGETS, INTERACTIVE)
