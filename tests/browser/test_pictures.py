"""Pictures and take-away pages in Chromium: the body map on the "where" question, the explainer's
fit chart and care scale, the doctor summary (on screen and printed) and the twitch diary."""

from __future__ import annotations

import re

import pytest

from ..support.cases import CARE_LEVEL_CASES, answers
from ..web.test_summary import EVERYTHING, REGIONS
from ..support.server import LiveServer
from .conftest import CONTINUE, SCREENSHOTS, SUBMIT_FORM, axe_check, click_and_wait, post_form
from .test_embed_browser import HostSite

pytestmark = pytest.mark.browser

WIDTHS = {"phone": 360, "desktop": 1280}
BEFORE_WHERE = [("emergency_now", "none"), ("current", "emergency_now"), ("action", "continue")]


def fields(raw: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(name, value) for name, values in raw.items() for value in values]


def open_where(page, base_url: str) -> None:
    post_form(page, base_url + "/quiz", BEFORE_WHERE)
    assert page.locator("main h1").inner_text() == "Where do you feel the twitching?"


def open_result(page, base_url: str, raw: dict[str, list[str]]) -> None:
    assert post_form(page, base_url + "/result", fields(raw)).status == 200


def open_summary(page, base_url: str, raw: dict[str, list[str]]) -> None:
    assert post_form(page, base_url + "/summary", fields(raw)).status == 200


def region(page, option: str):
    return page.locator(f'[data-tq-input="where-{option}"]')


def ticks(page) -> dict[str, tuple[bool, bool]]:
    """For each mapped option: (its checkbox is ticked, its body map region says it is checked)."""
    return {
        option: (page.is_checked(f"#where-{option}"), region(page, option).get_attribute("aria-checked") == "true")
        for option in REGIONS
    }


def expect_ticked(page, *ticked: str) -> None:
    assert ticks(page) == {option: (option in ticked, option in ticked) for option in REGIONS}


# A point where the region itself is painted and would receive a click: the bounding box's middle
# can be a hole (the face around the eyes) or empty (the arms of both figures).
POINT_IN_REGION = """(selector) => {
  const region = document.querySelector(selector);
  for (const shape of region.querySelectorAll("path, ellipse")) {
    const box = shape.getBBox();
    for (let i = 2; i < 9; i++) for (let j = 2; j < 9; j++) {
      const point = new DOMPoint(box.x + box.width * i / 10, box.y + box.height * j / 10);
      if (!shape.isPointInFill(point)) continue;
      const screen = point.matrixTransform(shape.getScreenCTM());
      const hit = document.elementFromPoint(screen.x, screen.y);
      if (hit && region.contains(hit)) return {x: screen.x, y: screen.y};
    }
  }
  return null;
}"""


def click_region(page, option: str) -> None:
    target = region(page, option)
    target.scroll_into_view_if_needed()
    point = page.evaluate(POINT_IN_REGION, f'[data-tq-input="where-{option}"]')
    assert point, f"no clickable point in the {option} region"
    page.mouse.click(point["x"], point["y"])


# ---------------------------------------------------------------------------------------------
# Body map


def test_body_map_mirrors_checkboxes_by_mouse(page, base_url):
    open_where(page, base_url)
    assert page.locator("[data-tq-bodymap] svg").is_visible()
    expect_ticked(page)

    click_region(page, "back_lower")
    expect_ticked(page, "back_lower")
    click_region(page, "eyelid")  # the band across the eyes is the eyelid, not the face
    expect_ticked(page, "back_lower", "eyelid")
    click_region(page, "face")
    click_region(page, "arm_hand")
    expect_ticked(page, "back_lower", "eyelid", "face", "arm_hand")
    click_region(page, "eyelid")  # a second click unticks
    expect_ticked(page, "back_lower", "face", "arm_hand")

    # The other way: ticking a checkbox highlights its region.
    page.check("#where-leg_calf")
    page.uncheck("#where-face")
    expect_ticked(page, "back_lower", "arm_hand", "leg_calf")
    fill = region(page, "leg_calf").evaluate("g => getComputedStyle(g.querySelector('path')).fill")
    plain = region(page, "other").evaluate("g => getComputedStyle(g.querySelector('path')).fill")
    assert fill != plain, "a selected region looks the same as an unselected one"

    # What the map chose is what the form sends, carried to the next question.
    click_and_wait(page, CONTINUE)
    assert page.locator("main h1").inner_text().startswith("What does the twitching feel like?")
    carried = page.locator('main form input[type=hidden][name="where"]').evaluate_all("inputs => inputs.map(i => i.value)")
    assert sorted(carried) == ["arm_hand", "back_lower", "leg_calf"]

    # Back again: the answers come back ticked, and the map says so as soon as it shows.
    click_and_wait(page, "button.tq-back__link")
    expect_ticked(page, "back_lower", "arm_hand", "leg_calf")


