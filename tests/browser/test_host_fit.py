"""The quiz as part of a host article: colour theme, headings and alignment, heights that say
nothing about answers, strict (cross-origin isolated) hosts, and the publisher page that builds
the snippet. Host pages on http://localhost:PORT_A frame the app on http://127.0.0.1:PORT_B."""

from __future__ import annotations

import pytest

from ..support.cases import CARE_LEVEL_CASES
from ..support.server import LiveServer
from .conftest import SCREENSHOTS, START, axe_check, click_and_wait
from .test_embed_browser import (
    ANSWER_PAGES, LOADER_MIN, RECORDER, HostSite, fill_height, frame_of, snippets, walk_in_frame,
)

pytestmark = pytest.mark.browser

LUMINANCE = """() => {
  const colour = getComputedStyle(document.body).backgroundColor;
  const [r, g, b] = colour.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => {
    v /= 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}"""
ARTICLE_STYLE = "margin:0 auto;max-width:40rem;padding:0 16px;font:18px/1.6 Georgia,serif"
DARK_ARTICLE_STYLE = ARTICLE_STYLE + ";background:#121212;color:#e8e8e8"
ARTICLE_TEXT = ("<p>Muscle twitches are common, and most have a harmless cause. "
                "The short quiz below explains what may be behind yours.</p>")


@pytest.fixture(scope="module")
def sites():
    host = HostSite()
    host.thread.start()
    app = LiveServer(env={"FLASK_FRAME_ANCESTORS": host.origin}).start()
    yield host, app
    app.stop()
    host.server.shutdown()


@pytest.fixture
def new_page(browser):
    contexts = []

    def make(**options):
        context = browser.new_context(**{"viewport": {"width": 1024, "height": 720}, **options})
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def article(host, app, path: str, options: str, dark_host: bool = False) -> str:
    loader, _ = snippets(app.url, options)
    return host.page(path, f"{ARTICLE_TEXT}{loader}<p>More of the article.</p>{RECORDER}",
                     body_style=DARK_ARTICLE_STYLE if dark_host else ARTICLE_STYLE)


# ---------------------------------------------------------------------------------------------
# 1. Theme: light by default in a frame, whatever the reader's device says


@pytest.mark.parametrize(("options", "scheme", "dark"), [
    ("", "dark", False),  # the default in a frame: light, even on a dark device
    ("theme=dark", "light", True),
    ("theme=auto", "dark", True),
    ("theme=auto", "light", False),
    ("theme=light", "dark", False),
])
def test_theme_in_a_frame(new_page, sites, options, scheme, dark):
    host, app = sites
    page = new_page(color_scheme=scheme)
    page.goto(article(host, app, f"/theme-{options or 'default'}-{scheme}", options + "&compact=1"))
    frame = frame_of(page, "[data-twitch-quiz] iframe")
    luminance = frame.evaluate(LUMINANCE)
    assert (luminance < 0.05) if dark else (luminance > 0.9), f"{options} on a {scheme} device: {luminance}"
    axe_check(page, f"{options or 'default'} on a {scheme} device", rules=["color-contrast", "link-in-text-block"])
    # Still so on the next page (a question): the theme travels with the frame's links.
    click_and_wait(frame, START)
    assert ((frame.evaluate(LUMINANCE) < 0.05) if dark else (frame.evaluate(LUMINANCE) > 0.9))
    axe_check(page, f"first question, {options or 'default'} on a {scheme} device", rules=["color-contrast"])


def test_plain_iframe_is_light_on_a_dark_device(new_page, sites):
    """No loader, no host option: the browser's Sec-Fetch-Dest tells the app it is framed."""
    host, app = sites
    _, plain = snippets(app.url, "")
    page = new_page(color_scheme="dark")
    page.goto(host.page("/plain-dark", plain))
    assert frame_of(page, "iframe").evaluate(LUMINANCE) > 0.9
    # The same page on its own follows the device.
    page.goto(app.url + "/")
    assert page.evaluate(LUMINANCE) < 0.05


# ---------------------------------------------------------------------------------------------
# 2. Headings under the host's headline; compact text lines up with the article's


