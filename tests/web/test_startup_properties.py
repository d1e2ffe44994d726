"""Property tests for start-up: Hypothesis mutates the content file (types, nesting, sizes, ids,
references) and the FLASK_* values. Every mutation either starts the app or stops it with one line
naming the file or variable: a ContentError or ConfigError, never another exception."""

from __future__ import annotations

import copy
import json
import os
import math
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import create_app
from quiz.domain.content import DEFAULT_CONTENT_PATH, ContentError
from quiz.web.config import SETTINGS, ConfigError, from_environment

GOOD = tomllib.loads(DEFAULT_CONTENT_PATH.read_text(encoding="utf-8"))
IDS = sorted({
    item["id"] for key in ("sources", "speakers", "quotes", "questions", "causes", "red_flags", "sections", "regions")
    for item in GOOD[key]})


class RawToml(str):
    """Written into the file as it is: e.g. an integer too long for Python's int() to print."""


HUGE_INTEGER = RawToml("9" * 4400)


def toml_value(value) -> str:
    """`value` written as TOML, on one line (inline tables and arrays)."""
    if isinstance(value, RawToml):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return "{" + ", ".join(f"{json.dumps(str(key))} = {toml_value(item)}" for key, item in value.items()) + "}"


def toml_document(data: dict) -> str:
    return "".join(f"{json.dumps(key)} = {toml_value(value)}\n" for key, value in data.items())


def nested(depth: int, leaf):
    for _ in range(depth):
        leaf = [leaf]
    return leaf


scalars = st.one_of(
    st.text(max_size=30), st.sampled_from(IDS), st.sampled_from([i + "\n" for i in IDS[:5]] + ["", "X", "a" * 41]),
    st.integers(min_value=-(10**30), max_value=10**30), st.just(HUGE_INTEGER),
    st.floats(allow_nan=True), st.booleans(),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(st.text(max_size=8), children, max_size=3)),
    max_leaves=8,
) | st.builds(nested, st.integers(min_value=50, max_value=1200), scalars) | st.text(min_size=10_000, max_size=12_000)


def paths(data, prefix=()):
    """Every place in the document a value sits: (keys and indexes from the top)."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths(value, (*prefix, index))


ALL_PATHS = [path for path in paths(GOOD) if path]


@st.composite
def mutations(draw):
    data = copy.deepcopy(GOOD)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent = data
        try:
            for step in path[:-1]:
                parent = parent[step]
            last = path[-1]
            action = draw(st.sampled_from(["replace", "delete", "duplicate"]))
            if action == "delete":
                del parent[last]
            elif action == "duplicate" and isinstance(parent, list):
                parent.append(copy.deepcopy(parent[last]))
            else:
                parent[last] = draw(values)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced this place
    return data


def assert_one_line_naming(error: Exception, name: str) -> None:
    message = str(error)
    assert name in message, message
    assert "\n" not in message and len(message) < 600, message


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=mutations())
def test_a_mutated_content_file_starts_or_stops_with_one_line(tmp_path, data):
    path = tmp_path / "mutated.toml"
    path.write_text(toml_document(data), encoding="utf-8")
    try:
        create_app({"CONTENT_PATH": str(path)})
    except ContentError as error:
        assert_one_line_naming(error, str(path))
        assert error.item and error.problem


env_values = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["true", "off", "YES", "0", "1", "-1", "01", " 2 ", "1e3", "abc", "[]", '["https://a.example"]',
                     "https://a.example", "https://a.example:443", "'self'", "'none'", "https://*.a.example",
                     "http://a.example/path", "us", "uk", "zz", "/", "123", str(DEFAULT_CONTENT_PATH), "9" * 5000]),
)


@settings(max_examples=150, deadline=None)
@given(name=st.sampled_from(sorted(SETTINGS)), value=env_values)
def test_any_flask_value_is_accepted_or_refused_with_one_line(name, value):
    variable = f"FLASK_{name}"
    if "\x00" in value:
        return  # an environment variable cannot hold a NUL
    try:
        from_environment({variable: value})
    except ConfigError as error:
        assert_one_line_naming(error, variable)


@settings(max_examples=40, deadline=None)
@given(environ=st.dictionaries(st.sampled_from([f"FLASK_{n}" for n in SETTINGS]),
                               env_values.filter(lambda v: "\x00" not in v), max_size=4))
def test_the_app_starts_or_stops_with_one_line_for_any_environment(environ):
    try:
        with pytest.MonkeyPatch.context() as monkeypatch:  # undone after each example
            for variable in [v for v in os.environ if v.startswith("FLASK_")]:
                monkeypatch.delenv(variable)
            for variable, value in environ.items():
                monkeypatch.setenv(variable, value)
            create_app({"TESTING": False})
    except ConfigError as error:
        assert_one_line_naming(error, "FLASK_")
    except ContentError as error:  # a valid path to a file that is not the quiz, or an unknown region
        assert_one_line_naming(error, ": ")
