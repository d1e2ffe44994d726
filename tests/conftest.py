"""Shared fixtures: the app, a cookie-less client, a quiz walker and a real gunicorn server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from whitenoise.compress import main as compress_static_files

# The two build steps of scripts/serve.sh and scripts/test.sh, so that a plain pytest run after a
# change tests the new files: compile the interface catalogues before the app is imported (it
# refuses a stale one), and make the static files' compressed copies (the app drops stale ones).
ROOT = Path(__file__).parent.parent
CommandLineInterface().run(["pybabel", "-q", "compile", "-d", str(ROOT / "quiz" / "translations")])
compress_static_files(["-q", str(ROOT / "static")])

from app import create_app  # noqa: E402

from .support.server import LiveServer


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def app():
    return create_app({"TESTING": False})


@pytest.fixture
def client(app):
    # Browsers inside a cross-site iframe keep no cookies: neither does this client.
    return app.test_client(use_cookies=False)


@pytest.fixture
def content(app):
    return app.extensions["quiz"].content


@pytest.fixture(scope="session")
def live_server():
    server = LiveServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright launches Debian's Chromium (no browser download is possible here)."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    }


def pytest_terminal_summary(terminalreporter):
    """The triage vignettes' score at the end of every run (tests/domain/test_vignettes.py holds
    each vignette to its accepted care levels; this is the figure to read)."""
    from .domain.test_vignettes import VIGNETTES, level_and_flags

    right = sum(1 for v in VIGNETTES if level_and_flags(v)[0] in v.accepted_levels)
    terminalreporter.write_line(f"Triage vignettes: {right}/{len(VIGNETTES)} at an accepted care level")
