"""What every response gets on its way out, pages and static files alike: the security headers,
`Cache-Control: no-store` unless the response chose its own caching (whitenoise does, for the
content-hashed static files), and HTML compressed for browsers that accept it.

A WSGI layer around the whole app rather than Flask's after_request hooks: it also sees
whitenoise's static responses, so one place sets the headers of both, and it works on the plain
list of header pairs, a tenth of what the same work costs through Werkzeug's Headers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from . import security
from .compression import compress_page

HTML = "text/html"


class ResponseLayer:
    def __init__(self, app: Callable, *, frame_ancestors: str, hsts: bool, compress_html: bool):
        self.app = app
        self.fixed_headers = list(security.common_headers(hsts).items())
        self.frame_ancestors = frame_ancestors
        self.compress_html = compress_html

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        started: list = []

        def hold(status, headers, exc_info=None):
            started[:] = (status, headers, exc_info)
            return _no_write

        body = self.app(environ, hold)
        if not started:  # Flask and whitenoise start their response before returning its body
            raise RuntimeError("the app returned a body before starting its response")
        status, headers, exc_info = started

        content_type, cached, encoded = "", False, False
        kept = []
        for name, value in headers:
            lower = name.lower()
            if lower == "content-type":
                content_type = value
            elif lower == "cache-control":
                cached = True
            elif lower == "content-encoding":
                encoded = True
            elif lower == "x-frame-options":
                continue  # frame-ancestors decides who may frame the quiz
            kept.append((name, value))

        kept += self.fixed_headers
        kept.append(("Content-Security-Policy", security.content_security_policy(
            environ.get(security.NONCE_KEY), environ.get(security.FRAME_ANCESTORS_KEY, self.frame_ancestors))))
        if not cached:
            kept.append(("Cache-Control", "no-store"))  # pages carry answers: no browser or proxy may keep one

        if self.compress_html and content_type.startswith(HTML) and not encoded:
            body, kept = self._compressed(environ, body, kept)
        start_response(status, kept, exc_info)
        return body

    def _compressed(self, environ: dict, body: Iterable[bytes], headers: list) -> tuple[Iterable[bytes], list]:
        vary = [value for name, value in headers if name.lower() == "vary"]
        if vary:
            headers = [(name, value) for name, value in headers if name.lower() != "vary"]
        headers.append(("Vary", ", ".join([*vary, "Accept-Encoding"])))
        if environ["REQUEST_METHOD"] == "HEAD":
            return body, headers  # no body to compress: sent as the page would be without compression
        try:
            data = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        data, encoding = compress_page(data, environ.get("HTTP_ACCEPT_ENCODING", ""))
        if encoding:
            headers = [(name, value) for name, value in headers if name.lower() != "content-length"]
            headers += [("Content-Length", str(len(data))), ("Content-Encoding", encoding)]
        return [data], headers


def _no_write(data: bytes) -> None:
    raise RuntimeError("the WSGI write() callable is not supported; return the body instead")
