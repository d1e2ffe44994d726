"""Parts of pages that depend only on the content file, rendered once and then reused.

A result page repeats the same cause explanations, sections and sources for many visitors; they
are most of its HTML and most of its rendering time. In a template:

    {% call rendered_once("cause", cause.id) %} ...markup... {% endcall %}

renders the block the first time that key is seen in this app and returns the same HTML after.
The key must name everything the block shows: use it only for content items (by id), never for
anything from the request or the answers.

The macros of templates/components/ are template globals, imported once at start-up: a
`{% from ... import %}` in a page would run the import again on every render (about 10 µs each).
They see no page context, so pages pass them what they show.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app
from jinja2.runtime import Macro
from markupsafe import Markup

COMPONENTS = ("components/forms.html", "components/care.html", "components/passages.html", "components/pictures.html")


def rendered_once(*key: str, caller: Callable[[], str]) -> Markup:
    cache: dict[tuple[str, ...], Markup] = current_app.extensions["rendered_once"]
    html = cache.get(key)
    if html is None:  # two threads may both render a block the first time; either result is right
        html = cache[key] = Markup(caller())
    return html


def register_components(app: Flask) -> None:
    env = app.jinja_env
    for name in COMPONENTS:
        module = env.get_template(name).module
        for macro_name, macro in vars(module).items():
            if isinstance(macro, Macro):
                if macro_name in env.globals:
                    raise RuntimeError(f"{name}: macro {macro_name!r} would hide another template global")
                env.globals[macro_name] = macro


def init_app(app: Flask) -> None:
    app.extensions["rendered_once"] = {}
    app.jinja_env.globals["rendered_once"] = rendered_once
    register_components(app)
