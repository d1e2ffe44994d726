"""Error pages in the app's own style: a plain message and a way back, never internal detail."""

from __future__ import annotations

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError


MESSAGES = {
    400: ("Sorry, we could not read your answers",
          "Your answers may have been changed on the way, or the page was left open too long. Nothing was saved."),
    403: ("Sorry, this request was blocked",
          "To keep your answers safe, they can only be sent from this quiz’s own pages."),
    404: ("Page not found", "If you typed the web address, check it is correct."),
    405: ("Sorry, this page cannot be used like that", "Go back to the start of the quiz and try again."),
    413: ("Sorry, that was too much to send", "Go back to the start of the quiz and try again."),
    500: ("Sorry, there is a problem with the service", "Please try again later. Nothing you entered was saved."),
}


def render_error(code: int):
    title, message = MESSAGES.get(code, MESSAGES[500] if code >= 500 else MESSAGES[400])
    return render_template("error.html", code=code, title=title, message=message), code


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        response = render_error(error.code or 500)
        if error.code == 405 and error.valid_methods:
            return response[0], response[1], {"Allow": ", ".join(error.valid_methods)}
        return response

    @app.errorhandler(InternalServerError)
    def server_error(error):
        return render_error(500)


class PrivateLoggingFlask(Flask):
    """Flask that logs an unhandled error by type and route only.

    The default logs the traceback, whose exception messages could quote a submitted value.
    """

    def log_exception(self, exc_info) -> None:
        self.logger.error("Unhandled %s on %s %s", exc_info[0].__name__, request.method, request.path)
