"""Limits: the body cap, the field cap, the value-length cap and the methods each route allows."""

from __future__ import annotations

import http.client
import socket
import urllib.request
from urllib.parse import urlencode

import pytest

from quiz.web.forms import CONTROL_FIELDS, MAX_VALUE_LENGTH

from ..support.securitycheck import assert_error_page, assert_security_headers

FORM = "application/x-www-form-urlencoded"
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}
ROUTE_METHODS = {  # the methods each route needs; anything else is a 405
    "/": {"GET", "HEAD"},
    "/quiz": {"GET", "HEAD", "POST"},
    "/result": {"POST"},
    "/healthz": {"GET", "HEAD"},
    "/static/<path:filename>": {"GET", "HEAD"},
}
OTHER_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE")


def largest_honest_form(content) -> list[tuple[str, str]]:
    """The most a visitor can send: every question answered, every combinable box ticked."""
    pairs = []
    for question in content.questions:
        if question.type == "single":
            pairs.append((question.id, max(question.option_ids, key=len)))
        else:
            pairs += [(question.id, option.id) for option in question.options if not option.exclusive]
    longest_id = max((q.id for q in content.questions), key=len)
    return pairs + [("current", longest_id), ("action", f"change:{longest_id}"), ("return_to", "check")]


def multipart(pairs: list[tuple[str, str]]) -> tuple[bytes, str]:
    parts = [f'--b\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in pairs]
    return ("".join(parts) + "--b--\r\n").encode(), "multipart/form-data; boundary=b"


def test_honest_visitors_stay_well_inside_the_caps(app, content):
    pairs = largest_honest_form(content)
    assert len(pairs) <= app.config["MAX_FORM_PARTS"] * 0.75
    assert len(urlencode(pairs)) <= app.config["MAX_CONTENT_LENGTH"] / 4
    assert max(len(value) for _, value in pairs) <= MAX_VALUE_LENGTH


# --- body cap ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/quiz", "/result"])
def test_body_over_the_cap_gets_the_413_page(app, client, path):
    body = "where=" + "x" * app.config["MAX_CONTENT_LENGTH"]
    response = client.post(path, data=body, content_type=FORM, headers=SAME_ORIGIN)
    assert_error_page(response, 413)
    assert_security_headers(response, app.config)


def test_body_just_under_the_cap_is_read(app, client):
    """At the cap the form is read (and refused for its unknown field: 400, not 413)."""
    body = "x=" + "y" * (app.config["MAX_CONTENT_LENGTH"] - 2)
    assert_error_page(client.post("/quiz", data=body, content_type=FORM), 400)


def _raw_post(server, path: str, body, headers: dict[str, str], encode_chunked: bool = False):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request("POST", path, body=body, headers={"Content-Type": FORM, **headers},
                           encode_chunked=encode_chunked)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


def test_body_cap_holds_under_gunicorn(app, live_server):
    """A declared length over the cap, and a chunked body with no declared length, both get the page.

    (Werkzeug alone cuts a chunked body at the cap and parses the rest, see quiz/limits.py.)
    """
    cap = app.config["MAX_CONTENT_LENGTH"]
    status, headers, html = _raw_post(live_server, "/quiz", b"where=" + b"x" * (4 * cap), {})
    assert status == 413 and "Sorry, that was too much to send" in html

    chunks = iter([b"where="] + [b"x" * 1024] * (2 * cap // 1024))
    status, headers, html = _raw_post(live_server, "/quiz", chunks, {"Transfer-Encoding": "chunked"}, True)
    assert status == 413 and "Sorry, that was too much to send" in html
    assert headers["Cache-Control"] == "no-store"

    honest = iter([b"current=where&action=continue", b"&where=eyelid"])
    status, _, html = _raw_post(live_server, "/quiz", honest, {"Transfer-Encoding": "chunked"}, True)
    assert status == 200 and "There is a problem" not in html, "a small chunked form is read as usual"


def test_a_413_for_a_large_upload_closes_the_connection_and_says_so(live_server):
    """The client is told at once that the rest of a multi-megabyte body will not be read."""
    with socket.create_connection(("127.0.0.1", live_server.port), timeout=10) as connection:
        connection.sendall(b"POST /quiz HTTP/1.1\r\nHost: 127.0.0.1\r\nSec-Fetch-Site: same-origin\r\n"
                           b"Content-Type: " + FORM.encode() + b"\r\nContent-Length: 5000000\r\n\r\n" + b"x" * 65536)
        answer = b""
        try:
            while chunk := connection.recv(65536):  # b"" once the server has closed
                answer += chunk
        except ConnectionResetError:  # closed with the upload unread: the answer came first
            pass
    head = answer.split(b"\r\n\r\n")[0].decode()
    assert head.startswith("HTTP/1.1 413")
    assert "Connection: close" in head.split("\r\n")


def test_a_malformed_chunked_body_gets_the_400_page(live_server):
    """gunicorn's chunk parser raises its own error inside the app's read; that is a 400, not a 500."""
    request = (
        b"POST /quiz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + FORM.encode()
        + b"\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        + b"zz\r\nwhere=eyelid\r\n0\r\n\r\n"  # "zz" is not a hexadecimal chunk size
    )
    with socket.create_connection(("127.0.0.1", live_server.port), timeout=10) as sock:
        sock.sendall(request)
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400"), head[:200]
    assert b"Cache-Control: no-store" in head
    assert b"Sorry, we could not read your answers" in body
    with urllib.request.urlopen(live_server.url + "/healthz", timeout=10) as response:
        assert response.status == 200, "the server keeps answering"


# --- field cap --------------------------------------------------------------------------------


@pytest.mark.parametrize("encode", ["urlencoded", "multipart"])
def test_too_many_fields_get_the_413_page(app, client, encode):
    cap = app.config["MAX_FORM_PARTS"]
    for count, expected in ((cap, 400), (cap + 1, 413)):
        pairs = [("where", "eyelid")] * count  # short enough to stay far under the body cap
        body, mimetype = (urlencode(pairs).encode(), FORM) if encode == "urlencoded" else multipart(pairs)
        assert len(body) < app.config["MAX_CONTENT_LENGTH"]
        response = client.post("/quiz", data=body, content_type=mimetype, headers=SAME_ORIGIN)
        assert_error_page(response, expected)


# --- value length -----------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["where", "feel", *sorted(CONTROL_FIELDS), "x" * (MAX_VALUE_LENGTH + 1)])
def test_a_value_over_the_length_cap_gets_the_400_page(app, client, field):
    data = {"current": "where", "action": "continue", "where": "eyelid", field: "a" * (MAX_VALUE_LENGTH + 1)}
    assert_error_page(client.post("/quiz", data=data), 400)
    assert_error_page(client.post("/result", data=data), 400)


def test_a_value_at_the_length_cap_is_not_refused_for_its_length(client):
    """At the cap a wrong option is the visitor's mistake on screen: the question again, with its error."""
    response = client.post("/quiz", data={"current": "where", "action": "continue", "where": "a" * MAX_VALUE_LENGTH})
    assert response.status_code == 200
    assert "There is a problem" in response.get_data(as_text=True)


# --- methods ----------------------------------------------------------------------------------


def test_each_route_allows_only_the_methods_it_needs(app):
    routes: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint.partition(".")[0] == "api":  # own methods and JSON errors: tests/web/test_api.py
            continue
        routes.setdefault(rule.rule, set()).update(rule.methods)
    for rule, methods in routes.items():
        assert methods <= {"GET", "HEAD", "POST"}, (rule, methods)
    for rule, methods in ROUTE_METHODS.items():
        assert routes[rule] == methods, rule


def test_other_methods_get_the_405_page_with_allow(app, client):
    """Every route, the publisher's and future ones included; a static file stands for its route."""
    routes: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint.partition(".")[0] == "api":  # own methods and JSON errors: tests/web/test_api.py
            continue
        path = "/static/css/app.css" if rule.arguments else rule.rule
        routes.setdefault(path, set()).update(rule.methods)
    for path, allowed in routes.items():
        for method in OTHER_METHODS:
            if method in allowed:
                continue
            response = client.open(path, method=method, headers=SAME_ORIGIN)
            if method == "HEAD":
                assert response.status_code == 405
            else:
                assert_error_page(response, 405)
            assert set(response.headers["Allow"].replace(" ", "").split(",")) == allowed, (path, method)
            assert_security_headers(response, app.config)


def test_options_gets_405_from_gunicorn_too(live_server):
    connection = http.client.HTTPConnection("127.0.0.1", live_server.port, timeout=10)
    try:
        connection.request("OPTIONS", "/quiz")
        response = connection.getresponse()
        html = response.read().decode()
    finally:
        connection.close()
    assert response.status == 405
    assert "Sorry, this page cannot be used like that" in html
    assert set(response.getheader("Allow").replace(" ", "").split(",")) == {"GET", "HEAD", "POST"}