def test_body_map_by_keyboard(page, base_url):
    open_where(page, base_url)
    page.focus("#where-moving")  # the last checkbox; the map's regions come next
    focus_order = []
    for _ in REGIONS:
        page.keyboard.press("Tab")
        focus_order.append(page.evaluate("document.activeElement.getAttribute('data-tq-input')"))
    assert focus_order == [f"where-{option}" for option in REGIONS]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('button[value=continue]')")

    page.focus('[data-tq-input="where-back_upper"]')
    unfocused = region(page, "back_lower").evaluate("g => getComputedStyle(g).outlineStyle + getComputedStyle(g.querySelector('path')).fill")
    page.keyboard.press("Space")
    expect_ticked(page, "back_upper")
    page.keyboard.press("Tab")
    focused = region(page, "back_lower").evaluate("g => getComputedStyle(g).outlineStyle + getComputedStyle(g.querySelector('path')).fill")
    assert focused != unfocused, "keyboard focus on a region is not visible"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect_ticked(page, "back_upper", "eyelid")
    scrolled = page.evaluate("window.scrollY")
    page.keyboard.press("Space")
    expect_ticked(page, "back_upper")
    assert page.evaluate("window.scrollY") == scrolled, "Space on a region scrolled the page"

    # The checkboxes by keyboard highlight the regions too.
    page.focus("#where-face")
    page.keyboard.press("Space")
    expect_ticked(page, "back_upper", "face")
    page.focus('[data-tq-input="where-other"]')
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    carried = page.locator('main form input[type=hidden][name="where"]').evaluate_all("inputs => inputs.map(i => i.value)")
    assert sorted(carried) == ["back_upper", "face"]


def test_body_map_names_in_the_accessibility_tree(page, base_url, content):
    """Chromium's own accessibility tree: inside a named group, each region is a checkbox named by
    its option's label, with the same state as the form's checkbox of that name."""
    open_where(page, base_url)
    page.check("#where-eyelid")
    question = content.questions_by_id["where"]
    cdp = page.context.new_cdp_session(page)
    nodes = {n["nodeId"]: n for n in cdp.send("Accessibility.getFullAXTree")["nodes"]}

    def role(node) -> str:
        return node.get("role", {}).get("value", "")

    def name(node) -> str:
        return node.get("name", {}).get("value", "")

    def checked(node) -> bool:
        return any(p["name"] == "checked" and p["value"]["value"] == "true" for p in node.get("properties", []))

    def below(node) -> list[dict]:
        found = []
        for child_id in node.get("childIds", []):
            child = nodes[child_id]
            found += [child, *below(child)]
        return found

    groups = [n for n in nodes.values() if role(n) == "group" and name(n) == "Or select on the body map"]
    assert len(groups) == 1
    inside = [n for n in below(groups[0]) if not n.get("ignored")]
    on_map = [(name(n), checked(n)) for n in inside if role(n) == "checkbox"]
    assert on_map == [(question.option(option).label, option == "eyelid") for option in REGIONS]
    in_form = {name(n): checked(n) for n in nodes.values() if role(n) == "checkbox" and n not in inside}
    assert all(in_form[label] == state for label, state in on_map)
    assert not [name(n) for n in inside if role(n) in ("StaticText", "text")], "the figure's own labels are decoration"


