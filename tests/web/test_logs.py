"""Logs never quote request bytes (gunicorn.conf.py WithoutRequestBytes): malformed requests that
carry answers, sent to a real gunicorn, leave neither the answers nor the query in its logs."""

from __future__ import annotations

import logging
import socket

from ..support.server import LiveServer

ANSWER = b"zq_back_lower_secret"  # stands for an answer: must appear in no log line
MALFORMED = [
    # A body longer than its Content-Length: the rest is read as the next request's line.
    b"POST /quiz HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 5\r\n\r\n"
    b"where=" + ANSWER + b"&back_urgent=night_pain\r\n\r\n",
    # A query string cut short by a quote or a space, then the answer.
    b"GET /?region=uk'" + ANSWER + b" more HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    b"GET /?region=uk\"" + ANSWER + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    b"GET /quiz?where=a b=" + ANSWER + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    # Bad header, bad method, bad version, bad chunk: each quoted by gunicorn's own messages.
    b"GET / HTTP/1.1\r\nHost: x\r\nX-Answer" + ANSWER + b": 1\r\n\r\n",
    b"G\x01T /" + ANSWER + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /" + ANSWER + b" HTTP/9." + ANSWER + b"\r\nHost: x\r\n\r\n",
    b"POST /quiz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + ANSWER + b"\r\nx\r\n0\r\n\r\n",
    # A control character in the path: gunicorn refuses the request line.
    b"GET /?where=\x01" + ANSWER + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
]


def send(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        reply = b""
        try:
            while chunk := sock.recv(65536):
                reply += chunk
        except ConnectionResetError:
            pass
    return reply


def test_malformed_requests_leave_no_answer_in_either_log(tmp_path):
    log_path = tmp_path / "gunicorn.log"  # gunicorn's error log and access log, as scripts/serve.sh writes them
    with LiveServer(log_path=log_path, workers=1) as server:
        replies = [send(server.port, request) for request in MALFORMED]
    log = log_path.read_text(errors="replace")
    statuses = [reply.split(b"\r\n", 1)[0] for reply in replies]
    assert all(status[:10] in (b"HTTP/1.1 2", b"HTTP/1.1 4") for status in statuses), statuses  # never a crash
    assert log.count("Invalid request: ") >= 5, log  # the refusals are logged, with their reason
    assert '"GET / HTTP/1.1" 200' in log  # and the requests gunicorn accepted, by path alone
    assert ANSWER.decode() not in log, log
    assert "night_pain" not in log and "region=" not in log and "ip=" not in log


def test_the_filter_keeps_the_reason_and_drops_what_follows_a_question_mark():
    import runpy

    from ..support.server import ROOT

    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    keep = conf["WithoutRequestBytes"]()

    def filtered(message: str, *args, exc_info=None) -> str:
        record = logging.LogRecord("gunicorn.error", logging.WARNING, __file__, 1, message, args, exc_info)
        assert keep.filter(record)
        assert record.exc_info is None
        return record.getMessage()

    assert filtered("Invalid request from ip=::1: Invalid HTTP request line: '=back_lower&x=y'") == \
        "Invalid request: Invalid HTTP request line"
    assert filtered("Invalid request from ip=10.0.0.1: %s", "Invalid HTTP Header: 'X\\x01secret'") == \
        "Invalid request: Invalid HTTP Header"
    assert filtered("Error handling request GET /?region=uk'secret more") == \
        "Error handling request GET / [query removed]"
    try:
        raise ValueError("secret value")
    except ValueError:
        import sys

        assert filtered("Error handling request /quiz", exc_info=sys.exc_info()) == \
            "Error handling request /quiz (ValueError)"
    assert filtered("Booting worker with pid: 12") == "Booting worker with pid: 12"
