"""Parts of pages that depend only on the content file, rendered once and then reused.

A result page repeats the same cause explanations, sections and sources for many visitors; they
are most of its HTML and most of its rendering time. In a template:

    {% call rendered_once("cause", cause.id) %} ...markup... {% endcall %}

renders the block the first time that key is seen in this app and returns the same HTML after.
The key must name everything the block shows: use it only for content items (by id), never for
anything from the request or the answers.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app
from markupsafe import Markup


def rendered_once(*key: str, caller: Callable[[], str]) -> Markup:
    cache: dict[tuple[str, ...], Markup] = current_app.extensions["rendered_once"]
    html = cache.get(key)
    if html is None:  # two threads may both render a block the first time; either result is right
        html = cache[key] = Markup(caller())
    return html


def init_app(app: Flask) -> None:
    app.extensions["rendered_once"] = {}
    app.jinja_env.globals["rendered_once"] = rendered_once
