"""Error pages in the app's own style: a plain message and a way back, never internal detail."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_babel import gettext
from werkzeug.exceptions import HTTPException, InternalServerError

from .i18n import N_


MESSAGES = {
    400: (N_("Sorry, we could not read your answers"),
          N_("Your answers may have been changed on the way, or the page was left open too long. Nothing was saved.")),
    403: (N_("Sorry, this request was blocked"),
          N_("To keep your answers safe, they can only be sent from this quiz’s own pages.")),
    404: (N_("Page not found"), N_("If you typed the web address, check it is correct.")),
    405: (N_("Sorry, this page cannot be used like that"), N_("Go back to the start of the quiz and try again.")),
    413: (N_("Sorry, that was too much to send"), N_("Go back to the start of the quiz and try again.")),
    500: (N_("Sorry, there is a problem with the service"), N_("Please try again later. Nothing you entered was saved.")),
}


def render_error(code: int):
    title, message = MESSAGES.get(code, MESSAGES[500] if code >= 500 else MESSAGES[400])
    return render_template("error.html", code=code, title=gettext(title), message=gettext(message)), code


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
