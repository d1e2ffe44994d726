"""Embedding: the cookie-free forgery check, who may frame the app, the page options, the data
the frame script may pass to a host page, the loader's size, and the publisher page /embed."""

from __future__ import annotations

import gzip
import logging
import re
from html import unescape
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape
from werkzeug.datastructures import MultiDict

from app import create_app
from quiz.web.errors import MESSAGES
from quiz.web.options import PageOptions, contrast, read_options, read_origin
from quiz.web.security import frame_ancestors_policy

from .test_budget import EMBED_BUDGET
from ..support.cases import CARE_LEVEL_CASES
from ..support.pagecheck import check_page
from ..support.walker import walk

ROOT = Path(__file__).resolve().parent.parent.parent
LOADER = ROOT / "static" / "embed.js"
LOADER_BUDGET = EMBED_BUDGET  # one budget for the loader, set in tests/web/test_budget.py
REGIONS = {"us": None, "uk": None, "eu": None}
NASTY = ['"><script>alert(1)</script>', "#fff;}</style><script>", "#12345g", "javascript:alert(1)", "\n#fff", "red"]


def html_of(response) -> str:
    return response.get_data(as_text=True)


def csp(response) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";"))


def body_attributes(html: str) -> dict[str, str]:
    tag = re.search(r"<body([^>]*)>", html).group(1)
    return {name: unescape(value) for name, value in re.findall(r'(data-tq-[a-z-]+)(?:="([^"]*)")?', tag)}


# ---------------------------------------------------------------------------------------------
# Cross-site request forgery, without a cookie: every branch of quiz/security.py's check


ACCEPTED, REFUSED = 200, 403
CSRF_CASES = {
    "fetch metadata: same-origin": ({"Sec-Fetch-Site": "same-origin"}, ACCEPTED),
    "fetch metadata: none (typed, bookmarked)": ({"Sec-Fetch-Site": "none"}, ACCEPTED),
    "fetch metadata: cross-site": ({"Sec-Fetch-Site": "cross-site"}, REFUSED),
    "fetch metadata: same-site": ({"Sec-Fetch-Site": "same-site"}, REFUSED),
    "fetch metadata: unknown value": ({"Sec-Fetch-Site": "whatever"}, REFUSED),
    "fetch metadata wins over an own Origin": ({"Sec-Fetch-Site": "cross-site", "Origin": "http://localhost"}, REFUSED),
    "no fetch metadata, own Origin": ({"Origin": "http://localhost"}, ACCEPTED),
    "no fetch metadata, own host by https (a TLS proxy)": ({"Origin": "https://localhost"}, ACCEPTED),
    "no fetch metadata, other Origin": ({"Origin": "https://evil.example"}, REFUSED),
    "no fetch metadata, own host with another port": ({"Origin": "http://localhost:8080"}, REFUSED),
    "no fetch metadata, Origin null (sandboxed frame)": ({"Origin": "null"}, REFUSED),
    "no fetch metadata, trusted Origin": ({"Origin": "https://partner.example"}, ACCEPTED),
    "cross-site from a trusted Origin (as in Go)": ({"Sec-Fetch-Site": "cross-site", "Origin": "https://partner.example"}, ACCEPTED),
    "neither header (not a browser)": ({}, ACCEPTED),
}


@pytest.fixture(scope="module")
def trusting_app():
    return create_app({"TESTING": False, "TRUSTED_ORIGINS": "https://Partner.example"})


