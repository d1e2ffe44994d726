"""The quiz inside another site's page, in Debian's Chromium with third-party cookies blocked.

A host site on http://localhost:PORT_A (a small server started here) frames the app, served by
gunicorn on http://127.0.0.1:PORT_B: two different sites, as a health site and the quiz would be.
The host pages paste the snippets the app's own publisher page (/embed) builds. Both browser
profiles pin "block third-party cookies"; one runs JavaScript, the other does not.
"""

from __future__ import annotations

import html
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, urlsplit
from urllib.request import urlopen

import pytest

from ..support.cases import CARE_LEVEL_CASES
from ..support.server import LiveServer
from .conftest import CONTINUE, RESUME, SEE_RESULT, START, click_and_wait, page_kind

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1024, "height": 720}
LOADER_MIN, LOADER_MAX = 320, 12000  # static/embed.js's default bounds
PLAIN_HEIGHT = 800  # the plain snippet's fixed height
MESSAGE_KEYS = {"source", "v", "type", "position", "careLevel", "height"}
EVENT_TYPES = ("ready", "started", "question", "emergency", "completed")
WALK_OPTIONS = "region=uk&accent=%230b7a75&compact=1"
ACCENT_RGB = "rgb(11, 122, 117)"  # #0b7a75

RECORDER = """<script>
  // What a publisher's analytics would see, and every message any frame posts to this page.
  window.quizEvents = []; window.quizMessages = [];
  %s.forEach(function (type) {
    document.addEventListener("twitch-quiz:" + type, function (event) {
      quizEvents.push({type: type, detail: event.detail, fromPlaceholder: event.target.hasAttribute("data-twitch-quiz")});
    });
  });
  addEventListener("message", function (event) {
    var frame = document.querySelector("[data-twitch-quiz] iframe");
    quizMessages.push({origin: event.origin, data: event.data, fromQuiz: !!frame && event.source === frame.contentWindow});
  });
</script>""" % json.dumps(EVENT_TYPES)


