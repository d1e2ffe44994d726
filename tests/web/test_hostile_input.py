"""Property tests: random and hostile input to every route gets a page or a 4xx, never a 5xx, and
nothing sent comes back unescaped.

Hostile strings carry the marker `tqx`, so a reflection can be told apart from the page's own text:
no tag or attribute name may contain it, and no posted markup may appear verbatim in a response.
"""

from __future__ import annotations

import dataclasses
import socket
from urllib.parse import quote_from_bytes, urlencode, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.web.forms import CONTROL_FIELDS
from quiz.web.options import PageOptions

from ..support.cases import CARE_LEVEL_CASES
from ..support.pagecheck import check_page
from ..support.securitycheck import assert_error_page, assert_page_obeys_csp, assert_security_headers, elements

MARKER = "tqx"
HOSTILE = [
    f"<script>{MARKER}()</script>",
    f'"><img src=x onerror={MARKER}()>',
    f"'><svg/onload={MARKER}()>",
    f"' onmouseover='{MARKER}()",
    f'" onfocus="{MARKER}()" autofocus x="',
    f"</textarea></title></style><b {MARKER}=1>",
    f"javascript:{MARKER}()",
    f"#000;}}</style><script>{MARKER}</script>",
    f"{{{{7*7}}}}{MARKER}",
    f"%3Cscript%3E{MARKER}%3C/script%3E",
    f"change:<i {MARKER}>",
    f"https://{MARKER}.example\"><script>",
    f"\r\nSet-Cookie: {MARKER}=1",
    f"\x00\x07\x1b[31m{MARKER}\u202e\ufeff",
]
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(scope="module")
def routes(app):
    """{path: methods} for every route, static files as one real file."""
    found: dict[str, set[str]] = {}
    for rule in page_rules(app):
        path = "/static/css/app.css" if rule.arguments else rule.rule
        found.setdefault(path, set()).update(rule.methods - {"HEAD"})
    return found


def post_paths(app) -> list[str]:
    return sorted({rule.rule for rule in page_rules(app) if "POST" in rule.methods})


def page_rules(app):
    """Every route but the JSON API's, which has its own methods and JSON errors (tests/web/test_api.py)."""
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint.partition(".")[0] != "api"]


def quiz_vocabulary(content) -> tuple[list[str], list[str]]:
    names = [q.id for q in content.questions] + sorted(CONTROL_FIELDS)
    values = [o for q in content.questions for o in q.option_ids]
    values += ["continue", "back", "resume", "check"] + [f"change:{q.id}" for q in content.questions]
    return names, values


def texts() -> st.SearchStrategy[str]:
    """Hostile, random (control characters included, surrogates cannot be sent) and huge strings."""
    return st.one_of(
        st.sampled_from(HOSTILE),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=80),
        st.builds(lambda s, n: (s * n)[:20_000], st.sampled_from(["A", "é", MARKER, "<b>"]), st.integers(60, 20_000)),
    )


def option_query() -> st.SearchStrategy[list[tuple[str, str]]]:
    """Every page option (as declared in quiz/options.py) and some unknown ones, with hostile values."""
    names = [field.name for field in dataclasses.fields(PageOptions)] + ["page", MARKER]
    return st.lists(st.tuples(st.sampled_from(names), texts()), max_size=6)


def form_pairs(content) -> st.SearchStrategy[list[tuple[str, str]]]:
    """A real answer set (or none) with unknown, duplicate, wrong and hostile fields mixed in."""
    names, values = quiz_vocabulary(content)
    base = st.sampled_from([[], *[[(k, v) for k, vs in case.items() for v in vs] for case in CARE_LEVEL_CASES.values()]])
    name = st.one_of(st.sampled_from(names), texts())
    value = st.one_of(st.sampled_from(values), texts())
    extra = st.lists(st.tuples(name, value), max_size=12)
    return st.builds(lambda b, e, cut: b[: len(b) - cut] + e, base, extra, st.integers(0, 3))


