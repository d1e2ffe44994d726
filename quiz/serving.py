"""The gunicorn worker the app runs in (gunicorn.conf.py): gevent, with time and size limits on
what a client sends, so that slow or bloated requests cannot take the service offline.

Why not gunicorn's threaded worker: a thread that has read one byte of a request blocks on the
next with no time limit, so a dozen connections that each send a byte and wait hold every thread,
while the worker's heartbeat keeps gunicorn's own timeout from firing. Here each connection is a
greenlet (a few KB), so hundreds of slow clients cost little, and each has a deadline:

- request line and headers: within gunicorn's `keepalive` seconds of the connection opening or of
  the previous answer (gunicorn's gevent worker already bounds that read by `keepalive`);
- body: within REQUEST_BODY_TIMEOUT seconds of the headers (else the app answers 400 and the
  connection is closed);
- headers: at most MAX_HEADER_BYTES in all (else 431), besides gunicorn's per-line limits;
- a body refused as too large (413): the connection is closed after the answer, and says so
  (`Connection: close`), rather than kept alive while the client goes on uploading.

What remains bounded only by `worker_connections`: many clients at once, each within its deadlines.
"""

from __future__ import annotations

import os
import time

import gevent
from gunicorn.http.message import Request
from gunicorn.http.parser import RequestParser
from gunicorn.workers.ggevent import GeventWorker

# Browsers send 1-3 KB of headers; nginx refuses more than 4 lines of 8 KB. gunicorn's own limits
# (100 fields of 8 KB) let one request hold about 800 KB.
MAX_HEADER_BYTES = 32 * 1024
REQUEST_BODY_TIMEOUT = float(os.environ.get("REQUEST_BODY_TIMEOUT", "10"))  # a quiz form is 2 KB


class BodyTimeout(OSError):
    """The client did not send its request body in time."""


class HeaderCappedRequest(Request):
    """gunicorn's request, refusing (431) a request line and headers over MAX_HEADER_BYTES."""

    def parse(self, unreader):
        # gunicorn derives this buffer cap from fields x field size; both parsers check it.
        self.max_buffer_headers = min(self.max_buffer_headers, MAX_HEADER_BYTES)
        return super().parse(unreader)


class DeadlineBody:
    """A request body (wsgi.input) whose reads all end by one deadline."""

    def __init__(self, body, request: Request, seconds: float):
        self._body = body
        self._request = request
        self._deadline = time.monotonic() + seconds

    def _within_deadline(self, read, *args):
        left = self._deadline - time.monotonic()
        try:
            if left <= 0:
                raise BodyTimeout("request body not received in time")
            with gevent.Timeout(left, BodyTimeout("request body not received in time")):
                return read(*args)
        except BodyTimeout:
            self._request.force_close()  # the rest of the body may never come: do not wait for it
            raise

    def close_after_response(self) -> None:
        """End the connection once the answer is sent: the unread rest of the body is not read."""
        self._request.force_close()

    def read(self, size=None):
        return self._within_deadline(self._body.read, size)

    def readline(self, size=None):
        return self._within_deadline(self._body.readline, size)

    def readlines(self, size=None):
        return self._within_deadline(self._body.readlines, size)

    def __iter__(self):
        while line := self.readline():
            yield line


class BoundedGeventWorker(GeventWorker):
    """gunicorn's gevent worker with the header cap and the body deadline above."""

    def init_process(self):
        RequestParser.mesg_class = HeaderCappedRequest  # in this worker process only (after fork)
        super().init_process()

    def load_wsgi(self):
        super().load_wsgi()
        app = self.wsgi

        def close_after_refused_body(environ, start_response):
            def start(status, headers, exc_info=None):
                if status.startswith("413") and isinstance(environ.get("wsgi.input"), DeadlineBody):
                    environ["wsgi.input"].close_after_response()
                return start_response(status, headers, exc_info)

            return app(environ, start)

        self.wsgi = close_after_refused_body

    def handle_request(self, listener_name, req, sock, addr):
        req.body = DeadlineBody(req.body, req, REQUEST_BODY_TIMEOUT)
        try:
            return super().handle_request(listener_name, req, sock, addr)
        finally:
            # Let the other connections have a turn. A greenlet whose client sends its next request
            # at once finds it already in the socket buffer and never blocks, so under load one
            # keep-alive connection was served again and again while the rest waited (32 wrk
            # connections: p99 3.3 s, some timed out). Waiting for the loop to poll its sockets
            # gives each ready connection its turn (p99 27 ms, the same requests per second).
            gevent.idle()