@pytest.mark.parametrize("case", CSRF_CASES)
@pytest.mark.parametrize("path", ["/quiz", "/result"])
def test_cross_site_check(trusting_app, case, path):
    headers, expected = CSRF_CASES[case]
    # A POST with nothing in it: /quiz shows the first question, /result finds answers missing.
    response = trusting_app.test_client(use_cookies=False).post(path, data={}, headers=headers)
    if expected == REFUSED:
        assert response.status_code == 403
        html = html_of(response)
        check_page(html)
        assert f"<h1>{MESSAGES[403][0]}</h1>" in html
        assert MESSAGES[403][1] in unescape(html)
        assert "Go to the start of the quiz" in html
    else:
        assert response.status_code == (200 if path == "/quiz" else 400), (case, response.status_code)


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_safe_methods_pass_from_anywhere(client, method):
    response = client.open("/", method=method, headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"})
    assert response.status_code == 200


def test_a_refusal_is_logged_without_request_values(trusting_app, caplog):
    with caplog.at_level(logging.WARNING):
        trusting_app.test_client().post(
            "/quiz", data={"where": "back_lower"}, headers={"Origin": "https://evil.example/secret"}
        )
    assert "Refused a cross-site POST to /quiz (by Origin)" in caplog.text
    assert "evil" not in caplog.text and "back_lower" not in caplog.text


def test_trusted_origins_are_checked_at_start():
    with pytest.raises(ValueError, match="TRUSTED_ORIGINS"):
        create_app({"TESTING": False, "TRUSTED_ORIGINS": "https://a.example/path"})
    assert create_app({"TESTING": False, "TRUSTED_ORIGINS": " HTTPS://A.example "}).config["TRUSTED_ORIGINS"] == "https://a.example"


# ---------------------------------------------------------------------------------------------
# Who may frame the app


def test_frame_ancestors_default_is_self_only(client):
    assert csp(client.get("/"))["frame-ancestors"] == "'self'"


@pytest.mark.parametrize("url", ["/", "/quiz", "/no-such-page", "/static/embed.js", "/static/css/app.css"])
def test_frame_ancestors_from_the_environment(monkeypatch, url):
    monkeypatch.setenv("FLASK_FRAME_ANCESTORS", "https://news.example https://*.health.example")
    app = create_app({"TESTING": False})
    response = app.test_client().get(url)
    assert csp(response)["frame-ancestors"] == "'self' https://news.example https://*.health.example"
    assert "X-Frame-Options" not in response.headers


def test_framed_post_pages_and_error_pages_keep_the_allowlist():
    app = create_app({"TESTING": False, "FRAME_ANCESTORS": "https://news.example"})
    client = app.test_client(use_cookies=False)
    for response in (
        client.post("/quiz", data={}, headers={"Sec-Fetch-Site": "same-origin"}),
        client.post("/quiz", data={}, headers={"Sec-Fetch-Site": "cross-site"}),  # the 403 page shows in the frame
        client.post("/result", data={}, headers={"Sec-Fetch-Site": "same-origin"}),
    ):
        assert csp(response)["frame-ancestors"] == "'self' https://news.example"
        assert "X-Frame-Options" not in response.headers


@pytest.mark.parametrize(
    "configured, expected",
    [
        ("'self'", "'self'"),
        ("'none'", "'none'"),
        ("*", "'self' *"),
        ("https:", "'self' https:"),
        ("http://localhost:8000 'self'", "'self' http://localhost:8000"),
        ("https://a.example:443/articles/", "'self' https://a.example:443/articles/"),
    ],
)
def test_frame_ancestors_sources_accepted(configured, expected):
    assert frame_ancestors_policy(configured) == expected


@pytest.mark.parametrize(
    "configured",
    ["", "self", "none", "'unsafe-inline'", "https://a.example; script-src *", "https://a.example,https://b.example", "'none' https://a.example"],
)
def test_frame_ancestors_typos_stop_the_app(configured):
    with pytest.raises(ValueError, match="FRAME_ANCESTORS"):
        create_app({"TESTING": False, "FRAME_ANCESTORS": configured})


def test_a_page_can_refuse_framing(client):
    """The publisher page sets g.frame_ancestors; the quiz pages keep the configured list."""
    assert csp(client.get("/embed"))["frame-ancestors"] == "'none'"
    assert csp(client.get("/"))["frame-ancestors"] == "'self'"


def test_no_x_frame_options_anywhere(client):
    for response in (client.get("/"), client.get("/embed"), client.get("/nothing"), client.get("/static/embed.js")):
        assert "X-Frame-Options" not in response.headers


# ---------------------------------------------------------------------------------------------
# Page options: validated, kept on every link, escaped


@pytest.mark.parametrize(
    "accent, expected",
    [("#0B7A75", "#0b7a75"), ("#abc", "#abc"), ("0b7a75", ""), ("#0b7a7", ""), ("#0b7a75ff", ""), ("red", ""),
     ("#fff;}", ""), ("", "")],
)
def test_accent_must_be_a_hex_colour(accent, expected):
    assert read_options({"accent": accent}, REGIONS, "us").accent == expected


@pytest.mark.parametrize(
    "host, expected",
    [
        ("https://news.example", "https://news.example"),
        ("HTTPS://News.Example:8443", "https://news.example:8443"),
        ("http://localhost:5000", "http://localhost:5000"),
        ("http://127.0.0.1:5000", "http://127.0.0.1:5000"),
        ("https://news.example/", ""),
        ("https://news.example/path", ""),
        ("https://user@news.example", ""),
        ("ftp://news.example", ""),
        ("javascript:alert(1)", ""),
        ("*", ""),
        ("null", ""),
        ("https://news.example:0", ""),
        ("https://news.example:65536", ""),
        ('https://a.example"><script>', ""),
        ("https://" + "a" * 300 + ".example", ""),
    ],
)
def test_host_must_be_an_origin(host, expected):
    assert read_origin(host) == expected
    assert read_options({"host": host}, REGIONS, "us").host == expected


def test_region_and_compact_fall_back_to_defaults():
    options = read_options({"region": "UK", "compact": "yes"}, REGIONS, "eu")
    assert options == PageOptions(region="eu")
    assert read_options({"region": "uk", "compact": "1"}, REGIONS, "us") == PageOptions(region="uk", compact=True)


@given(st.dictionaries(st.sampled_from(["region", "theme", "accent", "compact", "host"]), st.text(max_size=40)))
def test_any_query_gives_valid_options(args):
    options = read_options(args, REGIONS, "us")
    assert options.region in REGIONS
    assert options.theme in ("", "light", "dark", "auto") and options.shown_theme in ("light", "dark", "auto")
    assert options.accent == "" or re.fullmatch(r"#[0-9a-f]{3}([0-9a-f]{3})?", options.accent)
    assert options.host == "" or re.fullmatch(r"https?://[a-z0-9.-]+(:[0-9]+)?", options.host)
    for value in options.query("us").values():
        assert not set(value) & set("<>\"' ;{}\\\n")


def test_button_text_contrasts_with_the_accent():
    for accent in ("#ffcc00", "#0b7a75", "#000", "#fff", "#777"):
        on = PageOptions("us", accent=accent).on_accent
        assert contrast(accent, on) >= 4.5, (accent, on)


@pytest.mark.parametrize("value", NASTY)
@pytest.mark.parametrize("name", ["accent", "host", "region", "compact", "theme"])
def test_bad_options_never_reach_the_page(client, name, value):
    response = client.get("/quiz", query_string={name: value})
    html = html_of(response)
    assert response.status_code == 200
    check_page(html)
    if value != "red":  # a word the page may use
        assert value not in html
    assert "alert(1)" not in html and "<style" not in html and "data-tq-host" not in html
    assert "<header" in html  # compact only with exactly "1"


def test_accent_reaches_the_page_only_through_the_nonced_style(client):
    response = client.get("/", query_string={"accent": "#FFCC00"})
    html = html_of(response)
    styles = re.findall(r"<style nonce=\"([^\"]+)\">(.*?)</style>", html)
    assert len(styles) == 1 and len(re.findall(r"<style", html)) == 1
    nonce, css = styles[0]
    assert f"'nonce-{nonce}'" in csp(response)["style-src"] and "unsafe-inline" not in csp(response)["style-src"]
    assert css == "@media not (prefers-color-scheme:dark){:root{--tq-accent:#ffcc00;--tq-on-accent:#000;--tq-ring:#ffcc00}}"
    assert ' style="' not in html


@pytest.mark.parametrize(("theme", "expected"), [
    ("light", ":root{--tq-accent:#0b7a75;--tq-on-accent:#fff;--tq-ring:#0b7a75}"),  # always
    ("auto", "@media not (prefers-color-scheme:dark){:root{--tq-accent:#0b7a75;--tq-on-accent:#fff;--tq-ring:#0b7a75}}"),
    ("dark", None),  # a colour chosen for a white page may be unreadable on the dark one
])
def test_accent_follows_the_theme(client, theme, expected):
    html = html_of(client.get("/", query_string={"accent": "#0b7a75", "theme": theme}))
    assert re.findall(r"<style nonce=\"[^\"]+\">(.*?)</style>", html) == ([expected] if expected else [])


def root_element(html: str) -> str:
    return re.search(r"<html[^>]*>", html).group(0)


@pytest.mark.parametrize(("query", "headers", "theme", "framed"), [
    ({}, {}, "auto", False),  # the stand-alone site follows the reader's device
    ({}, {"Sec-Fetch-Dest": "document"}, "auto", False),
    ({}, {"Sec-Fetch-Dest": "iframe"}, "light", True),  # a plain <iframe>: light, like most articles
    ({"host": "https://news.example"}, {}, "light", True),  # the loader (browsers without Sec-Fetch-Dest)
    ({"theme": "dark"}, {"Sec-Fetch-Dest": "iframe"}, "dark", True),
    ({"theme": "auto"}, {"Sec-Fetch-Dest": "iframe"}, "auto", True),
    ({"theme": "light"}, {}, "light", False),
    ({"theme": "Dark"}, {"Sec-Fetch-Dest": "iframe"}, "light", True),  # invalid: the default
    ({"theme": "dark;}"}, {}, "auto", False),
])
def test_theme_inside_and_outside_a_frame(client, query, headers, theme, framed):
    html = html_of(client.get("/quiz", query_string=query, headers=headers))
    root = root_element(html)
    assert f'data-theme="{theme}"' in root
    assert ("data-framed" in root) == framed
    scheme = re.search(r'<meta name="color-scheme" content="([^"]+)">', html).group(1)
    assert scheme == ("light dark" if theme == "auto" else theme)


def test_a_chosen_theme_stays_on_every_link_and_the_default_does_not(client):
    for kind, response in quiz_pages(client, {"theme": "dark", "region": "uk"}).items():
        html = html_of(response)
        assert 'data-theme="dark"' in root_element(html), kind
        links = [unescape(url) for url in re.findall(r'(?:action|href)="(/[^"#]*)"', html) if not url.startswith("/static/")]
        assert links and all("theme=dark" in url for url in links), kind
    framed = html_of(client.get("/quiz", headers={"Sec-Fetch-Dest": "iframe"}))
    assert not re.search(r"[?&]theme=", framed)  # the frame's default is worked out again on each page


def test_framed_pages_fit_under_the_host_headline_and_compact_lines_up(client):
    """The rules the frame's attributes switch on are in the stylesheet (the browser tests measure them)."""
    css = (ROOT / "static" / "css" / "app.css").read_text()
    assert re.search(r"\[data-framed\] h1 \{ font-size: 1\.5rem; \}", css)
    assert re.search(r"\[data-compact\] \.tq-width \{ padding: 0;", css)
    html = html_of(client.get("/", query_string={"compact": "1"}, headers={"Sec-Fetch-Dest": "iframe"}))
    assert "data-framed data-compact" in root_element(html)


def quiz_pages(client, query: dict[str, str]):
    """One page of each kind, reached with the page options in the query string."""
    level_answers = CARE_LEVEL_CASES["emergency"]
    fields = [(k, v) for k, values in level_answers.items() for v in values]
    same = {"Sec-Fetch-Site": "same-origin"}
    safety_screen = [(k, v) for k, v in fields if k == "emergency_now"]
    return {
        "intro": client.get("/", query_string=query),
        "question": client.get("/quiz", query_string=query),
        "next question": client.post("/quiz", query_string=query, headers=same, data=MultiDict(
            [("emergency_now", "none"), ("current", "emergency_now"), ("action", "continue")])),
        "interruption": client.post("/quiz", query_string=query, headers=same, data=MultiDict(
            [*safety_screen, ("current", "emergency_now"), ("action", "continue")])),
        "check": client.post("/quiz", query_string=query, headers=same, data=MultiDict(
            [*fields, ("current", "age"), ("action", "continue")])),
        "result": client.post("/result", query_string=query, headers=same, data=MultiDict(fields)),
        "error": client.get("/no-such-page", query_string=query),
    }


def test_compact_mode_and_options_stay_on_every_link(client):
    query = {"compact": "1", "region": "uk", "accent": "#0b7a75", "host": "https://news.example"}
    for kind, response in quiz_pages(client, query).items():
        html = html_of(response)
        check_page(html)
        assert "tq-header" not in html and "tq-footer" not in html, kind
        assert body_attributes(html)["data-tq-host"] == "https://news.example", kind
        internal = re.findall(r'(?:action|href)="(/[^"#]*)"', html)
        internal = [url for url in internal if not url.startswith("/static/")]
        assert internal, kind
        for url in internal:
            url = unescape(url)
            for part in ("compact=1", "region=uk", "accent=%230b7a75", "host=https://news.example"):
                assert part in url, (kind, url, part)
    assert "999" in html_of(quiz_pages(client, query)["interruption"])


def test_without_compact_the_header_and_footer_show(client):
    html = html_of(client.get("/"))
    assert "tq-header" in html and "tq-footer" in html


def test_links_that_leave_the_quiz_open_a_new_tab(client):
    seen = 0
    pages = list(quiz_pages(client, {}).values())
    pages += [walk(client, answers)[1] for answers in CARE_LEVEL_CASES.values()]
    pages.append(client.get("/embed"))
    for response in pages:
        for tag in re.findall(r"<a [^>]*>", html_of(response)):
            href = re.search(r'href="([^"]*)"', tag).group(1)
            if href.startswith(("/", "#", "?", "tel:")):  # a call leaves no page behind
                continue
            seen += 1
            assert 'target="_blank"' in tag and re.search(r'rel="[^"]*\bnoopener\b', tag), tag
    assert seen > 0


# ---------------------------------------------------------------------------------------------
# What a page tells the frame script (and so the host page): never an answer


ALLOWED_BODY_DATA = {"data-tq-page", "data-tq-position", "data-tq-started", "data-tq-care-level", "data-tq-host",
                     "data-tq-fits-content"}


@pytest.mark.parametrize("level", CARE_LEVEL_CASES)
def test_pages_describe_themselves_without_answers(client, level):
    pages, result = walk(client, CARE_LEVEL_CASES[level])
    answer_values = {value for values in CARE_LEVEL_CASES[level].values() for value in values}
    positions = []
    for kind, response in pages:
        data = body_attributes(html_of(response))
        assert set(data) <= ALLOWED_BODY_DATA, data
        assert not set(data.values()) & answer_values, data
        if kind == "interruption":
            assert data == {"data-tq-page": "interruption"}
        elif kind == "result":
            assert data == {"data-tq-page": "result", "data-tq-care-level": level}
        elif kind == "check":
            assert data == {}
        else:
            positions.append(int(data["data-tq-position"]))
            assert data["data-tq-page"] == "question"
            assert ("data-tq-started" in data) == (len(positions) == 1)
            assert "data-tq-fits-content" in data  # the same for everyone: its height may follow it
    assert positions == list(range(1, len(positions) + 1))


def test_going_back_to_the_first_question_is_not_a_new_start(client):
    response = client.post("/quiz", data=MultiDict(
        [("emergency_now", "none"), ("where", "eyelid"), ("current", "where"), ("action", "back")]))
    data = body_attributes(html_of(response))
    assert data["data-tq-position"] == "1" and "data-tq-started" not in data


@pytest.mark.parametrize("action", ["continue", "back", "resume"])
def test_a_question_off_the_visitors_path_still_gets_a_position(client, action):
    """A tampered `current` naming a question these answers skip: never a server error."""
    response = client.post("/quiz", data={"emergency_now": "none", "where": "eyelid", "current": "back_emergency", "action": action})
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert int(body_attributes(html_of(response)).get("data-tq-position", "1")) >= 1


def test_frame_script_posts_only_to_the_host_origin():
    script = (ROOT / "static" / "js" / "app.js").read_text()
    posts = re.findall(r"postMessage\(([^)]*)\)", script)
    assert posts == ["message, host"]


# ---------------------------------------------------------------------------------------------
# The loader


def test_loader_size_budget(client, capsys):
    raw = LOADER.read_bytes()
    packed = len(gzip.compress(raw, 9))
    served = client.get("/static/embed.js", headers={"Accept-Encoding": "gzip"})
    with capsys.disabled():
        print(f"\nstatic/embed.js: {len(raw)} B, {packed} B gzipped (budget {LOADER_BUDGET} B), "
              f"served {len(served.data)} B with Content-Encoding {served.headers.get('Content-Encoding')}")
    assert packed <= LOADER_BUDGET
    assert served.headers.get("Content-Encoding") == "gzip" and len(served.data) <= LOADER_BUDGET


def test_loader_keeps_its_stable_address(client):
    response = client.get("/static/embed.js")
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert "immutable" not in response.headers.get("Cache-Control", "")  # publishers always get the latest


# ---------------------------------------------------------------------------------------------
# The publisher page


def test_publisher_page(client):
    response = client.get("/embed")
    html = html_of(response)
    page = check_page(html)
    assert response.status_code == 200 and "Set-Cookie" not in response.headers
    assert page.title.startswith("Add the twitching quiz to your site")
    for name in ("ready", "started", "question", "emergency", "completed"):
        assert f"twitch-quiz:{name}" in html
    assert 'document.addEventListener("twitch-quiz:completed", function (event) {' in html  # the example listener
    for rule in ("sandbox", "allow-same-origin", "HTTPS", "title", "allow"):
        assert rule in html
    for collected in ("No cookies", "Nothing is stored", "never appear in a web address"):
        assert collected in html
    # The snippets, shown as text, with absolute addresses of this app.
    assert "&lt;div data-twitch-quiz&gt;&lt;/div&gt;" in html
    assert "&lt;script src=&#34;http://localhost/static/embed.js&#34; async&gt;" in html
    assert "&lt;iframe src=&#34;http://localhost/&#34; title=&#34;Muscle twitching quiz&#34;" in html
    # Without JavaScript the preview is a plain frame; with it, the loader.
    assert '<noscript><iframe class="tq-embed-preview__frame" src="http://localhost/"' in html
    assert '<script src="/static/embed.js" async data-tq-loader></script>' in html


def test_publisher_form_is_accessible(client):
    html = html_of(client.get("/embed"))
    ids = set(re.findall(r' id="([^"]+)"', html))
    form = html[html.index("<form"):html.index("</form>")]
    inputs = re.findall(r"<input [^>]*>", form)
    assert len(inputs) == 12  # three regions, three languages, three themes, the accent and its colour picker, compact
    for tag in inputs:
        input_id = re.search(r'id="([^"]+)"', tag).group(1)
        assert f'<label class="tq-choices__label" for="{input_id}">' in form or f'<label for="{input_id}">' in form
        for described in re.findall(r'aria-describedby="([^"]+)"', tag):
            assert set(described.split()) <= ids
    assert form.count("<fieldset") == 4 and form.count("<legend") == 4
    assert 'method="get"' in form


def test_publisher_form_builds_the_snippet(client):
    response = client.get("/embed", query_string={"region": "uk", "accent": "#0B7A75", "compact": "1", "host": "https://x.example"})
    html = html_of(response)
    check_page(html)
    assert "&lt;div data-twitch-quiz data-region=&#34;uk&#34; data-accent=&#34;#0b7a75&#34; data-compact=&#34;1&#34;&gt;" in html
    assert "http://localhost/?region=uk&amp;amp;accent=%230b7a75&amp;amp;compact=1" in html
    assert 'id="region-uk" name="region" type="radio" value="uk" checked' in html
    assert 'type="checkbox" value="1" checked' in html
    assert 'value="#0B7A75"' in html
    assert "x.example" not in html  # the host option is the loader's to set
    # The page itself keeps the app's own look: no accent, header and footer shown.
    assert "<style" not in html and "tq-header" in html and "tq-footer" in html
    assert "hard to read" not in html


def test_publisher_form_warns_about_a_light_accent(client):
    html = html_of(client.get("/embed", query_string={"accent": "#ffcc00"}))
    assert "hard to read on white: its contrast is 1.5 to 1" in html


@pytest.mark.parametrize("value", NASTY[:4])
def test_publisher_form_reports_a_bad_accent(client, value):
    response = client.get("/embed", query_string={"accent": value})
    html = html_of(response)
    page = check_page(html)
    assert response.status_code == 200
    assert page.title.startswith("Error: ")
    assert page.summary_links == ["#accent"]
    assert 'aria-describedby="accent-hint accent-error"' in html
    assert "Enter the accent colour as a hex code, like #0b7a75" in html
    assert f'value="{escape(value)}"' in html  # shown again in the field, escaped
    assert "<script>alert" not in html and "</style><script>" not in html
    assert "data-accent" not in html  # falls back to the default colour


def test_the_chosen_language_goes_into_every_snippet_and_the_oembed_html(client):
    html = client.get("/embed?lang=es").get_data(as_text=True)
    assert 'data-lang="es"' in html and "?lang=es" in html
    assert 'id="lang-es" name="lang" type="radio" value="es" checked' in html
    embed = client.get("/oembed?url=http://localhost/%3Flang%3Des%26region%3Duk&format=json").get_json()
    assert "lang=es" in embed["html"] and "region=uk" in embed["html"]
    unknown = client.get("/embed?lang=xx").get_data(as_text=True)
    assert "data-lang" not in unknown and 'id="lang-browser" name="lang" type="radio" value="" checked' in unknown
