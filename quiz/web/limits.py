"""Request limits on every POST, whatever its encoding: the body cap (413), the number of fields
(413) and the length of each value (400).

Werkzeug enforces MAX_CONTENT_LENGTH on a declared Content-Length, but cuts a chunked body at the
cap without an error, and applies MAX_FORM_PARTS to multipart forms only, while the quiz's own
forms are urlencoded; and a body that is not UTF-8 would be read as an empty form. So the form is
read here, before any view.
"""

from __future__ import annotations

from flask import Flask, abort, current_app, request
from werkzeug.exceptions import HTTPException

from .forms import MAX_VALUE_LENGTH


def check_body() -> None:
    if request.method != "POST":
        return
    try:
        body = request.get_data(cache=True)  # over a declared cap: 413
        if request.content_length is None and len(body) >= current_app.config["MAX_CONTENT_LENGTH"]:
            abort(413)  # a chunked body cut at the cap: refused, not read as a truncated form
        body.decode()  # not UTF-8: no form of ours
        form = request.form
    except HTTPException:
        raise
    except Exception:  # a malformed chunk or a body that is not UTF-8: unreadable, not a crash
        abort(400)
    values = [value for values in form.listvalues() for value in values]
    if len(values) > current_app.config["MAX_FORM_PARTS"]:
        abort(413)
    if any(len(value) > MAX_VALUE_LENGTH for value in values):
        abort(400)


def init_app(app: Flask) -> None:
    app.before_request(check_body)
