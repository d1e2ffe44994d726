"""The production recipe: Debian's nginx with deploy/nginx-quiz.conf in front of gunicorn
(FLASK_PROXY_FIX=1). Slow clients are held by nginx, a visitor walks the whole quiz through it,
the app sees the client's scheme and host, and nginx enforces the body cap and time limits."""

from __future__ import annotations

import http.client
import socket
import time
from urllib.parse import urlencode

import pytest

from ..support import slowclients
from ..support.cases import CARE_LEVEL_CASES
from ..support.nginx import HEADER_TIMEOUT, Nginx
from ..support.server import LiveServer
from ..support.walker import walk

pytestmark = pytest.mark.nginx


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("nginx")
    with LiveServer(env={"FLASK_PROXY_FIX": "1"}, log_path=workdir / "gunicorn.log") as app_server:
        with Nginx(app_server.port, workdir) as nginx:
            yield nginx, workdir


class Response:
    def __init__(self, status: int, headers: http.client.HTTPMessage, body: bytes):
        self.status_code, self.headers, self._body = status, headers, body

    def get_data(self, as_text: bool = False):
        return self._body.decode() if as_text else self._body


class HttpClient:
    """The walker's client interface (get, post) over real HTTP, as a browser in the frame posts."""

    def __init__(self, port: int):
        self.port = port

    def _send(self, method: str, path: str, body: str | None = None) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return Response(response.status, response.headers, response.read())
        finally:
            connection.close()

    def get(self, path: str) -> Response:
        return self._send("GET", path)

    def post(self, path: str, data) -> Response:
        return self._send("POST", path, urlencode(list(data.items(multi=True))))


@pytest.mark.parametrize("case", ["urgent", "self-care"])
def test_a_full_walk_through_nginx(proxied, case):
    nginx, _ = proxied
    pages, result = walk(HttpClient(nginx.port), CARE_LEVEL_CASES[case])
    assert pages[-1][0] == "result" and f"tq-care-card--{case}" in result.get_data(as_text=True)


def test_a_normal_visitor_is_answered_while_50_slow_clients_trickle(proxied):
    nginx, _ = proxied
    visits, attack = slowclients.run("127.0.0.1", nginx.port, connections=50, interval=2, duration=4)
    assert all(visit.ok for visit in visits), slowclients.summary(visits)
    assert max(visit.seconds for visit in visits) < 1.0, slowclients.summary(visits)


def test_forwarding_matches_proxy_fix_1(proxied):
    nginx, _ = proxied
    client = HttpClient(nginx.port)
    # The Origin a browser sends for this host: believed via X-Forwarded-Host, whatever the client forged.
    connection = http.client.HTTPConnection("127.0.0.1", nginx.port, timeout=10)
    connection.request("POST", "/quiz", body="", headers={
        "Origin": nginx.url, "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https",
        "Content-Type": "application/x-www-form-urlencoded"})
    assert connection.getresponse().status == 200
    connection.close()
    connection = http.client.HTTPConnection("127.0.0.1", nginx.port, timeout=10)
    connection.request("POST", "/quiz", body="", headers={"Origin": "https://evil.example",
                                                          "Content-Type": "application/x-www-form-urlencoded"})
    assert connection.getresponse().status == 403
    connection.close()
    assert client.get("/healthz").status_code == 200


def test_nginx_caps_the_body_and_cuts_off_slow_headers(proxied):
    nginx, workdir = proxied
    connection = http.client.HTTPConnection("127.0.0.1", nginx.port, timeout=10)
    connection.request("POST", "/quiz", body="a=" + "b" * 17000, headers={
        "Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded"})
    assert connection.getresponse().status == 413
    connection.close()
    with socket.create_connection(("127.0.0.1", nginx.port)) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # and never the rest
        sock.settimeout(15)
        began = time.monotonic()
        reply = b""
        while chunk := sock.recv(4096):
            reply += chunk
        assert HEADER_TIMEOUT - 1 <= time.monotonic() - began <= HEADER_TIMEOUT + 3  # client_header_timeout
    access = (workdir / "quiz-access.log").read_text()
    assert '"POST /quiz HTTP/1.1" 413' in access and "?" not in access
