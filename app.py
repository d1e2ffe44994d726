"""The twitching quiz web app: `create_app()` for tests and tools, `app` for gunicorn and flask."""

from __future__ import annotations

import sys

from flask_compress import Compress
from werkzeug.middleware.proxy_fix import ProxyFix

from quiz import cli
from quiz.domain.content import DEFAULT_CONTENT_PATH, ContentError
from quiz.web import embed, errors, health, i18n, limits, options, security, setup, static_files, summary, views


def create_app(test_config: dict | None = None) -> errors.PrivateLoggingFlask:
    app = errors.PrivateLoggingFlask(__name__, static_folder=None)  # static files: quiz/web/static_files.py
    app.config.from_mapping(
        CONTENT_PATH=str(DEFAULT_CONTENT_PATH),
        REGION="us",  # emergency number and care wording: us, uk or eu
        FRAME_ANCESTORS="'self'",  # who may embed the quiz: CSP frame-ancestors source list
        TRUSTED_ORIGINS="",  # extra origins allowed to POST, space-separated
        HSTS=False,  # send Strict-Transport-Security (only when served over HTTPS)
        PROXY_FIX=0,  # number of trusted reverse proxies in front of the app
        COMPRESS_HTML=True,  # compress pages here; false when a proxy in front compresses text/html
        MAX_CONTENT_LENGTH=16 * 1024,  # a full set of answers is under 2 KB
        MAX_FORM_PARTS=100,  # fields in one form, whatever its encoding (quiz/web/limits.py)
        PROVIDE_AUTOMATIC_OPTIONS=False,  # OPTIONS gets 405 like any method a route does not use
        # Flask-Compress: pages only (static files come precompressed), fast settings because
        # every page is compressed as it is sent.
        COMPRESS_MIMETYPES=["text/html"],
        COMPRESS_ALGORITHM=["zstd", "br", "gzip"],
        COMPRESS_ZSTD_LEVEL=1,
        COMPRESS_BR_LEVEL=0,
        COMPRESS_LEVEL=1,
        COMPRESS_EVALUATE_CONDITIONAL_REQUEST=False,  # pages are no-store: an ETag buys nothing
    )
    app.config.from_prefixed_env()  # e.g. FLASK_REGION=uk, FLASK_FRAME_ANCESTORS="https://a.example"
    if test_config:
        app.config.update(test_config)

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
    sys.exit(f"Content error: {error}")
