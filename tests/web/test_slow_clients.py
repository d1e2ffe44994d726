"""Slow clients cannot take the app offline (gunicorn.conf.py, quiz/serving.py): under a short
slowloris run a normal visitor is still answered within a second, and each slow request is cut
off by its deadline (headers: keepalive; body: REQUEST_BODY_TIMEOUT); headers are capped in size."""

from __future__ import annotations

import socket
import time

import pytest

from ..support import slowclients
from ..support.server import LiveServer

HEADER_DEADLINE = 5  # gunicorn.conf.py keepalive


def test_a_normal_visitor_is_answered_while_50_slow_clients_trickle(live_server):
    # 7 s: the header deadline and 2 s to spare (opening 50 connections on a busy machine takes a
    # moment), so every slow connection is cut off at least once.
    visits, attack = slowclients.run("127.0.0.1", live_server.port, connections=50, interval=2, duration=7)
    assert all(visit.ok for visit in visits), slowclients.summary(visits)
    assert max(visit.seconds for visit in visits) < 1.0, slowclients.summary(visits)
    assert len(visits) >= 20
    assert attack.cut_off >= 50, f"the server closed only {attack.cut_off} of {attack.opened} slow connections"


def read_until_closed(sock: socket.socket, limit: float) -> tuple[bytes, float]:
    began = time.monotonic()
    sock.settimeout(limit)
    reply = b""
    try:
        while chunk := sock.recv(4096):
            reply += chunk
    except TimeoutError:
        pytest.fail(f"the server kept the connection open for {limit} s")
    return reply, time.monotonic() - began


def test_headers_sent_a_byte_a_second_are_cut_off_at_the_deadline(live_server):
    with socket.create_connection(("127.0.0.1", live_server.port)) as sock:
        began = time.monotonic()
        sock.settimeout(0.05)
        closed = False
        for byte in slowclients.SLOW_REQUEST[:HEADER_DEADLINE + 3]:
            try:
                sock.send(bytes([byte]))
                if sock.recv(4096) == b"":
                    closed = True
                    break
            except TimeoutError:
                pass
            except OSError:
                closed = True
                break
            time.sleep(1)
        assert closed, "the slow headers were still being read after the deadline"
        assert HEADER_DEADLINE - 0.5 <= time.monotonic() - began <= HEADER_DEADLINE + 1.5


def test_a_slow_body_gets_400_and_the_connection_closed_at_its_deadline():
    with LiveServer(env={"REQUEST_BODY_TIMEOUT": "1"}, workers=1) as server:
        with socket.create_connection(("127.0.0.1", server.port)) as sock:
            sock.sendall(b"POST /quiz HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                         b"Sec-Fetch-Site: same-origin\r\nContent-Length: 100\r\n\r\nemergency_now=")
            reply, seconds = read_until_closed(sock, limit=5)
        assert reply.startswith(b"HTTP/1.1 400 "), reply[:100]
        assert b"connection: close" in reply.lower()
        assert 0.8 <= seconds <= 2.5


def test_headers_over_32_kb_in_all_are_refused(live_server):
    def status_with_headers(count: int, size: int) -> bytes:
        headers = b"".join(b"X-Filler-%d: %s\r\n" % (index, b"a" * size) for index in range(count))
        with socket.create_connection(("127.0.0.1", live_server.port)) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + headers + b"\r\n")
            reply, _ = read_until_closed(sock, limit=5)
        return reply.split(b"\r\n", 1)[0]

    assert status_with_headers(6, 4000) == b"HTTP/1.1 200 OK"  # 24 KB: more than any browser sends
    # 40 KB, each line within its own limit and fewer lines than gunicorn's 100 (which allowed 784 KB)
    assert status_with_headers(10, 4000).startswith(b"HTTP/1.1 431 ")
