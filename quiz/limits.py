"""Request limits: how much a request may send, and which methods reach what.

The body cap is Flask's MAX_CONTENT_LENGTH (413). Werkzeug enforces it on a declared
Content-Length, but cuts a chunked body (no declared length) at the cap without an error, and it
applies MAX_FORM_PARTS and MAX_FORM_MEMORY_SIZE to multipart forms only, while the quiz's own
forms are urlencoded. So the body is read here first, for every POST, and both caps are enforced
whatever the encoding. The length of each value is checked where the form is read (quiz/forms.py).
"""

from __future__ import annotations

from flask import Flask, abort, current_app, request
from werkzeug.exceptions import HTTPException
from whitenoise import WhiteNoise

STATIC_METHODS = ("GET", "HEAD")


def check_body() -> None:
    if request.method != "POST":
        return
    cap = current_app.config["MAX_CONTENT_LENGTH"]
    try:
        body = request.get_data(cache=True)  # kept for the form parser; over a declared cap: 413
    except HTTPException:
        raise
    except Exception:  # the server could not decode the body (a malformed chunk): unreadable, not a crash
        abort(400)
    if request.content_length is None and len(body) >= cap:
        abort(413)  # a chunked body cut at the cap: refuse it rather than read a truncated form
    fields = sum(len(values) for _, values in request.form.lists())
    if fields > current_app.config["MAX_FORM_PARTS"]:
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
    app.before_request(check_body)
    app.add_url_rule("/static/<path:filename>", "static_file_not_found", static_file_not_found, methods=["GET"])
