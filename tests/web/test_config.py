"""Settings read strictly (quiz/web/config.py): every FLASK_* value is accepted as meant or stops
start-up with one line naming the variable, the problem and what is accepted."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from app import create_app
from quiz.web.config import ConfigError, from_environment

from ..support.server import ROOT


@pytest.mark.parametrize("word", ["true", "TRUE", "True", "1", "yes", "Yes", "on", "ON", " on "])
def test_true_words(word):
    assert from_environment({"FLASK_HSTS": word}) == {"HSTS": True}


@pytest.mark.parametrize("word", ["false", "False", "0", "no", "NO", "off", "Off"])
def test_false_words(word):
    assert from_environment({"FLASK_HSTS": word, "FLASK_COMPRESS_HTML": word}) == {"HSTS": False, "COMPRESS_HTML": False}


def test_hsts_off_sends_no_hsts_header(monkeypatch):
    monkeypatch.setenv("FLASK_HSTS", "off")
    monkeypatch.setenv("FLASK_COMPRESS_HTML", "no")
    app = create_app({"TESTING": False})
    response = app.test_client().get("/", headers={"Accept-Encoding": "gzip"})
    assert "Strict-Transport-Security" not in response.headers
    assert "Content-Encoding" not in response.headers


# (variable, value, words the one-line message must hold)
REFUSED = [
    ("FLASK_HSTS", "maybe", ["FLASK_HSTS", "'maybe'", "true/false, 1/0, yes/no or on/off"]),
    ("FLASK_HSTS", "", ["FLASK_HSTS", "yes/no"]),
    ("FLASK_COMPRESS_HTML", "2", ["FLASK_COMPRESS_HTML", "on/off"]),
    ("FLASK_PROXY_FIX", "abc", ["FLASK_PROXY_FIX", "whole number, 0 or more"]),
    ("FLASK_PROXY_FIX", "-1", ["FLASK_PROXY_FIX", "'-1'", "0 or more"]),
    ("FLASK_PROXY_FIX", "1.5", ["FLASK_PROXY_FIX"]),
    ("FLASK_PROXY_FIX", "9" * 5000, ["FLASK_PROXY_FIX", "whole number"]),
    ("FLASK_MAX_CONTENT_LENGTH", "0", ["FLASK_MAX_CONTENT_LENGTH", "out of range"]),
    ("FLASK_FRAME_ANCESTORS", "https://a.example;script-src", ["FLASK_FRAME_ANCESTORS", "not a CSP frame-ancestors source"]),
    ("FLASK_FRAME_ANCESTORS", '["https://a.example"]', ["FLASK_FRAME_ANCESTORS", "not as a JSON list"]),
    ("FLASK_FRAME_ANCESTORS", "", ["FLASK_FRAME_ANCESTORS", "empty"]),
    ("FLASK_TRUSTED_ORIGINS", '["https://a.example"]', ["FLASK_TRUSTED_ORIGINS", "is not an origin"]),
    ("FLASK_TRUSTED_ORIGINS", "https://a.example/path", ["FLASK_TRUSTED_ORIGINS", "'https://a.example/path'", "not an origin"]),
    ("FLASK_TRUSTED_ORIGINS", "a.example", ["FLASK_TRUSTED_ORIGINS", "not an origin"]),
    ("FLASK_CONTENT_PATH", "123", ["FLASK_CONTENT_PATH", "'123' does not exist"]),
    ("FLASK_CONTENT_PATH", "/", ["FLASK_CONTENT_PATH", "is a directory"]),
    ("FLASK_REGION", "u s", ["FLASK_REGION", "not a region id"]),
    ("FLASK_HTST", "1", ["FLASK_HTST", "not a setting of this app", "FLASK_HSTS"]),
]


@pytest.mark.parametrize("variable, value, words", REFUSED, ids=[f"{v}={x[:20]}" for v, x, _ in REFUSED])
def test_refused_values_name_the_variable_and_what_is_accepted(variable, value, words):
    with pytest.raises(ConfigError) as caught:
        from_environment({variable: value})
    message = str(caught.value)
    assert "\n" not in message and len(message) < 400
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"


def test_origins_are_normalised_as_browsers_send_them():
    values = from_environment({"FLASK_TRUSTED_ORIGINS": "HTTPS://A.Example:443 http://b.example:80 https://c.example:8443"})
    assert values["TRUSTED_ORIGINS"] == "https://a.example http://b.example https://c.example:8443"


def test_a_default_port_origin_is_trusted(monkeypatch):
    monkeypatch.setenv("FLASK_TRUSTED_ORIGINS", "https://news.example:443")
    client = create_app({"TESTING": False}).test_client()
    assert client.post("/quiz", headers={"Origin": "https://news.example", "Sec-Fetch-Site": "cross-site"}).status_code == 200


def test_flask_command_variables_are_not_settings():
    assert from_environment({"FLASK_APP": "app", "FLASK_DEBUG": "0", "FLASK_RUN_PORT": "5001", "HSTS": "x"}) == {}


def test_test_config_is_checked_too():
    with pytest.raises(ConfigError, match="PROXY_FIX"):
        create_app({"PROXY_FIX": -1})
    with pytest.raises(ConfigError, match="TRUSTED_ORIGINS"):
        create_app({"TRUSTED_ORIGINS": ["https://a.example"]})
    assert create_app({"PROXY_FIX": 2}).config["PROXY_FIX"] == 2


def test_proxy_fix_with_forwarded_host_is_never_a_500(monkeypatch):
    monkeypatch.setenv("FLASK_PROXY_FIX", "1")
    client = create_app({"TESTING": False}).test_client()
    assert client.get("/healthz", headers={"X-Forwarded-Host": "a.example, b.example"}).status_code == 200


STARTUP_CASES = {
    "FLASK_HSTS": "off2",
    "FLASK_PROXY_FIX": "abc",
    "FLASK_FRAME_ANCESTORS": "https://a.example,https://b.example",
    "FLASK_TRUSTED_ORIGINS": '["https://a.example"]',
    "FLASK_CONTENT_PATH": "/tmp",
}


def test_importing_the_app_with_a_bad_value_prints_one_line():
    """As gunicorn and the flask command import it: one line on stderr, exit status 1."""
    for variable, value in STARTUP_CASES.items():
        env = {**os.environ, variable: value}
        run = subprocess.run([sys.executable, "-c", "import app"], cwd=ROOT, env=env, capture_output=True, text=True)
        assert run.returncode == 1, (variable, run.stderr)
        assert run.stderr.startswith(f"Config error: {variable}: ") and run.stderr.count("\n") == 1, run.stderr