@pytest.mark.parametrize("width", [360, 1280])
def test_headings_and_alignment_in_a_host_article(new_page, sites, width):
    host, app = sites
    page = new_page(viewport={"width": width, "height": 800})
    page.goto(article(host, app, f"/align-{width}", "compact=1&accent=%230b7a75"))
    frame = frame_of(page, "[data-twitch-quiz] iframe")
    host_text_left = page.evaluate("document.querySelector('p').getBoundingClientRect().left")
    frame_left = page.evaluate("document.querySelector('[data-twitch-quiz] iframe').getBoundingClientRect().left")
    for kind in ("intro", "question"):
        h1 = frame.evaluate("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")
        assert h1 <= 24, f"{kind}: the quiz's heading is {h1}px, bigger than 1.5rem"
        text_left = frame.evaluate("document.querySelector('main h1').getBoundingClientRect().left")
        assert abs(frame_left + text_left - host_text_left) <= 1, f"{kind}: quiz text at {frame_left + text_left}, article at {host_text_left}"
        assert frame.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        if kind == "intro":
            # The accent colours the button, and the focus ring.
            assert frame.evaluate("getComputedStyle(document.querySelector('.tq-button')).backgroundColor") == "rgb(11, 122, 117)"
            click_and_wait(frame, START)
    frame.focus("main .tq-choices__input")
    page.keyboard.press("Tab")
    assert frame.evaluate("document.activeElement.matches('.tq-choices__input:focus-visible')")
    assert frame.evaluate("getComputedStyle(document.activeElement).outlineColor") == "rgb(11, 122, 117)"
    axe_check(page, f"framed question at {width}px")


def test_outside_a_frame_the_headings_stay_large(new_page, sites):
    _, app = sites
    page = new_page(viewport={"width": 1280, "height": 800})
    page.goto(app.url + "/")
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)") > 30


# ---------------------------------------------------------------------------------------------
# 3. Heights: two answer sets with the same care level and other causes look the same to the host


def other_causes(answers: dict[str, list[str]]) -> dict[str, list[str]]:
    """The same answers with different causes: caffeine and what has been going on lately changed."""
    changed = dict(answers)
    changed["caffeine"] = ["none"] if answers["caffeine"] == ["five_plus"] else ["five_plus"]
    changed["lately"] = ["stress", "poor_sleep", "exercise"] if answers["lately"] == ["none"] else ["none"]
    return changed


def host_view(page, frame, answers) -> tuple[list, list[str], int]:
    """Walk the quiz; return what the host saw: per page, the messages' types and the final
    reported height ('fill' on pages that report none), plus the page kinds and the frame's height."""
    kinds = walk_in_frame(frame, answers, lambda kind: page.wait_for_timeout(60))
    page.wait_for_timeout(500)
    messages = [m["data"] for m in page.evaluate("quizMessages") if m["fromQuiz"]]
    pages, current = [], None
    for message in messages:
        if message["type"] == "ready":
            current = {"events": [], "height": None}
            pages.append(current)
        elif message["type"] == "resize":
            current["height"] = message["height"]
        elif message["type"] == "fill":
            current["height"] = "fill"
        else:
            current["events"].append({k: v for k, v in message.items() if k not in ("source", "v")})
    assert len(pages) == len(kinds), (len(pages), kinds)
    for kind, seen in zip(kinds, pages):
        if kind.split(":")[0] in ANSWER_PAGES:
            assert seen["height"] == "fill", f"{kind} posted a height: {seen}"
    height = page.evaluate("document.querySelector('[data-twitch-quiz] iframe').getBoundingClientRect().height")
    return pages, kinds, round(height)


@pytest.mark.parametrize("level", ["self-care"])  # the longest result, with the most answer-built content
def test_heights_do_not_depend_on_answers_beyond_the_care_level(new_page, sites, level):
    host, app = sites
    first, second = CARE_LEVEL_CASES[level], other_causes(CARE_LEVEL_CASES[level])
    views = []
    for answers in (first, second):
        page = new_page()
        page.goto(article(host, app, "/heights", ""))
        frame = frame_of(page, "[data-twitch-quiz] iframe")
        views.append(host_view(page, frame, answers))
    (pages_a, kinds_a, height_a), (pages_b, kinds_b, height_b) = views
    assert kinds_a == kinds_b and kinds_a[-1] == f"result:{level}"
    # The answers differ, and so do the pages built from them (else this test would prove nothing).
    assert first != second
    # The host sees exactly the same messages and heights for both.
    assert pages_a == pages_b
    assert height_a == height_b == fill_height(page)

    # On the result, opening every <details> and content growing change nothing the host sees.
    before = len(page.evaluate("quizMessages"))
    frame.evaluate("""() => {
      document.querySelectorAll("details").forEach(details => { details.open = true; });
      const extra = document.createElement("div");
      extra.style.height = "3000px";
      document.querySelector("main").appendChild(extra);
    }""")
    page.wait_for_timeout(600)
    assert len(page.evaluate("quizMessages")) == before
    assert round(page.evaluate("document.querySelector('[data-twitch-quiz] iframe').getBoundingClientRect().height")) == height_b
    # The explainer scrolls inside the frame.
    assert frame.evaluate("document.scrollingElement.scrollHeight") > height_b


