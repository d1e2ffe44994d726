"""Security headers and the cookie-free defence against cross-site request forgery.

The quiz runs inside other sites' iframes, where browsers withhold cookies, so a session-bound
CSRF token cannot work. Instead unsafe requests must come from our own pages, as the browser's
Fetch Metadata (`Sec-Fetch-Site`) or, failing that, `Origin` header says.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, g, request

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def csp_nonce() -> str:
    """A fresh nonce per response, for the few inline <script>/<style> elements."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def is_trusted_origin(origin: str) -> bool:
    if origin in current_app.config["TRUSTED_ORIGINS"].split():
        return True
    return bool(origin) and urlsplit(origin).netloc == request.host


def reject_cross_site_requests() -> None:
    """Like Go's net/http CrossOriginProtection: allow same-origin, user-typed and non-browser."""
    if request.method in SAFE_METHODS:
        return
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        if site not in ("same-origin", "none"):
            abort(403)
        return
    origin = request.headers.get("Origin")
    if origin is not None and not is_trusted_origin(origin):
        abort(403)


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


def common_headers(config) -> dict[str, str]:
    headers = {
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    if config["HSTS"]:
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return headers


def set_page_headers(response):
    response.headers.update(common_headers(current_app.config))
    frame_ancestors = g.get("frame_ancestors") or current_app.config["FRAME_ANCESTORS"]
    response.headers["Content-Security-Policy"] = content_security_policy(g.get("csp_nonce"), frame_ancestors)
    # Pages carry answers; none may be kept by a browser or a proxy.
    response.headers["Cache-Control"] = "no-store"
    response.headers.pop("X-Frame-Options", None)
    return response


def static_headers_function(config):
    """Headers for whitenoise's static responses (they never reach Flask)."""
    fixed = common_headers(config)
    fixed["Content-Security-Policy"] = content_security_policy(None, config["FRAME_ANCESTORS"])

    def add_headers(headers, path, url) -> None:
        for name, value in fixed.items():
            headers[name] = value

    return add_headers


def init_app(app: Flask) -> None:
    app.before_request(reject_cross_site_requests)
    app.after_request(set_page_headers)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
