"""oEmbed 1.0 (https://oembed.com): GET /oembed gives platforms that turn a pasted link into an
embed the same frame snippet as the publisher page, for this app's own pages only."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from quiz.web.embed import FRAME_TITLE, OEMBED_CACHE_AGE, PLAIN_FRAME_HEIGHT

from ..support.securitycheck import assert_security_headers

OWN = "http://localhost"  # the test client's host
RICH_KEYS = {"version", "type", "html", "width", "height", "title", "provider_name", "provider_url", "cache_age"}


def oembed(client, url: str | None, **params):
    query = {"url": url, **params} if url is not None else params
    return client.get("/oembed", query_string=query)


def frame_src(html: str) -> str:
    return unescape(re.search(r'<iframe src="([^"]+)"', html).group(1))


def publisher_plain_snippet(client, query: str) -> str:
    page = client.get(f"/embed?{query}").get_data(as_text=True)
    codes = [unescape(code) for code in re.findall(r'<pre class="tq-code"><code[^>]*>(.*?)</code></pre>', page, re.S)]
    return next(code for code in codes if code.startswith("<iframe"))


def test_a_page_of_the_app_gets_a_rich_response(app, client):
    response = oembed(client, OWN + "/", format="json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    data = response.get_json()
    assert set(data) == RICH_KEYS
    assert data["version"] == "1.0" and data["type"] == "rich"
    assert data["title"] == FRAME_TITLE and data["provider_name"] and data["provider_url"] == OWN + "/"
    assert isinstance(data["width"], int) and isinstance(data["height"], int) and data["height"] == PLAIN_FRAME_HEIGHT
    assert data["cache_age"] == OEMBED_CACHE_AGE
    # The html is exactly the plain snippet the publisher page gives for the same options.
    assert data["html"] == publisher_plain_snippet(client, "")
    # Public and cacheable, no cookie; the usual security headers.
    assert response.headers["Cache-Control"] == f"public, max-age={OEMBED_CACHE_AGE}"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Set-Cookie" not in response.headers
    assert_security_headers(response, app.config, static=True)


def test_format_defaults_to_json(client):
    assert oembed(client, OWN + "/").get_json()["type"] == "rich"


@pytest.mark.parametrize("query", [
    "region=uk&theme=dark&accent=%230b7a75&compact=1",
    "theme=light",
    "region=eu&theme=auto",
])
@pytest.mark.parametrize("path", ["/", "/quiz", "/embed"])
def test_page_options_in_the_url_reach_the_snippet(client, path, query):
    data = oembed(client, f"{OWN}{path}?{query}").get_json()
    assert data["html"] == publisher_plain_snippet(client, query)
    assert parse_qs(urlsplit(frame_src(data["html"])).query) == parse_qs(query)


def test_invalid_options_and_the_host_option_are_dropped(client):
    url = OWN + "/?region=mars&theme=purple&accent=red&compact=yes&host=https%3A%2F%2Fnews.example&other=1"
    data = oembed(client, url).get_json()
    assert frame_src(data["html"]) == OWN + "/"


def test_a_host_name_differing_only_in_case_is_ours(client):
    assert oembed(client, "HTTP://LOCALHOST/?region=uk").status_code == 200


@pytest.mark.parametrize("url", [
    "https://evil.example/",
    "http://localhost.evil.example/",
    "http://localhost:8080/",  # another port is another site
    "http://user@localhost/",
    "http://localhost/result",  # POST only: never a page to embed
    "http://localhost/summary",
    "http://localhost/diary",
    "http://localhost/healthz",
    "http://localhost/oembed",
    "http://localhost/static/embed.js",
    "http://localhost/no-such-page",
])
def test_an_address_that_is_not_a_page_of_the_quiz_gets_404(client, url):
    response = oembed(client, url)
    assert response.status_code == 404
    assert response.mimetype == "text/plain"
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("url", [None, "", "localhost/", "/", "//localhost/", "ftp://localhost/", "javascript:alert(1)",
                                 "http://", "http://[::1/", "http://localhost/" + "a" * 3000])
def test_a_missing_or_malformed_url_gets_400(client, url):
    response = oembed(client, url)
    assert response.status_code == 400
    assert response.mimetype == "text/plain"


@pytest.mark.parametrize("fmt", ["xml", "XML", "jsonp", ""])
def test_a_format_other_than_json_gets_501(client, fmt):
    assert oembed(client, OWN + "/", format=fmt).status_code == 501


@pytest.mark.parametrize(("params", "width", "height"), [
    ({}, 672, PLAIN_FRAME_HEIGHT),
    ({"maxwidth": "400"}, 400, PLAIN_FRAME_HEIGHT),
    ({"maxheight": "500"}, 672, 500),
    ({"maxwidth": "300", "maxheight": "250"}, 300, 250),
    ({"maxwidth": "2000", "maxheight": "2000"}, 672, PLAIN_FRAME_HEIGHT),  # never larger than needed
])
def test_maxwidth_and_maxheight_are_respected(client, params, width, height):
    data = oembed(client, OWN + "/", **params).get_json()
    assert (data["width"], data["height"]) == (width, height)
    html = data["html"]
    assert f'height="{height}"' in html
    # The frame stays fluid (a phone's column is narrower) but is never wider than maxwidth.
    assert 'width="100%"' in html
    if "maxwidth" in params:
        assert f"max-width:{width}px" in html
    else:
        assert "max-width" not in html


@pytest.mark.parametrize("value", ["0", "-5", "12.5", "wide", "", "１２"])
def test_a_malformed_size_gets_400(client, value):
    assert oembed(client, OWN + "/", maxwidth=value).status_code == 400
    assert oembed(client, OWN + "/", maxheight=value).status_code == 400


def test_a_page_in_spanish_gets_a_spanish_frame_title(client):
    data = oembed(client, OWN + "/?lang=es").get_json()
    assert data["title"] == "Cuestionario sobre espasmos musculares"
    assert 'title="Cuestionario sobre espasmos musculares"' in data["html"]
    assert data["html"] == publisher_plain_snippet(client, "lang=es")


def test_the_intro_page_carries_the_discovery_link(client):
    html = client.get("/?region=uk&theme=dark&host=https%3A%2F%2Fnews.example").get_data(as_text=True)
    links = re.findall(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)" title="([^"]+)">', html)
    assert len(links) == 1
    href, title = unescape(links[0][0]), links[0][1]
    assert title == FRAME_TITLE
    parts = urlsplit(href)
    assert parts.path == "/oembed" and parse_qs(parts.query)["format"] == ["json"]
    page = parse_qs(parts.query)["url"][0]
    assert page == OWN + "/?region=uk&theme=dark"  # the page's options, never the frame's host
    # Following it works.
    assert frame_src(client.get(href).get_json()["html"]) == page


def test_the_oembed_endpoint_ignores_page_options_of_its_own(client):
    data = oembed(client.application.test_client(), OWN + "/", region="uk", theme="dark").get_json()
    assert frame_src(data["html"]) == OWN + "/"


def test_publisher_page_shows_the_oembed_address_for_its_options(client):
    html = client.get("/embed?region=uk&theme=dark").get_data(as_text=True)
    shown = [unescape(url) for url in re.findall(r"<code>(http://localhost/oembed\?[^<]+)</code>", html)]
    assert len(shown) == 1
    assert parse_qs(urlsplit(shown[0]).query) == {"url": [OWN + "/?region=uk&theme=dark"], "format": ["json"]}
    assert frame_src(client.get(shown[0]).get_json()["html"]) == OWN + "/?region=uk&theme=dark"
