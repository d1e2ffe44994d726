"""Every response carries the security headers: pages, static files, error pages and /healthz."""

from __future__ import annotations

import urllib.request

import pytest

from app import create_app
from quiz.web.static_files import STATIC_DIR

from ..support.cases import CARE_LEVEL_CASES
from ..support.securitycheck import assert_error_page, assert_page_obeys_csp, assert_security_headers
from ..support.walker import walk

SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}
CONFIGS = {
    "defaults": {},
    "https-embed": {"HSTS": True, "FRAME_ANCESTORS": "'self' https://news.example https://health.example"},
}


@pytest.fixture(scope="module", params=CONFIGS)
def any_app(request):
    return create_app({"TESTING": False, **CONFIGS[request.param]})


@pytest.fixture
def any_client(any_app):
    return any_app.test_client(use_cookies=False)


def route_requests(app):
    """(method, url) for each route of the app and each method it accepts."""
    adapter = app.url_map.bind("localhost")
    for rule in app.url_map.iter_rules():
        url = adapter.build(rule.endpoint, {name: "missing.css" for name in rule.arguments})
        for method in sorted(rule.methods):
            yield method, url


def test_every_route_and_method(any_app, any_client):
    seen = set()
    for method, url in route_requests(any_app):
        response = any_client.open(url, method=method, headers=SAME_ORIGIN)
        assert response.status_code < 500, (method, url)
        assert_security_headers(response, any_app.config)
        seen.add(url)
    assert {"/", "/quiz", "/result", "/healthz"} <= seen


def test_every_static_file(any_app, any_client):
    version = any_app.extensions["static_version"]
    files = [path.relative_to(STATIC_DIR).as_posix() for path in STATIC_DIR.rglob("*")
             if path.is_file() and path.suffix not in (".gz", ".br")]
    assert "css/app.css" in files and "js/app.js" in files
    for name in files + [f"{version}/{name}" for name in files]:
        for encoding in ("", "gzip, br"):
            response = any_client.get(f"/static/{name}", headers={"Accept-Encoding": encoding})
            assert response.status_code == 200, name
            assert_security_headers(response, any_app.config, static=True)


@pytest.mark.parametrize("level", CARE_LEVEL_CASES)
def test_every_page_of_a_walk(any_app, any_client, level):
    """Question, interruption, check and result pages: headers, no-store, and nothing the CSP would block."""
    pages, _ = walk(any_client, CARE_LEVEL_CASES[level])
    nonces = set()
    for kind, response in pages:
        csp = assert_security_headers(response, any_app.config)
        assert_page_obeys_csp(response.get_data(as_text=True), csp)
        nonces.update(source for source in csp["script-src"] if source.startswith("'nonce-"))
    assert len(nonces) == len(pages), "each response needs its own nonce"


def test_error_pages(any_app, any_client):
    too_big = "x" * (any_app.config["MAX_CONTENT_LENGTH"] + 1)
    cases = [
        (400, any_client.post("/result", data={"where": "eyelid"})),
        (403, any_client.post("/quiz", data={}, headers={"Sec-Fetch-Site": "cross-site"})),
        (404, any_client.get("/no-such-page")),
        (404, any_client.get("/static/no-such-file.css")),
        (405, any_client.get("/result")),
        (405, any_client.post("/static/css/app.css", headers=SAME_ORIGIN)),
        (413, any_client.post("/quiz", data=too_big, content_type="application/x-www-form-urlencoded")),
    ]
    for code, response in cases:
        assert_error_page(response, code)
        csp = assert_security_headers(response, any_app.config)
        assert_page_obeys_csp(response.get_data(as_text=True), csp)


def test_server_error_page():
    app = create_app({"TESTING": False, "HSTS": True})

    @app.get("/explode")
    def explode():
        raise RuntimeError("internal detail")

    response = app.test_client().get("/explode")
    assert_error_page(response, 500)
    assert "internal detail" not in response.get_data(as_text=True)
    assert_security_headers(response, app.config)


def test_compressed_pages_keep_the_headers(any_app, any_client):
    response = any_client.get("/", headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("Content-Encoding") == "gzip"
    assert_security_headers(response, any_app.config)


def test_hsts_follows_the_environment(monkeypatch):
    monkeypatch.setenv("FLASK_HSTS", "true")
    on = create_app({"TESTING": False})
    monkeypatch.setenv("FLASK_HSTS", "false")
    off = create_app({"TESTING": False})
    for app, expected in ((on, True), (off, False)):
        client = app.test_client()
        for url in ("/", "/healthz", "/static/css/app.css", "/no-such-page"):
            response = client.get(url)
            assert ("Strict-Transport-Security" in response.headers) is expected, (url, expected)


def test_frame_ancestors_follow_the_configuration():
    app = create_app({"TESTING": False, "FRAME_ANCESTORS": "https://only.example"})
    client = app.test_client()
    for url in ("/", "/static/css/app.css", "/no-such-page"):
        csp = assert_security_headers(client.get(url), app.config, static=url.startswith("/static/"))
        assert "https://only.example" in csp["frame-ancestors"]


def test_headers_from_the_real_server(live_server):
    """The same headers through gunicorn, whose own responses could differ from the test client's."""
    app = create_app({"TESTING": False})
    for path, static in (("/", False), ("/healthz", False), ("/static/css/app.css", True)):
        with urllib.request.urlopen(live_server.url + path, timeout=5) as response:
            response.status_code = response.status
            assert_security_headers(response, app.config, static=static)