def test_body_map_is_hidden_without_javascript(browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    try:
        page = context.new_page()
        open_where(page, base_url)
        assert page.locator("[data-tq-bodymap]").count() == 1
        assert not page.locator("[data-tq-bodymap]").is_visible()
        page.check("#where-face")
        click_and_wait(page, CONTINUE)
        assert page.locator("main h1").inner_text() == "What does the twitching feel like?"
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------
# Explainer pictures


def test_fit_chart_bars_match_the_scores(page, base_url):
    raw = answers(caffeine=["five_plus"], lately=["poor_sleep", "worried_search"])
    open_result(page, base_url, raw)
    items = page.locator(".tq-fit__item")
    assert items.count() == 3
    widths = []
    for item in items.all():
        track = item.locator(".tq-fit__track").bounding_box()["width"]
        fill = item.locator(".tq-fit__fill").bounding_box()["width"] if item.locator(".tq-fit__fill").get_attribute("width") != "0" else 0
        widths.append(round(100 * fill / track))
    # caffeine 5 (the full bar) and tiredness 3 fit strongly; worry 1 of 5 may play a part.
    assert widths == [100, 60, 20]
    texts = [t.strip() for t in page.locator(".tq-fit__text").all_inner_texts()]
    assert texts == ["Strong fit", "Strong fit", "Some fit"]  # the strength in words, never a count
    assert page.locator(".tq-scale__step--current").inner_text().split("\n")[0] == "Self-care"


# ---------------------------------------------------------------------------------------------
# Doctor summary and diary


def pdf_pages(page, paper: str) -> int:
    pdf = page.pdf(format=paper)
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def visible_controls(where) -> list[str]:
    """Links and buttons a printout would show, in a page or a part of one."""
    return where.locator("a[href], button, input:not([type=hidden])").evaluate_all(
        "els => els.filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')"
        ".map(e => e.outerHTML.slice(0, 80))"
    )


NOT_GREY = """(root) => [root, ...root.querySelectorAll("*")].flatMap(el => {
  const s = getComputedStyle(el);
  return [s.color, s.backgroundColor, s.borderTopColor].filter(c => {
    const [r, g, b, a = 1] = c.match(/[\\d.]+/g).map(Number);
    return a > 0 && !(r === g && g === b);
  }).map(c => `${el.tagName.toLowerCase()}.${el.className}: ${c}`);
})"""


def test_take_this_to_your_doctor_prints_one_page(page, base_url, content):
    open_result(page, base_url, CARE_LEVEL_CASES["non-urgent"])
    with page.context.expect_page() as opened:
        page.get_by_role("button", name=re.compile("^Take this to your doctor")).click()
    summary = opened.value
    summary.wait_for_load_state()
    assert summary.locator("h1").inner_text() == "Take this to your doctor"
    assert summary.locator(".tq-header").is_visible()  # on screen: the app's own navigation
    assert page.locator(".tq-care-card").is_visible()  # the explainer stays open in its own tab

    summary.emulate_media(media="print")
    assert visible_controls(summary) == [], "print shows navigation or controls"
    for chrome in (".tq-header", ".tq-footer", ".tq-actions", ".tq-skip-link"):
        assert not summary.locator(chrome).is_visible()
    card = summary.locator(".tq-care-card--non-urgent")
    assert card.is_visible()
    assert "the twitching has lasted more than 2 weeks" in card.inner_text()
    assert card.evaluate(NOT_GREY) == [], "the printed care card is not black and white"
    assert summary.locator(".tq-print-only").first.is_visible()  # the write-in lines
    for paper in ("A4", "Letter"):
        assert pdf_pages(summary, paper) == 1, paper
    axe_check(summary, "summary, printed")


def test_summary_opens_from_a_cross_site_frame(browser):
    """A health site frames the quiz: "Take this to your doctor" still works (the POST comes from
    the quiz's own frame) and opens a tab of its own, so printing it never prints the host page."""
    host = HostSite()
    host.thread.start()
    app = LiveServer(env={"FLASK_FRAME_ANCESTORS": host.origin}).start()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(host.page("/article", f'<iframe title="Twitching quiz" name="quiz" src="{app.url}/" width="800" height="700"></iframe>'))
        frame = page.frame(name="quiz")
        frame.wait_for_selector("main h1")
        with frame.expect_navigation():
            frame.evaluate(SUBMIT_FORM, [app.url + "/result", [list(f) for f in fields(CARE_LEVEL_CASES["urgent"])]])
        assert frame.locator("h1").inner_text() == "Your twitching explained"
        with context.expect_page() as opened:
            frame.get_by_role("button", name=re.compile("^Take this to your doctor")).click()
        summary = opened.value
        summary.wait_for_load_state()
        assert summary.url == app.url + "/summary"
        assert summary.locator("h1").inner_text() == "Take this to your doctor"
        assert summary.locator(".tq-care-card--urgent").is_visible()
        assert page.frame(name="quiz").url == app.url + "/result"  # the explainer stays in the frame
    finally:
        context.close()
        app.stop()
        host.server.shutdown()


@pytest.mark.parametrize("level", CARE_LEVEL_CASES)
def test_summary_fits_one_page_for_each_care_level(page, base_url, level):
    open_summary(page, base_url, CARE_LEVEL_CASES[level])
    page.emulate_media(media="print")
    assert page.locator(f".tq-care-card--{level}").is_visible()
    assert pdf_pages(page, "Letter") == 1


def test_summary_with_every_answer_keeps_the_card_whole(page, base_url):
    """The longest possible summary may take a second page, but the care card is never split and
    comes first."""
    open_summary(page, base_url, EVERYTHING)
    page.emulate_media(media="print")
    assert page.locator(".tq-care-card--emergency").is_visible()
    assert page.locator(".tq-care-card").evaluate("card => getComputedStyle(card).breakInside") == "avoid"
    assert page.locator(".tq-care-card").evaluate(NOT_GREY) == []
    assert page.locator(".tq-scale").evaluate(NOT_GREY) == []
    current = page.locator(".tq-scale__step--current")
    assert current.evaluate("el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]") == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    assert pdf_pages(page, "Letter") <= 2
    assert visible_controls(page) == []


def test_diary_prints_on_one_page(page, base_url):
    page.goto("/diary")
    table = page.locator("table")
    headers = table.locator("thead th").all_inner_texts()
    assert [h.split("\n")[0] for h in headers] == ["Date", "Where", "How long", "Caffeine", "Sleep", "Exercise", "Stress"]
    assert table.locator("tbody tr").count() == 14
    page.emulate_media(media="print")
    for chrome in (".tq-header", ".tq-footer", ".tq-actions"):
        assert not page.locator(chrome).is_visible()
    assert visible_controls(page) == visible_controls(page.locator(".tq-doc"))  # only the source link
    for paper in ("A4", "Letter"):
        assert pdf_pages(page, paper) == 1, paper


# ---------------------------------------------------------------------------------------------
# axe and screenshots of each, at phone and desktop widths


PAPER_WIDTH = 680  # CSS px of an A4 page less the print margins: what a printout lays out in


@pytest.mark.parametrize("device, scheme", [("phone", "light"), ("desktop", "light"), ("phone", "dark")])
def test_pictures_pass_axe_and_are_photographed(browser, base_url, device, scheme):
    """Each picture and take-away page on screen at phone and desktop width (and dark on a phone),
    and as printed (at a paper's width: a printout is laid out for the paper, not the screen)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    width = WIDTHS[device]
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    suffix = device if scheme == "light" else f"{device}-{scheme}"

    def shoot(name: str) -> None:
        axe_check(page, f"{name} at {width} px, {scheme}")
        page.screenshot(path=SCREENSHOTS / f"pictures-{name}-{suffix}.png", full_page=True, animations="disabled")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways"

    def shoot_printed(name: str) -> None:
        page.emulate_media(media="print")
        page.set_viewport_size({"width": PAPER_WIDTH, "height": 800})
        axe_check(page, f"{name}, printed")
        page.screenshot(path=SCREENSHOTS / f"pictures-{name}-print.png", full_page=True, animations="disabled")
        page.emulate_media(media="screen")
        page.set_viewport_size({"width": width, "height": 800})

    try:
        open_where(page, base_url)
        click_region(page, "back_upper")
        page.check("#where-leg_calf")
        page.focus('[data-tq-input="where-eyelid"]')
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # keyboard focus, so the focus style shows
        shoot("bodymap")
        open_result(page, base_url, answers(caffeine=["five_plus"], lately=["stress", "exercise"], duration=["months"]))
        page.locator(".tq-fit").scroll_into_view_if_needed()
        shoot("result")
        open_summary(page, base_url, CARE_LEVEL_CASES["urgent"])
        shoot("summary")
        if device == "desktop":
            shoot_printed("summary")
        open_summary(page, base_url, CARE_LEVEL_CASES["emergency"])
        shoot("summary-emergency")
        page.goto("/diary")
        shoot("diary")
        if device == "desktop":
            shoot_printed("diary")
    finally:
        context.close()