class HostSite:
    """The embedding site: serves `pages` (path -> HTML) and a cookie probe, on loopback."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        self.headers: dict[str, list[tuple[str, str]]] = {}  # path -> extra response headers
        pages, page_headers = self.pages, self.headers

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                path = self.path.split("?")[0]
                if path == "/probe":  # a cookie that could be sent in a cross-site frame, if allowed
                    body, extra = b"<!doctype html><title>probe</title>", [("Set-Cookie", "probe=1; SameSite=None; Secure; Path=/")]
                elif path in pages:
                    body, extra = pages[path].encode(), page_headers.get(path, [])
                else:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                for name, value in extra:
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.origin = f"http://localhost:{self.port}"  # a different site from 127.0.0.1
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def page(self, path: str, body: str, head: str = "", body_style: str = "margin:0",
             headers: list[tuple[str, str]] | None = None) -> str:
        self.pages[path] = (
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A health article</title>{head}</head>'
            f'<body style="{body_style}"><h1>A health article</h1>{body}</body></html>'
        )
        self.headers[path] = headers or []
        return self.origin + path


def snippets(app_url: str, options: str) -> tuple[str, str]:
    """The loader and plain-iframe snippets exactly as the publisher page shows them."""
    with urlopen(f"{app_url}/embed?{options}", timeout=5) as response:
        page = response.read().decode()
    codes = [html.unescape(code) for code in re.findall(r'<pre class="tq-code"><code[^>]*>(.*?)</code></pre>', page, re.S)]
    loader = next(code for code in codes if "data-twitch-quiz" in code)
    plain = next(code for code in codes if code.startswith("<iframe"))
    return loader, plain


@pytest.fixture(scope="module")
def sites():
    host = HostSite()
    host.thread.start()
    app = LiveServer(env={"FLASK_FRAME_ANCESTORS": host.origin}).start()
    loader, plain = snippets(app.url, WALK_OPTIONS)
    host.walk_url = host.page("/walk", f'<p>Before the quiz.</p>{loader}<p>After the quiz.</p>{RECORDER}')
    spanish_loader, _ = snippets(app.url, WALK_OPTIONS + "&lang=es")
    host.walk_url_es = host.page("/walk-es", f'<p>Antes del cuestionario.</p>{spanish_loader}<p>Después.</p>{RECORDER}')
    host.plain_url = host.page("/plain", f"{plain}{RECORDER}")
    yield host, app
    app.stop()
    host.server.shutdown()


def blocking_profile(tmp_path_factory, name: str) -> str:
    """A Chromium profile that blocks third-party cookies (../shared/research/testing-stack.md)."""
    profile = tmp_path_factory.mktemp(name)
    (profile / "Default").mkdir()
    (profile / "Default" / "Preferences").write_text(json.dumps({"profile": {"cookie_controls_mode": 1}}))
    return str(profile)


def assert_blocks_third_party_cookies(context, host: HostSite) -> None:
    """The profile really blocks them: a framed probe stores nothing; the same probe visited
    directly (a first-party cookie) is stored, so the probe itself works."""
    page = context.new_page()
    try:
        with page.expect_response(lambda response: response.url.endswith("/probe")):
            page.goto(host.page("/frames-probe", f'<iframe src="http://127.0.0.1:{host.port}/probe" title="probe"></iframe>'))
        page.wait_for_timeout(200)
        assert context.cookies() == [], "third-party cookies are not blocked in this profile"
        page.goto(f"http://127.0.0.1:{host.port}/probe")
        assert [cookie["name"] for cookie in context.cookies()] == ["probe"], "the probe cannot set a cookie"
    finally:
        page.close()
        context.clear_cookies()


@pytest.fixture(scope="module")
def js_context(browser_type, browser_type_launch_args, tmp_path_factory, sites):
    context = browser_type.launch_persistent_context(
        blocking_profile(tmp_path_factory, "js-profile"), **browser_type_launch_args, viewport=VIEWPORT
    )
    assert_blocks_third_party_cookies(context, sites[0])
    yield context
    context.close()


@pytest.fixture(scope="module")
def no_js_context(browser_type, browser_type_launch_args, tmp_path_factory, sites):
    context = browser_type.launch_persistent_context(
        blocking_profile(tmp_path_factory, "no-js-profile"), **browser_type_launch_args,
        viewport=VIEWPORT, java_script_enabled=False,
    )
    assert_blocks_third_party_cookies(context, sites[0])
    yield context
    context.close()


@pytest.fixture
def js_page(js_context):
    page = js_context.new_page()
    yield page
    page.close()


@pytest.fixture
def no_js_page(no_js_context):
    page = no_js_context.new_page()
    yield page
    page.close()


class Recorder:
    """Every response from the app and every console message, to check afterwards."""

    def __init__(self, page, app_url: str) -> None:
        self.responses = []
        self.console = []
        page.on("response", lambda response: response.url.startswith(app_url) and self.responses.append(response))
        page.on("console", lambda message: self.console.append(message.text))

    def assert_clean(self, context, at_least: int = 1) -> None:
        assert len(self.responses) >= at_least, f"only {len(self.responses)} responses from the app were seen"
        for response in self.responses:
            headers = response.all_headers()
            assert "set-cookie" not in headers, f"{response.url} sets a cookie"
            assert "x-frame-options" not in headers, response.url
        assert context.cookies() == [], "a cookie was stored"
        blocked = [text for text in self.console if "Content Security Policy" in text]
        assert not blocked, blocked


# ---------------------------------------------------------------------------------------------
# Walking the quiz inside a frame


def frame_of(page, selector: str):
    frame = page.wait_for_selector(selector).content_frame()
    frame.wait_for_load_state()
    frame.wait_for_selector("main")
    return frame


def walk_in_frame(frame, answers: dict[str, list[str]], each_page=None, max_pages: int = 40) -> list[str]:
    """Click through the quiz inside `frame` from the page it shows; returns the page kinds seen."""
    kinds = []
    for _ in range(max_pages):
        kind = page_kind(frame)
        kinds.append(kind)
        if each_page:
            each_page(kind)
        if kind == "intro":
            click_and_wait(frame, START)
        elif kind == "interruption":
            click_and_wait(frame, RESUME)
        elif kind == "check":
            click_and_wait(frame, SEE_RESULT)
        elif kind.startswith("result:"):
            return kinds
        elif kind.startswith("question:"):
            question = kind.removeprefix("question:")
            for value in answers[question]:
                frame.check(f"#{question}-{value}")
            click_and_wait(frame, CONTINUE)
        else:
            raise AssertionError(f"unexpected page in the frame: {frame.url}")
    raise AssertionError("the quiz did not end")


def fill_height(page, top: int = LOADER_MIN, bottom: int = LOADER_MAX) -> int:
    """The frame's height on a page built from answers: 90% of the host's window, within bounds."""
    return min(max(round(0.9 * page.evaluate("innerHeight")), top), bottom)


ANSWER_PAGES = ("check", "interruption", "result")  # pages whose content depends on the answers


def content_height(frame) -> int:
    return frame.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")


def wait_for_frame_height(page, expected: int) -> None:
    page.wait_for_function(
        "h => Math.round(document.querySelector('[data-twitch-quiz] iframe').getBoundingClientRect().height) === h",
        arg=expected, timeout=5000,
    )


def assert_leaving_links_open_new_tabs(frame) -> int:
    links = frame.evaluate(
        """() => [...document.querySelectorAll("a[href]")]
          .filter(a => a.protocol !== "tel:" && new URL(a.href).origin !== location.origin)  // a call leaves no page
          .map(a => ({href: a.href, target: a.target, rel: a.rel}))"""
    )
    for link in links:
        assert link["target"] == "_blank" and "noopener" in link["rel"].split(), link
    return len(links)


def open_and_expect_framing_refused(page, url: str) -> None:
    """Chromium refuses to show the app in the page's frame, naming CSP frame-ancestors."""
    with page.expect_console_message(lambda message: "frame-ancestors" in message.text, timeout=5000):
        page.goto(url)
    assert not page.frames[1].url.startswith("http"), page.frames[1].url


