"""Static files, served by whitenoise.

Pages link to `/static/<version>/css/app.css` (through `url_for("static", filename=...)`), where the
version is a hash of everything in static/: those addresses change whenever a file does, so
browsers may keep them for ever (whitenoise's `immutable` caching). The same files also answer at
their plain address (`/static/embed.js`, which publishers paste into their pages) with a short
cache. whitenoise sends the `.br` and `.gz` copies that `python -m whitenoise.compress static`
makes (scripts/serve.sh and scripts/test.sh run it), and adds the security headers of every page
(quiz/web/security.py).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, abort
from whitenoise import WhiteNoise

from .security import static_file_headers

STATIC_DIR = Path(__file__).resolve().parent.parent.parent / "static"
COMPRESSED_COPIES = (".br", ".gz")


def static_version(root: Path) -> str:
    """A hash of every file in `root` (compressed copies aside): the address prefix of this build."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix not in COMPRESSED_COPIES:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def drop_stale_copies(root: Path) -> None:
    """Remove a compressed copy older than its file, which whitenoise would otherwise send instead
    (a file edited since the last `whitenoise.compress`)."""
    for suffix in COMPRESSED_COPIES:
        for copy in root.rglob(f"*{suffix}"):
            source = copy.with_suffix("")
            if not source.is_file() or source.stat().st_mtime > copy.stat().st_mtime:
                copy.unlink(missing_ok=True)


class StaticFiles(WhiteNoise):
    """whitenoise, except that a method it would refuse goes on to Flask, which answers with the
    app's own 405 page and headers instead of a bare one."""

    def serve(self, static_file, environ, start_response):
        if environ["REQUEST_METHOD"] not in ("GET", "HEAD"):
            return self.application(environ, start_response)
        return super().serve(static_file, environ, start_response)


def static_file_not_found(filename: str, version: str | None = None):
    """Reached only for what whitenoise did not serve: a missing file (404) or another method (405)."""
    abort(404)


def init_app(app: Flask, root: Path = STATIC_DIR) -> None:
    drop_stale_copies(root)
    version = static_version(root)
    versioned = f"/static/{version}/"
    app.add_url_rule(f"{versioned}<path:filename>", "static", static_file_not_found, methods=["GET"])
    app.add_url_rule("/static/<path:filename>", "static_plain", static_file_not_found, methods=["GET"])
    static = StaticFiles(
        app.wsgi_app,
        root=root,
        prefix=versioned,
        immutable_file_test=lambda path, url: url.startswith(versioned),
        add_headers_function=static_file_headers(app),
    )
    static.add_files(root, prefix="/static/")
    app.wsgi_app = static
    app.extensions["static_version"] = version
