"""Checks shared by the security, limits and hostile-input tests: headers and the app's error page."""

from __future__ import annotations

from html.parser import HTMLParser

from quiz.web.errors import MESSAGES

PAGE_SCRIPT_SOURCES = {"'self'"}  # plus one 'nonce-…' on pages
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href", "ping", "background"}


def parse_csp(value: str) -> dict[str, list[str]]:
    directives = {}
    for part in value.split(";"):
        name, *sources = part.split()
        assert name not in directives, f"CSP directive {name} appears twice"
        directives[name] = sources
    return directives


def frame_ancestors_sources(config) -> set[str]:
    return set(config["FRAME_ANCESTORS"].split())


def assert_security_headers(response, config, *, static: bool = False) -> dict[str, list[str]]:
    """The headers every response carries; returns the parsed CSP."""
    headers = response.headers
    where = f"{response.status_code} response"
    csp = parse_csp(headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"], where
    assert csp["object-src"] == ["'none'"], where
    assert csp["base-uri"] == ["'none'"], where
    assert csp["form-action"] == ["'self'"], where
    # The embed allowlist from the configuration, or 'none' on a page that is never framed.
    if csp["frame-ancestors"] != ["'none'"]:
        assert set(csp["frame-ancestors"]) - {"'self'"} == frame_ancestors_sources(config) - {"'self'"}, where
    for name, sources in csp.items():
        for source in sources:
            assert source not in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*"), f"{name} {source}"
    for name in ("script-src", "style-src"):
        for source in csp.get(name, []):
            assert source in PAGE_SCRIPT_SOURCES or (source.startswith("'nonce-") and not static), f"{name} {source}"
    assert headers["Referrer-Policy"] == "no-referrer", where
    assert headers["X-Content-Type-Options"] == "nosniff", where
    permissions = [entry.strip() for entry in headers["Permissions-Policy"].split(",")]
    assert permissions and all(entry.endswith("=()") for entry in permissions), permissions  # all denied
    assert {"camera=()", "microphone=()", "geolocation=()"} <= set(permissions)
    assert "X-Frame-Options" not in headers, "X-Frame-Options would block every embed"
    assert "Set-Cookie" not in headers, where
    if config["HSTS"]:
        hsts = headers["Strict-Transport-Security"]
        max_age = int(hsts.split(";")[0].removeprefix("max-age="))
        assert max_age >= 365 * 24 * 3600, hsts
    else:
        assert "Strict-Transport-Security" not in headers, where
    if not static:
        # Every Flask response may show answers (pages, errors re-rendered from a POST).
        assert headers["Cache-Control"] == "no-store", where
    return csp


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.elements


def assert_page_obeys_csp(html: str, csp: dict[str, list[str]]) -> None:
    """Inline code only with this response's nonce; no handler attributes, inline styles or javascript: URLs."""
    nonces = {source[len("'nonce-"):-1] for source in csp.get("script-src", []) if source.startswith("'nonce-")}
    for tag, attrs in elements(html):
        if tag in ("script", "style") and not attrs.get("src"):
            assert attrs.get("nonce") in nonces, f"inline <{tag}> without this response's nonce"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"<{tag} {name}> is an inline handler; CSP blocks it"
            assert name != "style", f"<{tag} style> is an inline style; CSP blocks it"
            if name in URL_ATTRIBUTES:
                assert not (value or "").strip().lower().startswith("javascript:"), f"<{tag} {name}={value!r}>"


def assert_error_page(response, code: int) -> None:
    """The app's own error page: its heading, a way back to the start, no internal detail."""
    assert response.status_code == code
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    title = MESSAGES[code][0]
    assert f"<h1>{title}</h1>" in html, html[:400]
    assert "Go to the start of the quiz" in html
    for detail in ("Traceback", "werkzeug", "File \"", "Exception", "Error:", "<pre"):
        assert detail not in html, f"internal detail {detail!r} in a {code} page"