# ---------------------------------------------------------------------------------------------
# JavaScript on: the loader


# Two of the walks are in Spanish (the loader's data-lang="es"); with the plain frame's Spanish walks
# below, every care level is reached in Spanish in a frame.
@pytest.mark.parametrize(("level", "language"), [("emergency", "en"), ("urgent", "es"), ("non-urgent", "es"), ("self-care", "en")])
def test_loader_walk_to_each_care_level(js_context, js_page, sites, level, language):
    host, app = sites
    recorder = Recorder(js_page, app.url)
    js_page.goto(host.walk_url_es if language == "es" else host.walk_url)
    frame = frame_of(js_page, "[data-twitch-quiz] iframe")
    iframe = js_page.locator("[data-twitch-quiz] iframe")
    # The title screen readers announce on the host page is in the quiz's language.
    assert iframe.get_attribute("title") == {"en": "Muscle twitching quiz", "es": "Cuestionario sobre espasmos musculares"}[language]
    assert iframe.get_attribute("loading") == "lazy"
    assert iframe.get_attribute("referrerpolicy") == "no-referrer"
    assert iframe.get_attribute("allow") is None and iframe.get_attribute("sandbox") is None
    assert urlsplit(frame.url).netloc == urlsplit(app.url).netloc

    heights = {}

    def check_page(kind):
        # The frame is exactly as tall as its content, within the loader's bounds; on a page built
        # from answers, as tall as the host's window whatever the content.
        if kind.split(":")[0] in ANSWER_PAGES:
            expected = fill_height(js_page)
        else:
            expected = min(max(content_height(frame), LOADER_MIN), LOADER_MAX)
        wait_for_frame_height(js_page, expected)
        heights[kind] = expected
        assert frame.evaluate("document.documentElement.lang") == language, kind
        # Compact mode and the accent, through the nonce'd style (a CSP block would be logged).
        assert frame.locator(".tq-header, .tq-footer").count() == 0
        assert frame.evaluate("document.documentElement.className") == "tq-js"
        if kind == "interruption":
            assert "999" in frame.locator("main").inner_text()
            js_page.wait_for_function("() => quizEvents.at(-1).type === 'emergency'", timeout=5000)

    kinds = walk_in_frame(frame, CARE_LEVEL_CASES[level], check_page)
    assert kinds[-1] == f"result:{level}"
    assert frame.evaluate("getComputedStyle(document.querySelector('.tq-button')).backgroundColor") == ACCENT_RGB
    assert assert_leaving_links_open_new_tabs(frame) > 0
    # After the click on the check page, the explainer's top is in view: the frame's top is on
    # screen (the loader scrolls to it if the reader had scrolled past) and the new page starts at its top.
    top = js_page.evaluate("document.querySelector('[data-twitch-quiz] iframe').getBoundingClientRect().top")
    assert -1 <= top < VIEWPORT["height"] / 2, top
    assert frame.evaluate("scrollY") == 0

    # No growth loop: once settled, the frame's height stays and no more resizes come.
    settled = len([m for m in js_page.evaluate("quizMessages") if m["data"].get("type") == "resize"])
    js_page.wait_for_timeout(400)
    messages = js_page.evaluate("quizMessages")
    assert len([m for m in messages if m["data"].get("type") == "resize"]) == settled
    assert settled <= 3 * len(kinds), f"{settled} resize messages for {len(kinds)} pages"
    wait_for_frame_height(js_page, heights[kinds[-1]])

    # Messages: namespaced, versioned, from the quiz's origin, and never an answer.
    for message in messages:
        data = message["data"]
        assert message["origin"] == app.url and message["fromQuiz"], message
        assert set(data) <= MESSAGE_KEYS and data["source"] == "twitch-quiz" and data["v"] == 1, data
        assert data["type"] in (*EVENT_TYPES, "resize", "fill"), data
        assert data.get("careLevel") in (None, level), data

    # The publisher's CustomEvents: only position and care level, in order.
    events = js_page.evaluate("quizEvents")
    assert all(event["fromPlaceholder"] for event in events)
    questions = [kind for kind in kinds if kind.startswith("question:")]
    expected = [("ready", {}), ("started", {})]
    for kind in kinds[1:-2]:
        if kind == "interruption":
            expected.append(("emergency", {}))
        else:
            expected.append(("question", {"position": len([e for e in expected if e[0] == "question"]) + 1}))
    expected.append(("completed", {"careLevel": level}))
    assert [(event["type"], event["detail"]) for event in events] == expected
    assert len([e for e in expected if e[0] == "question"]) == len(questions)
    assert ("interruption" in kinds) == (level == "emergency")

    assert frame.evaluate("document.cookie") == ""
    recorder.assert_clean(js_context, at_least=len(kinds))