def test_answer_pages_respect_the_publishers_bounds(new_page, sites):
    host, app = sites
    loader, _ = snippets(app.url, "")
    loader = loader.replace("<div data-twitch-quiz", '<div data-max-height="400" data-twitch-quiz', 1)
    page = new_page()
    page.goto(host.page("/bounded", f"{loader}{RECORDER}"))
    frame = frame_of(page, "[data-twitch-quiz] iframe")
    walk_in_frame(frame, CARE_LEVEL_CASES["non-urgent"])
    page.wait_for_function("() => document.querySelector('[data-twitch-quiz] iframe').getBoundingClientRect().height === 400")
    assert fill_height(page, bottom=400) == 400 and LOADER_MIN < 400


# ---------------------------------------------------------------------------------------------
# 5. Hosts that isolate themselves (COEP require-corp)


ISOLATION = [("Cross-Origin-Embedder-Policy", "require-corp"), ("Cross-Origin-Opener-Policy", "same-origin")]


def test_the_loader_works_in_a_cross_origin_isolated_host(new_page, sites):
    host, app = sites
    loader, _ = snippets(app.url, "")
    page = new_page()
    page.goto(host.page("/isolated", f"{loader}{RECORDER}", headers=ISOLATION))
    assert page.evaluate("crossOriginIsolated") is True
    frame = frame_of(page, "[data-twitch-quiz] iframe")
    page.wait_for_function("() => quizEvents.some(e => e.type === 'ready')")
    click_and_wait(frame, START)
    page.wait_for_function("() => quizEvents.some(e => e.type === 'question')")


def test_a_credentialless_plain_frame_works_in_an_isolated_host(new_page, sites):
    host, app = sites
    _, plain = snippets(app.url, "")
    page = new_page()
    page.goto(host.page("/isolated-plain", plain.replace("<iframe ", "<iframe credentialless ", 1), headers=ISOLATION))
    assert page.evaluate("crossOriginIsolated") is True
    frame = frame_of(page, "iframe")
    click_and_wait(frame, START)
    assert frame.locator("main fieldset").count() == 1


def test_a_file_without_corp_cross_origin_is_blocked_in_an_isolated_host(new_page, sites):
    """The header is what lets the loader in: app.css (CORP same-origin) is blocked in the same host."""
    host, app = sites
    page = new_page()
    blocked = []
    page.on("requestfailed", lambda request: blocked.append(request.url))
    page.goto(host.page("/isolated-probe", f'<script src="{app.url}/static/css/app.css"></script>', headers=ISOLATION))
    page.wait_for_timeout(300)
    assert any(url.endswith("/static/css/app.css") for url in blocked), blocked


# ---------------------------------------------------------------------------------------------
# 4. The publisher page builds the snippet


def test_publisher_page_builds_the_snippet_live(new_page, sites):
    _, app = sites
    page = new_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app.url)
    page.goto(app.url + "/embed")
    page.locator(".tq-embed-preview").scroll_into_view_if_needed()  # the preview frame loads lazily
    frame_of(page, "[data-twitch-quiz] iframe")
    # Theme: the snippet, the oEmbed address and the preview follow.
    page.check("#theme-dark")
    page.wait_for_function("() => document.querySelector('[data-twitch-quiz]').dataset.theme === 'dark'")
    assert 'data-theme="dark"' in page.locator("#loader-snippet").inner_text()
    assert "theme=dark" in page.locator("#page-link").inner_text()
    assert "theme%3Ddark" in page.locator("main").inner_text()  # the oEmbed address
    page.locator(".tq-embed-preview").scroll_into_view_if_needed()  # the preview frame loads lazily
    assert frame_of(page, "[data-twitch-quiz] iframe").evaluate(LUMINANCE) < 0.05
    # The colour picker fills in the hex field beside it, and the snippet follows.
    page.locator("#accent-picker").evaluate(
        "input => { input.value = '#0b7a75'; input.dispatchEvent(new Event('input', {bubbles: true}));"
        " input.dispatchEvent(new Event('change', {bubbles: true})); }")
    assert page.input_value("#accent") == "#0b7a75"
    page.wait_for_function("() => document.querySelector('[data-twitch-quiz]').dataset.accent === '#0b7a75'")
    # Copy: the button says "Copied" and the clipboard holds the snippet.
    button = page.locator("[data-tq-copy=loader-snippet]")
    button.click()
    page.wait_for_function("() => document.querySelector('[data-tq-copy=loader-snippet]').textContent === 'Copied'")
    assert page.evaluate("navigator.clipboard.readText()") == page.locator("#loader-snippet").inner_text()
    assert "Copied" in page.locator("[data-tq-copy=loader-snippet] + [data-tq-copied]").inner_text()
    axe_check(page, "publisher page after changes")


