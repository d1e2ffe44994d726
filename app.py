"""The twitching quiz web app: `create_app()` for tests and tools, `app` for gunicorn and flask."""

from __future__ import annotations

import sys
from pathlib import Path

from werkzeug.middleware.proxy_fix import ProxyFix

from quiz import cli
from quiz.domain.content import ContentError, load_content
from quiz.web import assets, embed, errors, fragments, health, limits, pages, security, summary, views
from quiz.web.config import ConfigError, load_config
from quiz.web.forms import build_answer_rules, hidden_answers_writer
from quiz.web.responses import ResponseLayer

STATIC_DIR = Path(__file__).parent / "static"


def create_app(test_config: dict | None = None) -> errors.PrivateLoggingFlask:
    app = errors.PrivateLoggingFlask(__name__, static_folder=None)
    load_config(app.config, test_config)  # defaults, then FLASK_* variables read strictly, then test_config

    content = load_content(app.config["CONTENT_PATH"])
    if app.config["REGION"] not in content.regions:
        raise ContentError(content.path, "config REGION", f"unknown region {app.config['REGION']!r}")
    app.extensions["quiz"] = views.QuizSetup(
        content=content, rules=build_answer_rules(content), hidden_answers=hidden_answers_writer(content))

    app.register_blueprint(views.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(summary.bp)
    app.register_blueprint(embed.bp)
    pages.init_app(app)  # first: an early refusal below still shows the page options
    security.init_app(app)
    limits.init_app(app)
    static_build = assets.init_app(app, STATIC_DIR)
    fragments.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    pages.load_templates(app)  # last: every template global is set

    app.wsgi_app = limits.StaticFiles(
        app.wsgi_app,
        root=static_build.root,
        prefix="static/",
        immutable_file_test=static_build.is_immutable,
    )
    app.wsgi_app = ResponseLayer(
        app.wsgi_app,
        frame_ancestors=app.config["FRAME_ANCESTORS"],
        hsts=app.config["HSTS"],
        compress_html=app.config["COMPRESS_HTML"],
    )
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
