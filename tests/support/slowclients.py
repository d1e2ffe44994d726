"""Slow clients and a normal visitor, on loopback: how long the visitor waits while many
connections each send a byte of a request now and then (a "slowloris" attack).

Used by tests/web/test_slow_clients.py (short), tests/deploy/test_nginx.py and bench/slow_clients.py
(the long run whose figures docs/production.md reports).
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
from dataclasses import dataclass, field

# A request that is never finished: one byte of it is sent at a time.
SLOW_REQUEST = b"POST /quiz HTTP/1.1\r\nHost: quiz.example\r\nContent-Type: application/x-www-form-urlencoded\r\n"
# The first question answered, as the quiz's own page posts it.
QUIZ_FORM = "emergency_now=none&current=emergency_now&action=continue"
NEXT_QUESTION = 'name="current" value="where"'


@dataclass
class SlowClients:
    """`count` connections to host:port, each sending one byte every `interval` seconds. A
    connection the server closes is opened again, so `count` stay open as far as the attacker can."""

    host: str
    port: int
    count: int
    interval: float
    opened: int = 0
    cut_off: int = 0  # connections the server closed (or refused) before the request was complete
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> "SlowClients":
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(10)

    def _open(self) -> tuple[socket.socket | None, int]:
        try:
            sock = socket.create_connection((self.host, self.port), timeout=2)
        except OSError:
            self.cut_off += 1
            return None, 0
        sock.setblocking(False)
        self.opened += 1
        return sock, 0

    def _run(self) -> None:
        # Spread the connections' sends over the interval, as independent clients would be.
        conns: list[list] = []
        for index in range(self.count):
            sock, sent = self._open()
            conns.append([sock, sent, time.monotonic() + self.interval * index / self.count])
        while not self._stop.is_set():
            now = time.monotonic()
            for conn in conns:
                sock, sent, due = conn
                if due > now:
                    continue
                if sock is None:
                    sock, sent = self._open()
                else:
                    try:
                        if sock.recv(4096) == b"":
                            raise ConnectionError  # closed by the server
                    except BlockingIOError:
                        pass  # nothing to read: still open
                    except OSError:
                        sock.close()
                        self.cut_off += 1
                        sock, sent = self._open()
                if sock is not None:
                    try:
                        sock.send(SLOW_REQUEST[sent % len(SLOW_REQUEST):][:1])
                        sent += 1
                    except OSError:
                        sock.close()
                        self.cut_off += 1
                        sock, sent = None, 0
                conn[:] = [sock, sent, now + self.interval]
            self._stop.wait(0.05)
        for sock, _, _ in conns:
            if sock is not None:
                sock.close()


@dataclass
class Visit:
    at: float  # seconds since the start
    kind: str  # "healthz" or "quiz POST"
    seconds: float  # time to the complete answer (connection included); the limit if none came
    ok: bool


def visit(host: str, port: int, kind: str, limit: float) -> tuple[float, bool]:
    """One normal visitor's request on a new connection: (seconds, answered correctly)."""
    began = time.monotonic()
    connection = http.client.HTTPConnection(host, port, timeout=limit)
    try:
        if kind == "healthz":
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            ok = response.status == 200 and response.read() == b"ok\n"
        else:
            connection.request("POST", "/quiz", body=QUIZ_FORM, headers={
                "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin"})
            response = connection.getresponse()
            ok = response.status == 200 and NEXT_QUESTION in response.read().decode()
        return time.monotonic() - began, ok
    except (OSError, http.client.HTTPException):
        return max(time.monotonic() - began, limit), False
    finally:
        connection.close()


def normal_visitor(host: str, port: int, duration: float, every: float = 0.25, limit: float = 5.0) -> list[Visit]:
    """A /healthz and a quiz POST, one after the other, every `every` seconds for `duration`."""
    visits = []
    start = time.monotonic()
    while (at := time.monotonic() - start) < duration:
        for kind in ("healthz", "quiz POST"):
            seconds, ok = visit(host, port, kind, limit)
            visits.append(Visit(at, kind, seconds, ok))
        time.sleep(every)
    return visits


def run(host: str, port: int, *, connections: int, interval: float, duration: float,
        settle: float = 1.0) -> tuple[list[Visit], SlowClients]:
    """The visitor's requests while `connections` slow clients are at it (after `settle` s)."""
    with SlowClients(host, port, connections, interval) as attack:
        time.sleep(settle)  # let every slow connection open first
        visits = normal_visitor(host, port, duration)
    return visits, attack


def summary(visits: list[Visit]) -> str:
    worst = max(visits, key=lambda v: v.seconds)
    failed = sum(not v.ok for v in visits)
    by_kind = {kind: max(v.seconds for v in visits if v.kind == kind) for kind in ("healthz", "quiz POST")}
    return (f"{len(visits)} requests, {failed} failed; worst {worst.seconds * 1000:.0f} ms ({worst.kind} at "
            f"{worst.at:.1f} s); worst healthz {by_kind['healthz'] * 1000:.0f} ms, "
            f"worst quiz POST {by_kind['quiz POST'] * 1000:.0f} ms")
