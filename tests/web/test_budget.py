"""Size budget: every page, with the CSS and JS it loads, fits in the first round trip.

A new TCP connection may send ten segments before it waits for an acknowledgement: about 14 KB.
Each page type's HTML, as the app sends it gzipped, plus every stylesheet and script it loads, as
whitenoise sends them gzipped, must add up to at most 14,000 bytes. The figures are printed.
"""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from werkzeug.datastructures import MultiDict

from quiz.web.static_files import STATIC_DIR

from ..support.cases import CARE_LEVEL_CASES
from ..support.walker import form_fields, walk

PAGE_BUDGET = 14_000  # bytes, gzipped: HTML + every CSS and JS file the page loads
EMBED_BUDGET = 1_500  # bytes, gzipped: the loader publishers put on their own pages
IMAGE_OR_FONT = re.compile(r"\.(png|jpe?g|gif|webp|avif|bmp|ico|svg|woff2?|ttf|otf|eot)\b", re.IGNORECASE)


class GzipClient:
    """Asks for pages like a browser (gzip accepted), notes the bytes sent, then unpacks them."""

    def __init__(self, client):
        self.client = client

    def get(self, *args, **kwargs):
        return self._unpack(self.client.get(*args, headers={"Accept-Encoding": "gzip"}, **kwargs))

    def post(self, *args, **kwargs):
        headers = {"Accept-Encoding": "gzip", **kwargs.pop("headers", {})}
        return self._unpack(self.client.post(*args, headers=headers, **kwargs))

    @staticmethod
    def _unpack(response):
        response.wire_size = len(response.get_data())
        if response.headers.get("Content-Encoding") == "gzip":
            response.set_data(gzip.decompress(response.get_data()))
            del response.headers["Content-Encoding"]
        return response


