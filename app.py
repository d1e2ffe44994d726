"""The twitching quiz web app: `create_app()` for tests and tools, `app` for gunicorn and flask."""

from __future__ import annotations

import sys

from flask_compress import Compress
from werkzeug.middleware.proxy_fix import ProxyFix

from quiz import cli
from quiz.domain.content import ContentError
from quiz.web import api, embed, errors, health, i18n, limits, options, security, setup, static_files, summary, views
from quiz.web.config import ConfigError, load_config


def create_app(test_config: dict | None = None) -> errors.PrivateLoggingFlask:
    app = errors.PrivateLoggingFlask(__name__, static_folder=None)  # static files: quiz/web/static_files.py
    load_config(app.config, test_config)  # defaults, then FLASK_* variables read strictly, then test_config

    setup.init_app(app)  # loads and checks the content file
    i18n.init_app(app)  # the page's language (Flask-Babel); checks the catalogues are compiled
    options.init_app(app)
    security.init_app(app)
    limits.init_app(app)
    errors.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(summary.bp)
    app.register_blueprint(embed.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(api.bp)  # JSON API and FHIR Questionnaire (quiz/web/api.py)
    cli.init_app(app)
    if app.config["COMPRESS_HTML"]:
        Compress(app)
    static_files.init_app(app)
    if app.config["PROXY_FIX"]:
        hops = int(app.config["PROXY_FIX"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    return app


try:
    app = create_app()
except ContentError as error:  # stop with the file, item and problem, not a traceback
    sys.exit(" ".join(f"Content error: {error}".split()))
except ConfigError as error:  # stop with the variable, value and what is accepted
    sys.exit(" ".join(f"Config error: {error}".split()))
