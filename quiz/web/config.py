"""The app's settings: their defaults, and strict reading of the FLASK_* environment variables.

Every setting can be set as FLASK_<NAME> (e.g. FLASK_REGION=uk). Each value is read by the
parser of its kind; a value that parser does not accept stops start-up with a ConfigError whose
message is one line: the variable, what is wrong with the value, and what is accepted. Nothing is
guessed: "off" is false, "maybe" is an error (Flask's own from_prefixed_env would read any
non-JSON word as true, and a JSON list as a list).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from quiz.domain.content import DEFAULT_CONTENT_PATH

from .options import read_origin
from .security import frame_ancestors_policy, trusted_origins

PREFIX = "FLASK_"
MAX_SHOWN = 40  # characters of a refused value quoted back in the message
TRUE_WORDS = frozenset({"true", "1", "yes", "on"})
FALSE_WORDS = frozenset({"false", "0", "no", "off"})
BOOL_ACCEPTED = "true/false, 1/0, yes/no or on/off, in any case"
DEFAULT_PORTS = {"http": "80", "https": "443"}
# Read by the flask command itself, not settings of the app.
FLASK_CLI_VARIABLES = ("FLASK_APP", "FLASK_DEBUG", "FLASK_RUN_", "FLASK_SKIP_DOTENV", "FLASK_ENV_FILE")


class ConfigError(ValueError):
    """A setting has a value the app cannot use. The message is one line naming it. (A ValueError,
    as the security module's own checks raise.)"""


def shown(value: str) -> str:
    """The refused value, short and on one line, for the message."""
    text = value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN] + "..."
    return repr(text)


def parse_bool(name: str, value: str) -> bool:
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ConfigError(f"{name}: {shown(value)} is not a yes/no value (use {BOOL_ACCEPTED})")


def whole_number(minimum: int = 0, maximum: int | None = None) -> Callable[[str, str], int]:
    accepted = f"a whole number from {minimum} to {maximum}" if maximum is not None else f"a whole number, {minimum} or more"

    def parse(name: str, value: str) -> int:
        digits = value.strip()
        # Digits only (no sign, no "1e3", no "_"), and few enough that int() is instant.
        if not (digits.isascii() and digits.isdigit()) or len(digits) > 12:
            raise ConfigError(f"{name}: {shown(value)} is not {accepted}")
        number = int(digits)
        if number < minimum or (maximum is not None and number > maximum):
            raise ConfigError(f"{name}: {number} is out of range (use {accepted})")
        return number

    return parse


def parse_text(name: str, value: str) -> str:
    text = value.strip()
    if not text or not text.isprintable():
        raise ConfigError(f"{name}: {shown(value)} is empty or has control characters (use plain text)")
    return text


def parse_region(name: str, value: str) -> str:
    region = value.strip().lower()
    if not (region.isascii() and region.replace("_", "").isalnum()) or len(region) > 40:
        raise ConfigError(f"{name}: {shown(value)} is not a region id (use one of the content file's regions, e.g. us, uk or eu)")
    return region


def parse_origin(name: str, origin: str) -> str:
    """One web origin as a browser writes it in an Origin header: lower case, no path, and no
    port when it is the scheme's default (browsers drop :443 on https, so it could never match)."""
    normal = read_origin(origin)
    if not normal:
        raise ConfigError(
            f"{name}: {shown(origin)} is not an origin (use scheme and host, e.g. https://news.example, "
            "space-separated for several)"
        )
    scheme, _, rest = normal.partition("://")
    host, _, port = rest.partition(":")
    if port == DEFAULT_PORTS[scheme]:
        normal = f"{scheme}://{host}"
    return normal


def parse_origin_list(name: str, value: str) -> str:
    """Space-separated origins, normalised; "" for none."""
    origins = [parse_origin(name, origin) for origin in value.split()]
    try:
        return trusted_origins(" ".join(dict.fromkeys(origins)))
    except ValueError as error:  # the same check the request path relies on
        raise ConfigError(f"{name}: {one_line(error)}") from None


def parse_source_list(name: str, value: str) -> str:
    """A CSP frame-ancestors source list, space-separated ('self' is always added)."""
    if value.strip().startswith("["):
        raise ConfigError(f"{name}: give the sources space-separated, not as a JSON list "
                          "(e.g. https://news.example https://*.health.example)")
    try:
        return frame_ancestors_policy(value)
    except ValueError as error:
        raise ConfigError(f"{name}: {one_line(error).removeprefix('FRAME_ANCESTORS: ')}") from None