def test_loader_ignores_other_frames_and_forged_messages(js_page, sites):
    """The loader checks event.origin and event.source: another frame of the quiz, which also
    posts to this host, and a message forged by the page itself, fire nothing."""
    host, app = sites
    loader, _ = snippets(app.url, "")
    stranger = f'<iframe id="stranger" src="{app.url}/?host={quote(host.origin, safe="")}" title="Another frame" height="200"></iframe>'
    js_page.goto(host.page("/stranger", f"{stranger}{loader}{RECORDER}"))
    quiz_frame = frame_of(js_page, "[data-twitch-quiz] iframe")
    js_page.wait_for_function("() => quizEvents.length === 1")
    stranger_frame = frame_of(js_page, "#stranger")
    click_and_wait(stranger_frame, START)  # it posts started and question 1
    js_page.wait_for_function("() => quizMessages.filter(m => !m.fromQuiz && m.data.type === 'question').length === 1")
    js_page.evaluate("""() => {
      postMessage({source: "twitch-quiz", v: 1, type: "completed", careLevel: "urgent"}, "*");
      postMessage({source: "twitch-quiz", v: 1, type: "resize", height: 5000}, "*");
    }""")
    js_page.wait_for_timeout(300)
    assert js_page.evaluate("quizEvents.map(e => e.type)") == ["ready"]
    # The stranger's question page is taller than the quiz's intro: the height is the quiz's own.
    assert content_height(stranger_frame) != content_height(quiz_frame)
    wait_for_frame_height(js_page, max(content_height(quiz_frame), LOADER_MIN))


