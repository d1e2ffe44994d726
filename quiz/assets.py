"""URLs of the files in static/, for templates."""

from __future__ import annotations

from flask import Flask, request


def asset_url(path: str) -> str:
    return f"{request.script_root}/static/{path}"


def init_app(app: Flask) -> None:
    app.jinja_env.globals["asset"] = asset_url