def test_copy_falls_back_to_selecting_the_text(new_page, sites):
    _, app = sites
    page = new_page()
    page.goto(app.url + "/embed")
    page.evaluate("() => { navigator.clipboard.writeText = () => Promise.reject(new Error('refused')); }")
    page.click("[data-tq-copy=plain-snippet]")
    page.wait_for_function("() => getSelection().toString().startsWith('<iframe')")
    assert page.evaluate("getSelection().toString()") == page.locator("#plain-snippet").inner_text()
    assert "Selected" in page.locator("[data-tq-copy=plain-snippet] + [data-tq-copied]").inner_text()


def test_publisher_page_in_spanish_keeps_its_language_and_the_options_live(new_page, sites):
    """Switched to Spanish, the page stays Spanish as options change; its switch keeps them, and the
    copy button speaks Spanish."""
    _, app = sites
    page = new_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app.url)
    page.goto(app.url + "/embed?region=uk")
    page.click(".tq-language__link[hreflang=es]")
    assert page.evaluate("document.documentElement.lang") == "es"
    page.check("#theme-dark")
    page.wait_for_function("() => document.querySelector('[data-twitch-quiz]').dataset.theme === 'dark'")
    assert "hl=es" in page.url and "theme=dark" in page.url
    assert page.locator("#snippet").inner_text() == "Su código"  # the fresh part came in Spanish
    back = page.locator(".tq-language__link[hreflang=en]").get_attribute("href")
    assert "theme=dark" in back and "region=uk" in back and "hl=en" in back
    page.click("[data-tq-copy=loader-snippet]")
    page.wait_for_function("() => document.querySelector('[data-tq-copy=loader-snippet]').textContent === 'Copiado'")


# ---------------------------------------------------------------------------------------------
# Screenshots to look at: a plain host article, light and dark, phone and desktop; the publisher page


@pytest.mark.parametrize("host_scheme", ["light", "dark"])
def test_screenshot_in_a_host_article(new_page, sites, host_scheme):
    """The intro, a question and a result at 360 px from one walk; the result, then a fresh intro,
    at 1280 px (the window is widened only once nothing more is clicked on the page)."""
    host, app = sites
    SCREENSHOTS.mkdir(exist_ok=True)
    dark = host_scheme == "dark"
    page = new_page(viewport={"width": 360, "height": 900}, color_scheme=host_scheme)
    options = "compact=1" + ("&theme=dark" if dark else "")
    url = article(host, app, f"/shot-{host_scheme}", options, dark_host=dark)
    page.goto(url)
    frame = frame_of(page, "[data-twitch-quiz] iframe")

    def shoot(name, width=360):
        page.wait_for_timeout(300)
        page.screenshot(path=SCREENSHOTS / f"host-{host_scheme}-{width}-{name}.png", full_page=True)

    shoot("intro")
    click_and_wait(frame, START)
    shoot("question")
    walk_in_frame(frame, CARE_LEVEL_CASES["non-urgent"])
    shoot("result")
    page.set_viewport_size({"width": 1280, "height": 900})
    shoot("result", 1280)
    page.goto(url)
    frame_of(page, "[data-twitch-quiz] iframe")
    shoot("intro", 1280)


@pytest.mark.parametrize("width", [360, 1280])
def test_screenshot_publisher_page(new_page, sites, width):
    _, app = sites
    SCREENSHOTS.mkdir(exist_ok=True)
    page = new_page(viewport={"width": width, "height": 900})
    page.goto(app.url + "/embed?theme=light&accent=%230b7a75&compact=1")
    page.locator(".tq-embed-preview").scroll_into_view_if_needed()
    frame_of(page, "[data-twitch-quiz] iframe")
    page.wait_for_timeout(400)
    page.screenshot(path=SCREENSHOTS / f"publisher-{width}.png", full_page=True)