def test_loader_height_bounds(js_page, sites):
    host, app = sites
    loader, _ = snippets(app.url, "compact=1")
    # Both in view: Chromium pauses rendering (and so ResizeObserver) in cross-site frames out of view.
    short = loader.split("\n")[0].replace("<div data-twitch-quiz", '<div id="short" data-max-height="250" data-twitch-quiz', 1)
    tall = loader.replace("<div data-twitch-quiz", '<div id="tall" data-min-height="1500" data-twitch-quiz', 1)
    js_page.goto(host.page("/bounds", f"{short}{tall}"))
    for selector, bound in (("#short", 250), ("#tall", 1500)):
        frame = frame_of(js_page, f"{selector} iframe")
        height = content_height(frame)
        assert (height > 250) if selector == "#short" else (height < 1500), height
        js_page.wait_for_function(
            f"() => document.querySelector('{selector} iframe').getBoundingClientRect().height === {bound}", timeout=5000
        )
    # Above its maximum the content scrolls inside the frame.
    assert frame_of(js_page, "#short iframe").evaluate("document.scrollingElement.scrollHeight") > 250


def test_focus_never_scrolls_the_host_page(js_page, sites):
    """Moving focus to the error summary inside the frame leaves the host page where it is."""
    host, app = sites
    loader, _ = snippets(app.url, "")
    js_page.goto(host.page("/below", f'<div style="height:560px">Article text.</div>{loader}'))
    frame = frame_of(js_page, "[data-twitch-quiz] iframe")
    js_page.wait_for_function("() => document.querySelector('[data-twitch-quiz] iframe').getBoundingClientRect().height > 320")
    with frame.expect_navigation():  # clicks made by script: Playwright's own clicks scroll
        frame.locator(START).evaluate("link => link.click()")
    with frame.expect_navigation():
        frame.locator(CONTINUE).evaluate("button => button.click()")
    frame.wait_for_function("() => document.activeElement.matches('[data-tq-error-summary]')")
    js_page.wait_for_timeout(200)
    assert js_page.evaluate("scrollY") == 0


def test_plain_iframe_with_javascript(js_page, sites):
    """The plain snippet: fixed height, the quiz's script runs, and it posts nothing (no host)."""
    host, app = sites
    js_page.goto(host.plain_url)
    frame = frame_of(js_page, "iframe")
    assert frame.evaluate("document.documentElement.className") == "tq-js"
    click_and_wait(frame, START)
    js_page.wait_for_timeout(300)
    assert js_page.evaluate("quizMessages") == []
    assert js_page.evaluate("document.querySelector('iframe').getBoundingClientRect().height") == PLAIN_HEIGHT


def test_publisher_page_preview_and_live_update(js_context, js_page, sites):
    host, app = sites
    recorder = Recorder(js_page, app.url)
    js_page.goto(app.url + "/embed")
    js_page.locator(".tq-embed-preview").scroll_into_view_if_needed()  # the preview frame loads lazily
    frame = frame_of(js_page, "[data-twitch-quiz] iframe")
    js_page.wait_for_function("() => document.querySelector('[data-tq-preview-events]').innerText.includes('twitch-quiz:ready')")
    wait_for_frame_height(js_page, max(content_height(frame), LOADER_MIN))
    js_page.check("#region-eu")
    js_page.wait_for_function("() => document.querySelector('[data-twitch-quiz]').dataset.region === 'eu'")
    assert 'data-region="eu"' in js_page.locator("pre code").first.inner_text()
    js_page.locator(".tq-embed-preview").scroll_into_view_if_needed()
    frame = frame_of(js_page, "[data-twitch-quiz] iframe")
    assert "region=eu" in frame.locator("main a[href*='/quiz']").get_attribute("href")
    assert "region=eu" in js_page.url
    recorder.assert_clean(js_context)
    # The publisher page itself refuses to be framed (frame-ancestors 'none').
    open_and_expect_framing_refused(js_page, host.page("/frames-embed", f'<iframe src="{app.url}/embed" title="x"></iframe>'))


def test_frame_ancestors_keep_other_sites_out(js_page, sites):
    """http://127.0.0.1:PORT_A is not on FRAME_ANCESTORS (only http://localhost:PORT_A is)."""
    host, app = sites
    open_and_expect_framing_refused(js_page, host.plain_url.replace("localhost", "127.0.0.1"))


# ---------------------------------------------------------------------------------------------
# JavaScript off: the plain iframe


