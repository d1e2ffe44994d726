"""The production set-up: gunicorn.conf.py, /healthz, ProxyFix (PROXY_FIX), debug off, private logs."""

from __future__ import annotations

import http.client
import logging
import os
import runpy
import socket

import pytest

import app as app_module
from app import create_app

from ..support.server import ROOT
from ..support.server import LiveServer
from ..support.securitycheck import assert_error_page, assert_security_headers

FORM = "application/x-www-form-urlencoded"


# --- gunicorn.conf.py -----------------------------------------------------------------------------


def load_gunicorn_conf(monkeypatch, **env: str) -> dict:
    for name in ("WEB_CONCURRENCY", "WORKER_CONNECTIONS", "BIND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_workers_fork_with_what_the_master_loaded_frozen_for_the_collector():
    import urllib.request

    with LiveServer(target="tests.support.gc_probe_app:app", workers=1) as server:
        frozen = int(urllib.request.urlopen(server.url + "/", timeout=5).read())
    assert frozen > 1000, "gunicorn.conf.py pre_fork did not freeze the loaded objects"


def test_workers_come_from_the_cores(monkeypatch):
    conf = load_gunicorn_conf(monkeypatch)
    assert conf["workers"] == len(os.sched_getaffinity(0))
    assert conf["worker_class"] == "quiz.serving.BoundedGeventWorker" and conf["worker_connections"] == 500
    assert conf["bind"] == "127.0.0.1:8000" and conf["reuse_port"] is False
    conf = load_gunicorn_conf(monkeypatch, WEB_CONCURRENCY="3", WORKER_CONNECTIONS="200", BIND="127.0.0.1:9")
    assert (conf["workers"], conf["worker_connections"], conf["bind"]) == (3, 200, "127.0.0.1:9")
    with pytest.raises(SystemExit, match="WEB_CONCURRENCY: 'two' is not a whole number, 1 or more"):
        load_gunicorn_conf(monkeypatch, WEB_CONCURRENCY="two")


def test_timeouts_and_limits_are_sensible(monkeypatch):
    conf = load_gunicorn_conf(monkeypatch)
    assert 10 <= conf["timeout"] <= 60
    assert conf["graceful_timeout"] <= conf["timeout"]
    assert 1 <= conf["keepalive"] <= 10
    assert conf["limit_request_line"] <= 4094 and conf["limit_request_fields"] <= 100
    assert conf["preload_app"] is True


def test_access_log_keeps_no_query_string_address_or_referrer(monkeypatch):
    conf = load_gunicorn_conf(monkeypatch)
    fmt = conf["access_log_format"]
    assert "%(U)s" in fmt
    for atom in ("%(r)s", "%(q)s", "%(h)s", "%(f)s", "%(a)s", "{"):
        assert atom not in fmt, atom


# --- /healthz -----------------------------------------------------------------------------------


def test_healthz(app, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok\n"
    assert response.mimetype == "text/plain"
    assert_security_headers(response, app.config)  # Cache-Control: no-store included
    assert client.head("/healthz").status_code == 200
    assert_error_page(client.post("/healthz", headers={"Sec-Fetch-Site": "same-origin"}), 405)


# --- debug off, and what a 500 shows and logs -----------------------------------------------------


def test_debug_is_off_by_default(monkeypatch):
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    assert create_app().debug is False
    assert app_module.app.debug is False


def test_a_crash_shows_and_logs_no_detail(caplog):
    app = create_app({"TESTING": False})

    @app.post("/crash")
    def crash():
        from flask import request

        raise ValueError(f"bad value {request.form['where']}")

    with caplog.at_level(logging.DEBUG):
        response = app.test_client().post("/crash", data={"where": "back_lower_secret"})
    assert_error_page(response, 500)
    assert "back_lower_secret" not in response.get_data(as_text=True)
    assert "Unhandled ValueError on POST /crash" in caplog.text
    assert "back_lower_secret" not in caplog.text
    assert "Traceback" not in caplog.text


# --- ProxyFix -----------------------------------------------------------------------------------


def proxy_app(hops: int):
    app = create_app({"TESTING": False, "PROXY_FIX": hops})

    @app.get("/probe")
    def probe():
        from flask import request

        return f"{request.scheme} {request.host} {request.remote_addr}"

    return app


FORWARDED = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "quiz.example"}


def test_without_proxy_fix_forwarded_headers_are_ignored():
    client = proxy_app(0).test_client()
    assert client.get("/probe", headers=FORWARDED).get_data(as_text=True) == "http localhost 127.0.0.1"
    # So a forged X-Forwarded-Host cannot make a cross-site Origin look like our own.
    response = client.post("/quiz", headers={**FORWARDED, "Origin": "https://quiz.example"})
    assert_error_page(response, 403)


def test_with_one_proxy_the_last_hop_is_believed():
    client = proxy_app(1).test_client()
    assert client.get("/probe", headers=FORWARDED).get_data(as_text=True) == "https quiz.example 203.0.113.7"
    # A client's own X-Forwarded-* values come first in the list; only the proxy's last one counts.
    spoofed = {"X-Forwarded-For": "6.6.6.6, 203.0.113.7", "X-Forwarded-Host": "evil.example, quiz.example",
               "X-Forwarded-Proto": "http, https"}
    assert client.get("/probe", headers=spoofed).get_data(as_text=True) == "https quiz.example 203.0.113.7"
    assert client.post("/quiz", headers={**FORWARDED, "Origin": "https://quiz.example"}).status_code == 200
    assert_error_page(client.post("/quiz", headers={**FORWARDED, "Origin": "https://evil.example"}), 403)


def test_with_two_proxies():
    client = proxy_app(2).test_client()
    headers = {"X-Forwarded-For": "6.6.6.6, 203.0.113.7, 10.0.0.2", "X-Forwarded-Proto": "https, http",
               "X-Forwarded-Host": "quiz.example, internal"}
    assert client.get("/probe", headers=headers).get_data(as_text=True) == "https quiz.example 203.0.113.7"


def test_proxy_fix_from_the_environment(monkeypatch):
    monkeypatch.setenv("FLASK_PROXY_FIX", "1")
    app = create_app({"TESTING": False})
    assert app.config["PROXY_FIX"] == 1
    response = app.test_client().post("/quiz", headers={**FORWARDED, "Origin": "https://quiz.example"})
    assert response.status_code == 200


# --- the same through gunicorn, with its logs ---------------------------------------------------------


@pytest.fixture(scope="module")
def proxied_server(tmp_path_factory):
    log_path = tmp_path_factory.mktemp("proxied") / "gunicorn.log"
    server = LiveServer(env={"FLASK_PROXY_FIX": "1"}, log_path=log_path).start()
    yield server, log_path
    server.stop()


def raw_request(server, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(request)
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    return reply


def post_status(server, headers: dict[str, str]) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request("POST", "/quiz", body=b"", headers={"Content-Type": FORM, **headers})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def test_gunicorn_hands_forwarded_headers_to_proxy_fix_alone(proxied_server, live_server):
    server, _ = proxied_server
    from_proxy = {**FORWARDED, "Origin": "https://quiz.example"}
    assert post_status(server, from_proxy) == 200
    assert post_status(server, {**FORWARDED, "Origin": "https://evil.example"}) == 403
    assert post_status(live_server, from_proxy) == 403, "without PROXY_FIX the forwarded host is not believed"


def test_gunicorn_logs_neither_query_strings_nor_forged_lines(proxied_server):
    server, log_path = proxied_server
    raw_request(server, b"GET /?a=\x01zqsecret HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")  # refused by gunicorn
    raw_request(server, b"GET /%0aFORGED%20LINE HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    raw_request(server, b"GET /?region=zqsecret HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    server.stop()
    log = log_path.read_text(errors="replace")
    assert "Invalid request" in log and '"GET / HTTP/1.1" 200' in log
    assert "zqsecret" not in log
    assert "ip=" not in log and "127.0.0.1:" not in log.replace(f"127.0.0.1:{server.port}", "")
    assert not any(line.startswith("FORGED") for line in log.splitlines())
    assert "FORGED LINE" in log  # escaped, on the request's own line
