"""Security headers and the cookie-free defence against cross-site request forgery.

The quiz runs inside other sites' iframes, where browsers withhold cookies, so a session-bound
CSRF token cannot work. Instead unsafe requests must come from our own pages, as the browser's
Fetch Metadata (`Sec-Fetch-Site`) or, failing that, `Origin` header says.
"""

from __future__ import annotations

import re
import secrets
from urllib.parse import urlsplit

from flask import Flask, Response, abort, current_app, g, request

from .options import read_origin

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Sources allowed in FRAME_ANCESTORS: 'self', a scheme ("https:"), or a host with optional
# scheme, "*." wildcard, port and path, as CSP defines them; no quotes, ";" or "," that could
# end the directive and add another.
FRAME_SOURCE = re.compile(
    r"'self'|\*|[a-z][a-z0-9+.-]*:"
    r"|(?:[a-z][a-z0-9+.-]*://)?(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::(?:[0-9]{1,5}|\*))?(?:/[^\s;,']*)?",
    re.IGNORECASE,
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def csp_nonce() -> str:
    """A fresh nonce per response, for the few inline <script>/<style> elements (a template global)."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def forbid_framing() -> None:
    """This response may not be shown in any frame (frame-ancestors 'none')."""
    g.frame_ancestors = "'none'"


def is_own_origin(origin: str) -> bool:
    """Compared by host alone, as Go does: a TLS proxy in front may hide the scheme from the app."""
    return urlsplit(origin).netloc == request.host


def reject_cross_site_requests() -> None:
    """Go's net/http CrossOriginProtection: unsafe methods only from our own pages.

    Accepted: `Sec-Fetch-Site: same-origin` or `none` (typed or bookmarked); when a browser sends no
    `Sec-Fetch-Site` (older ones, or plain http to a remote host), an `Origin` of our own; a request
    with neither header (not from a browser); and, as in Go, an `Origin` listed in TRUSTED_ORIGINS.
    Anything else gets the 403 page.
    """
    if request.method in SAFE_METHODS:
        return
    # The JSON API (quiz/web/api.py) is open to other sites by design (CORS): it sets no cookie and
    # keeps nothing, so a cross-site call carries nothing of a visitor's to abuse.
    if request.blueprint == "api":
        return
    site = request.headers.get("Sec-Fetch-Site")
    origin = request.headers.get("Origin")
    if site in ("same-origin", "none"):
        return
    if site is None and (origin is None or is_own_origin(origin)):
        return
    if origin in current_app.config["TRUSTED_ORIGINS"].split():
        return
    # The route and a header name only: never a value that came with the request.
    current_app.logger.warning(
        "Refused a cross-site %s to %s (by %s)", request.method,
        request.url_rule.rule if request.url_rule else "an unknown path",
        "Sec-Fetch-Site" if site is not None else "Origin",
    )
    abort(403)


def frame_ancestors_policy(configured: str) -> str:
    """The CSP frame-ancestors source list for FRAME_ANCESTORS, with 'self' always added so the
    app's own publisher page can preview the quiz ('none' stays alone). Raises ValueError."""
    sources = configured.split()
    if sources == ["'none'"]:
        return "'none'"
    bad = [s for s in sources if not FRAME_SOURCE.fullmatch(s) or s.lower() in ("self", "none")]
    if bad or not sources:
        raise ValueError(
            f"FRAME_ANCESTORS: {' '.join(bad) or 'empty'} is not a CSP frame-ancestors source "
            "(use 'self', https://news.example, https://*.example or 'none')"
        )
    return " ".join(dict.fromkeys(["'self'", *sources]))


def trusted_origins(configured: str) -> str:
    """TRUSTED_ORIGINS as browsers write an Origin header (lower case, no path). Raises ValueError."""
    origins = configured.split()
    bad = [origin for origin in origins if not read_origin(origin)]
    if bad:
        raise ValueError(f"TRUSTED_ORIGINS: {' '.join(bad)} is not an origin like https://news.example")
    return " ".join(read_origin(origin) for origin in origins)


def content_security_policy(nonce: str | None, frame_ancestors: str) -> str:
    scripts = f"'self' 'nonce-{nonce}'" if nonce else "'self'"
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            f"style-src {scripts}",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors}",
        ]
    )


def common_headers(hsts: bool) -> dict[str, str]:
    headers = {
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    if hsts:
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return headers


# Hosts that isolate themselves (Cross-Origin-Embedder-Policy: require-corp) load a cross-origin
# script or frame only if it says it may be embedded anywhere (CORP cross-origin) and, for a frame,
# holds its own subresources to the same rule (COEP). Every page loads only its own files, so COEP
# costs nothing; and CORP cross-origin gives another site nothing, since cross-site posts are
# refused (reject_cross_site_requests) and a page fetched with GET holds no answer.
PAGE_ISOLATION = {"Cross-Origin-Embedder-Policy": "require-corp", "Cross-Origin-Resource-Policy": "cross-origin"}
LOADER_PATHS = ("/embed.js",)  # the only static file other sites load


def static_file_headers(app: Flask):
    """whitenoise's add_headers_function: the same headers on static files as on pages; the
    loader may be loaded by any site, every other file by the app's own pages only."""
    fixed = {**common_headers(app.config["HSTS"]),
             "Content-Security-Policy": content_security_policy(None, app.config["FRAME_ANCESTORS"])}

    def add_headers(headers, path: str, url: str) -> None:
        for name, value in fixed.items():
            headers[name] = value
        headers["Cross-Origin-Resource-Policy"] = "cross-origin" if url.endswith(LOADER_PATHS) else "same-origin"

    return add_headers


def add_security_headers(response: Response) -> Response:
    """Every response from Flask: security headers, and no caching unless the view chose its own
    (pages carry answers: no browser or proxy may keep one)."""
    config = current_app.config
    response.headers.update(common_headers(config["HSTS"]))
    for name, value in PAGE_ISOLATION.items():
        response.headers.setdefault(name, value)
    response.headers["Content-Security-Policy"] = content_security_policy(
        g.get("csp_nonce"), g.get("frame_ancestors", config["FRAME_ANCESTORS"]))
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def init_app(app: Flask) -> None:
    # FRAME_ANCESTORS and TRUSTED_ORIGINS were checked at start-up (quiz/web/config.py).
    app.before_request(reject_cross_site_requests)
    app.after_request(add_security_headers)
    app.add_template_global(csp_nonce, "nonce")