def parse_file_path(name: str, value: str) -> str:
    """A path to an existing, readable file."""
    text = value.strip()
    if not text or not text.isprintable():
        raise ConfigError(f"{name}: {shown(value)} is not a file path")
    path = Path(text)
    try:
        if path.is_dir():
            raise ConfigError(f"{name}: {shown(text)} is a directory (give the path of a file)")
        if not path.is_file():
            raise ConfigError(f"{name}: {shown(text)} does not exist (give the path of a file)")
    except OSError as error:  # e.g. a name too long for the file system
        raise ConfigError(f"{name}: {shown(text)} cannot be used ({error.strerror})") from None
    return text


def one_line(error: Exception) -> str:
    return " ".join(str(error).split())


# name: (default, parser of its FLASK_<name> variable, what it does)
SETTINGS: dict[str, tuple[Any, Callable[[str, str], Any], str]] = {
    "CONTENT_PATH": (str(DEFAULT_CONTENT_PATH), parse_file_path, "the quiz content file (TOML)"),
    "REGION": ("us", parse_region, "emergency number and care wording: a region of the content file (us, uk, eu)"),
    "FRAME_ANCESTORS": ("'self'", parse_source_list, "who may embed the quiz: a CSP frame-ancestors source list"),
    "TRUSTED_ORIGINS": ("", parse_origin_list, "extra origins allowed to POST, space-separated"),
    "HSTS": (False, parse_bool, "send Strict-Transport-Security (only when served over HTTPS)"),
    "PROXY_FIX": (0, whole_number(0), "number of trusted reverse proxies in front of the app"),
    "MAX_CONTENT_LENGTH": (16 * 1024, whole_number(1), "request body cap in bytes; a full set of answers is under 2 KB"),
    "MAX_FORM_PARTS": (100, whole_number(1), "fields in one form; a full set of answers has under 60"),
    "MAX_FORM_MEMORY_SIZE": (16 * 1024, whole_number(1), "bytes of one form field kept in memory"),
    # OPTIONS gets 405 like any method a route does not use.
    "PROVIDE_AUTOMATIC_OPTIONS": (False, parse_bool, "answer OPTIONS on every route"),
    "COMPRESS_HTML": (True, parse_bool, "compress pages for browsers that accept it; false if a proxy does it"),
    "FHIR_PUBLISHER": ("Twitch Explainer", parse_text, "the publisher named in the FHIR Questionnaire"),
}

# Settings of the libraries we use, fixed here rather than read from the environment.
LIBRARY_SETTINGS = {
    # Flask-Compress: pages only (static files come precompressed), fast settings because every
    # page is compressed as it is sent.
    "COMPRESS_MIMETYPES": ["text/html"],
    "COMPRESS_ALGORITHM": ["zstd", "br", "gzip"],
    "COMPRESS_ZSTD_LEVEL": 1,
    "COMPRESS_BR_LEVEL": 0,
    "COMPRESS_LEVEL": 1,
    "COMPRESS_EVALUATE_CONDITIONAL_REQUEST": False,  # pages are no-store: an ETag buys nothing
}

# Settings that may also come as Python values in test_config, checked again after the merge.
CHECKED_AFTER_MERGE = {"FRAME_ANCESTORS", "TRUSTED_ORIGINS", "PROXY_FIX"}


def defaults() -> dict[str, Any]:
    return {name: default for name, (default, _, _) in SETTINGS.items()}


def from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """The settings given as FLASK_* variables, each parsed by its kind. Raises ConfigError."""
    values = {}
    for variable in sorted(environ):
        if not variable.startswith(PREFIX) or variable.startswith(FLASK_CLI_VARIABLES):
            continue
        name = variable.removeprefix(PREFIX)
        if name not in SETTINGS:
            raise ConfigError(f"{variable}: not a setting of this app (known: "
                              f"{', '.join(PREFIX + known for known in SETTINGS)})")
        _, parse, _ = SETTINGS[name]
        values[name] = parse(variable, environ[variable])
    return values


def check_merged(config: Mapping[str, Any]) -> dict[str, Any]:
    """The settings that test_config may have replaced, checked the same way (as text)."""
    checked = {}
    for name in CHECKED_AFTER_MERGE:
        value = config[name]
        if name == "PROXY_FIX":
            if not isinstance(value, int) or isinstance(value, bool):
                raise ConfigError(f"PROXY_FIX: {value!r} is not a whole number, 0 or more")
            value = str(value)
        elif not isinstance(value, str):
            raise ConfigError(f"{name}: {value!r} is not text")
        checked[name] = SETTINGS[name][1](name, value)
    return checked


def load_config(config: dict, test_config: Mapping[str, Any] | None = None,
                environ: Mapping[str, str] | None = None) -> None:
    """Fill a Flask app.config: defaults, then FLASK_* variables, then test_config. Raises ConfigError."""
    config.update(defaults())
    config.update(LIBRARY_SETTINGS)
    config.update(from_environment(os.environ if environ is None else environ))
    if test_config:
        config.update(test_config)
    config.update(check_merged(config))