# The longest result, and the path through the interruption (the loader walks cover every level).
@pytest.mark.parametrize("level", ["self-care", "emergency"])
def test_plain_iframe_walk_without_javascript(no_js_context, no_js_page, sites, level):
    host, app = sites
    recorder = Recorder(no_js_page, app.url)
    no_js_page.goto(host.plain_url)
    frame = frame_of(no_js_page, "iframe")
    assert frame.evaluate("document.documentElement.className") == "tq-no-js"

    def check_page(kind):
        assert frame.locator(".tq-header, .tq-footer").count() == 0
        if kind == "interruption":
            assert "999" in frame.locator("main").inner_text()

    kinds = walk_in_frame(frame, CARE_LEVEL_CASES[level], check_page)
    assert kinds[-1] == f"result:{level}"
    assert ("interruption" in kinds) == (level == "emergency")
    assert assert_leaving_links_open_new_tabs(frame) > 0
    # Fixed height; the explainer scrolls inside the frame.
    assert no_js_page.locator("iframe").bounding_box()["height"] == PLAIN_HEIGHT
    assert frame.evaluate("document.scrollingElement.scrollHeight") > PLAIN_HEIGHT
    assert frame.evaluate("getComputedStyle(document.querySelector('.tq-button')).backgroundColor") == ACCENT_RGB
    recorder.assert_clean(no_js_context, at_least=len(kinds))


def test_publisher_form_without_javascript(no_js_page, sites):
    host, app = sites
    no_js_page.goto(app.url + "/embed")
    no_js_page.check("#region-eu")
    no_js_page.fill("#accent", "#0B7A75")
    no_js_page.check("#compact")
    with no_js_page.expect_navigation():
        no_js_page.click("main form button")
    assert "region=eu" in no_js_page.url and "compact=1" in no_js_page.url
    loader = no_js_page.locator("pre code").first.inner_text()
    assert 'data-region="eu" data-theme="light" data-accent="#0b7a75" data-compact="1"' in loader
    no_js_page.locator(".tq-embed-preview").scroll_into_view_if_needed()  # the preview frame loads lazily
    frame = frame_of(no_js_page, ".tq-embed-preview iframe")
    assert "region=eu" in frame.locator("main a[href*='/quiz']").get_attribute("href")
    assert frame.locator(".tq-header").count() == 0


def test_the_loader_carries_the_chosen_language_into_the_frame(js_page, sites):
    host, app = sites
    loader, plain = snippets(app.url, "lang=es")
    assert 'data-lang="es"' in loader and "lang=es" in plain
    js_page.goto(host.page("/in-spanish", f"<p>Antes del cuestionario.</p>{loader}"))
    frame = frame_of(js_page, "[data-twitch-quiz] iframe")
    assert "lang=es" in js_page.locator("[data-twitch-quiz] iframe").get_attribute("src")
    assert frame.evaluate("document.documentElement.lang") == "es"


# ---------------------------------------------------------------------------------------------
# In Spanish, framed


@pytest.mark.parametrize("level", ["emergency", "self-care"])  # the others: the loader walks above
def test_plain_iframe_walk_in_spanish(js_page, sites, level):
    """A health site's iframe asks for Spanish (lang=es): every page in the frame is Spanish, the
    emergency path says "Llame al 911", and the result comes back with Spanish headings."""
    host, app = sites
    url = host.page("/es", f'<iframe src="{app.url}/?lang=es&amp;region=us" title="Cuestionario sobre los espasmos" '
                           f'width="100%" height="{PLAIN_HEIGHT}" style="border:0"></iframe>')
    js_page.goto(url)
    frame = frame_of(js_page, "iframe")

    def check_page(kind):
        assert frame.evaluate("document.documentElement.lang") == "es", kind
        if kind == "interruption":
            assert frame.inner_text("h1") == "Busque ayuda ahora"
            assert frame.locator("main a.tq-call").inner_text() == "Llame al 911"

    kinds = walk_in_frame(frame, CARE_LEVEL_CASES[level], check_page)
    assert kinds[-1] == f"result:{level}" and ("interruption" in kinds) == (level == "emergency")
    assert frame.inner_text("h1") == "Sus espasmos, explicados"
    care = {"emergency": "Llame al 911", "self-care": "Por ahora, cuídese en casa"}[level]
    assert care in frame.inner_text(".tq-care-card__heading")
    assert frame.inner_text("#when-to-see") == "Cuándo consultar a un médico"
    assert frame.evaluate("document.cookie") == ""