class _Loads(HTMLParser):
    """The stylesheets and scripts a page loads, and any image or font it points to."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.media: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").split()
        if tag == "link" and {"stylesheet", "preload", "modulepreload"} & set(rel):
            self.urls.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag in ("img", "picture", "source", "video", "audio", "object", "embed"):
            self.media.append(f"<{tag}>")
        if tag == "link" and ("icon" in rel or attrs.get("as") == "font"):
            if not (attrs.get("href") or "").startswith("data:"):
                self.media.append(f"<link rel={' '.join(rel)}>")


def loaded_files(html: str) -> _Loads:
    parser = _Loads()
    parser.feed(html)
    return parser


def served_pages(client, lang: str = "") -> dict[str, object]:
    """One response per page type, asked for with gzip accepted, in the language `lang` when given
    (the page option). The largest question page counts."""
    browser = GzipClient(client)
    query = f"?lang={lang}" if lang else ""
    pages = {"intro": browser.get("/" + query)}
    # The publisher page's own language is `hl` (its `lang` is the snippet's); other pages ignore it.
    any_page_query = f"?lang={lang}&hl={lang}" if lang else ""
    for rule in client.application.url_map.iter_rules():  # any other page, e.g. one for publishers
        if "GET" in rule.methods and not rule.arguments and rule.rule not in ("/", "/quiz"):
            response = browser.get(rule.rule + any_page_query)
            if response.mimetype == "text/html":  # not /healthz
                pages[f"page {rule.rule}"] = response
    pages["question (first)"] = browser.get("/quiz" + query)

    questions = []
    for level, answers in CARE_LEVEL_CASES.items():
        visited, result = walk(browser, answers, lang=lang)
        for kind, response in visited[:-1]:
            if kind in ("check", "interruption"):
                pages[f"{kind}"] = response
            else:
                questions.append(response)
        pages[f"result: {level}"] = result
    pages["question (largest)"] = max(questions, key=lambda response: response.wire_size)

    check = pages["check"].get_data(as_text=True)
    unanswered = [(k, v) for k, v in form_fields(check) if k != "where"] + [("current", "where"), ("action", "continue")]
    pages["question with error"] = browser.post("/quiz" + query, data=MultiDict(unanswered))
    pages["error 400 (altered answers)"] = browser.post("/result" + query, data={"where": "elsewhere"})
    pages["error 403 (cross-site post)"] = browser.post("/result" + query, headers={"Sec-Fetch-Site": "cross-site"})
    pages["error 404"] = browser.get("/no-such-page" + query)
    first = ["intro", "question (first)", "question (largest)", "question with error", "check", "interruption"]
    return {name: pages[name] for name in first} | pages


@pytest.fixture(scope="module")
def pages(app):
    """Every page type in English, then in Spanish (its words are longer, its pages a little heavier)."""
    client = app.test_client(use_cookies=False)
    spanish = served_pages(client, "es")
    assert all('<html lang="es"' in response.get_data(as_text=True) for response in spanish.values())
    return served_pages(client) | {f"{name} (es)": response for name, response in spanish.items()}


def expected_status(name: str) -> int:
    match = re.match(r"error (\d+)", name)
    return int(match.group(1)) if match else 200


def test_every_page_fits_in_the_first_round_trip(app, pages, capsys):
    client = app.test_client(use_cookies=False)
    rows, over = [], []
    for name, response in pages.items():
        assert response.status_code == expected_status(name), name
        html = response.get_data(as_text=True)
        if name == "question with error":
            assert "tq-error-summary" in html
        sizes = {"html": response.wire_size}
        for url in loaded_files(html).urls:
            asset = client.get(url, headers={"Accept-Encoding": "gzip"})
            assert asset.status_code == 200, url
            assert asset.headers.get("Content-Encoding") == "gzip", f"{url} is not sent precompressed"
            sizes[urlsplit(url).path.rsplit("/", 1)[-1]] = len(asset.get_data())
        total = sum(sizes.values())
        raw = len(response.get_data())  # what a client that accepts no compression gets
        rows.append(f"{name:<34} {total:>6} B  ({', '.join(f'{k} {v}' for k, v in sizes.items())}; html {raw} raw)")
        if total > PAGE_BUDGET:
            over.append(f"{name}: {total} B")
    with capsys.disabled():
        print(f"\nPage weights, gzipped (budget {PAGE_BUDGET} B each):")
        print("\n".join(rows))
    assert not over, f"over the {PAGE_BUDGET} B budget: {over}"


def test_every_page_is_sent_compressed_to_browsers_that_accept_it(pages):
    for name, response in pages.items():
        raw = len(response.get_data())
        if response.status_code != 200:
            continue  # Flask-Compress leaves error pages as they are: each is under 2 KB
        assert response.wire_size < raw, f"{name} was not compressed ({raw} B)"
        assert "Accept-Encoding" in response.headers.get("Vary", ""), name


def test_embed_loader_is_within_its_budget(client, capsys):
    response = client.get("/static/embed.js", headers={"Accept-Encoding": "gzip"})  # the address publishers use
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    size = len(response.get_data())
    with capsys.disabled():
        print(f"\nstatic/embed.js: {size} B gzipped (budget {EMBED_BUDGET} B)")
    assert size <= EMBED_BUDGET


def test_no_web_fonts_and_no_image_files(pages):
    for path in STATIC_DIR.rglob("*"):
        assert not IMAGE_OR_FONT.search(path.name), f"static/{path.relative_to(STATIC_DIR)}: use a CSS shape or inline SVG"
    for stylesheet in STATIC_DIR.rglob("*.css"):
        css = stylesheet.read_text()
        assert "@font-face" not in css, stylesheet.name
        assert "@import" not in css, stylesheet.name
        for target in re.findall(r"url\(\s*['\"]?([^'\")]*)", css):
            assert target.startswith("data:image/svg+xml"), f"{stylesheet.name} loads {target[:40]!r}"
    for name, response in pages.items():
        html = response.get_data(as_text=True)
        assert not loaded_files(html).media, f"{name} loads {loaded_files(html).media}"
        assert "@font-face" not in html, name
        for target in re.findall(r"url\(\s*['\"]?([^'\")]*)", html):  # in an inline <style>
            assert target.startswith("data:image/svg+xml"), f"{name} loads {target[:40]!r}"
