"""Request limits: how much a request may send, and which methods reach what.

The body cap is Flask's MAX_CONTENT_LENGTH (413). Werkzeug enforces it on a declared
Content-Length, but cuts a chunked body (no declared length) at the cap without an error, and it
applies MAX_FORM_PARTS and MAX_FORM_MEMORY_SIZE to multipart forms only, while the quiz's own
forms are urlencoded. So the body is read here first, for every POST, and both caps are enforced
whatever the encoding. The length of each value is checked where the form is read (quiz/forms.py).
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from flask import Flask, Request, abort, current_app, request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import BadRequest, HTTPException, RequestEntityTooLarge
from whitenoise import WhiteNoise

STATIC_METHODS = ("GET", "HEAD")
NO_FILES: ImmutableMultiDict = ImmutableMultiDict()  # a urlencoded form has none; immutable, so one for all
URLENCODED = "application/x-www-form-urlencoded"


class FormRequest(Request):
    """Flask's request, reading its body once, and a urlencoded form (what the quiz's pages send)
    in one pass.

    A body whose length is declared within the cap is read straight from the server's stream, and
    the quiz's own fields, plain ids with nothing percent-encoded, are split directly: together a
    quarter of the time Werkzeug's general stream and parser take. Anything else goes through those.
    """

    _body: bytes | None = None

    def read_body(self, cap: int) -> bytes:
        """The whole body, at most `cap` bytes (else 413), kept for the form parser."""
        if self._body is None:
            environ = self.environ
            declared = environ.get("CONTENT_LENGTH", "")
            if (
                declared.isascii() and declared.isdigit() and int(declared) <= cap
                and "HTTP_TRANSFER_ENCODING" not in environ
                and self.mimetype == URLENCODED  # other parsers read Werkzeug's stream, which caches
            ):
                body = environ["wsgi.input"].read(int(declared))
                if len(body) != int(declared):
                    raise BadRequest()  # the client went away mid-body
            else:
                body = self.get_data(cache=True)  # over a declared cap: 413
                if self.content_length is None and len(body) >= cap:
                    raise RequestEntityTooLarge()  # a chunked body cut at the cap: refuse, not read a truncated form
            self._body = body
        return self._body

    def _load_form_data(self) -> None:
        if "form" in self.__dict__ or self.mimetype != URLENCODED:
            return super()._load_form_data()
        body = self._body if self._body is not None else self.read_body(self.max_content_length)
        text = body.decode()  # not UTF-8: UnicodeDecodeError, a 400 in check_body
        if "%" in text or "+" in text:
            pairs = parse_qsl(text, keep_blank_values=True, errors="replace")
        else:
            pairs = [(name, value) for name, _, value in (field.partition("=") for field in text.split("&") if field)]
        self.__dict__["form"] = ImmutableMultiDict(pairs)
        self.__dict__["files"] = NO_FILES


def check_body() -> None:
    this_request: FormRequest = request._get_current_object()  # one proxy lookup, not one per use
    if this_request.method != "POST":
        return
    config = current_app.config
    try:
        this_request.read_body(config["MAX_CONTENT_LENGTH"])
        form = this_request.form
    except HTTPException:
        raise
    except Exception:  # a malformed chunk or a body that is not UTF-8: unreadable, not a crash
        abort(400)
    if sum(map(len, form.listvalues())) > config["MAX_FORM_PARTS"]:
        abort(413)


class StaticFiles(WhiteNoise):
    """whitenoise, except that a method it would refuse goes on to Flask.

    whitenoise's own refusal is a bare 405 without the security headers; Flask answers it with the
    app's 405 page (see `static_file_not_found` for the route that makes it a 405).
    """

    def serve(self, static_file, environ, start_response):
        if environ["REQUEST_METHOD"] not in STATIC_METHODS:
            return self.application(environ, start_response)
        return super().serve(static_file, environ, start_response)


def static_file_not_found(filename: str):
    """Reached only for what whitenoise did not serve: a missing file (404) or another method (405)."""
    abort(404)


def init_app(app: Flask) -> None:
    app.request_class = FormRequest
    app.before_request(check_body)
    app.add_url_rule("/static/<path:filename>", "static_file_not_found", static_file_not_found, methods=["GET"])