def check_response(app, response, sent: list[str]) -> None:
    assert response.status_code < 500, response.status_code
    assert "Set-Cookie" not in response.headers
    static = response.request.path.startswith("/static/") and response.status_code in (200, 304)
    assert_security_headers(response, app.config, static=static)
    if 300 <= response.status_code < 400:
        location = response.headers["Location"]  # werkzeug makes "//x" an absolute "http://localhost/x"
        assert location.removeprefix("http://localhost").startswith("/"), location
        assert not location.removeprefix("http://localhost").startswith("//"), location
        assert MARKER not in location.lower()
        return
    if response.request.path == "/oembed" and response.mimetype == "text/plain":
        # The endpoint's own refusals (a query it could read): a short reason, nothing from the request.
        assert response.status_code in (400, 404, 501) and MARKER not in response.get_data(as_text=True).lower()
        return
    if response.status_code >= 400:
        assert_error_page(response, response.status_code)
    if response.mimetype != "text/html":
        return
    html = response.get_data(as_text=True)
    check_page(html)
    assert_page_obeys_csp(html, assert_security_headers(response, app.config))
    for tag, attrs in elements(html):
        assert MARKER not in tag.lower(), f"<{tag}> came from the request"
        assert not any(MARKER in name.lower() for name in attrs), f"<{tag} {list(attrs)}> came from the request"
    for value in sent:
        if MARKER in value and any(c in value for c in "<>\"'"):
            assert value not in html, f"{value!r} is in the page unescaped"


@settings(SETTINGS, max_examples=120)
@given(data=st.data())
def test_random_and_hostile_forms(app, content, data):
    """Every POST route, with browser-like Fetch Metadata (cross-site posts must be refused)."""
    path = data.draw(st.sampled_from(post_paths(app)), label="path")
    pairs = data.draw(form_pairs(content), label="form")
    query = data.draw(option_query(), label="query")
    site = data.draw(st.sampled_from(["same-origin", "same-origin", "cross-site", None]), label="Sec-Fetch-Site")
    headers = {"Sec-Fetch-Site": site} if site else {}
    url = path + ("?" + urlencode(query) if query else "")
    client = app.test_client(use_cookies=False)
    response = client.post(url, data=urlencode(pairs).encode(), content_type=FORM, headers=headers)
    check_response(app, response, [v for pair in pairs + query for v in pair])
    if site == "cross-site":
        assert response.status_code == 403


@SETTINGS
@given(
    body=st.one_of(
        st.binary(max_size=2_000),
        st.binary(max_size=200).map(lambda b: b"current=where&action=continue&where=" + b),
        st.binary(max_size=200).map(lambda b: ("where=" + quote_from_bytes(b)).encode()),  # invalid UTF-8, encoded
    ),
    mimetype=st.sampled_from([FORM, "multipart/form-data; boundary=b", "text/plain", "application/json", ""]),
)
def test_raw_bodies_with_invalid_utf8(app, body, mimetype):
    client = app.test_client(use_cookies=False)
    for path in post_paths(app):
        response = client.post(path, data=body, content_type=mimetype or None, headers={"Sec-Fetch-Site": "same-origin"})
        check_response(app, response, [])


@SETTINGS
@given(query=option_query(), raw=st.binary(max_size=300))
def test_get_routes_with_hostile_query_strings(app, routes, query, raw):
    client = app.test_client(use_cookies=False)
    for path, methods in routes.items():
        if "GET" not in methods:
            continue
        response = client.get(path, query_string=urlencode(query))
        check_response(app, response, [v for pair in query for v in pair])
        # The raw query string as a server passes it on: any bytes, percent-escapes valid or not.
        response = client.get(path, environ_overrides={"QUERY_STRING": raw.decode("latin-1")})
        check_response(app, response, [])


@SETTINGS
@given(
    path=st.one_of(
        texts().map(lambda text: quote_from_bytes(text.encode(), safe="/")),
        st.binary(max_size=100).map(lambda raw: quote_from_bytes(raw, safe="/%")),  # stray % escapes too
    )
)
def test_hostile_paths(app, path):
    # One leading slash: the test client would read "//x" as a host name (the real server does not,
    # see the next test).
    response = app.test_client(use_cookies=False).get("/" + path.lstrip("/"))
    check_response(app, response, [])


@pytest.mark.parametrize("target", [b"//evil.example", b"//evil.example/", b"///evil.example", b"//%00",
                                    b"/%2F%2Fevil.example", b"/\\evil.example", b"//"])
def test_no_path_redirects_to_another_site(live_server, target):
    request = b"GET " + target + b" HTTP/1.1\r\nHost: quiz.example\r\nConnection: close\r\n\r\n"
    with socket.create_connection(("127.0.0.1", live_server.port), timeout=10) as sock:
        sock.sendall(request)
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    status_line, *headers = reply.partition(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
    assert int(status_line.split()[1]) < 500, status_line
    for header in headers:
        name, _, value = header.partition(":")
        if name.lower() == "location":
            assert urlsplit(value.strip()).netloc in ("", "quiz.example"), value
