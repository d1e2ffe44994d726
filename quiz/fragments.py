"""Parts of pages that depend only on the content file, rendered once and then reused.

A result page repeats the same cause explanations, sections and sources for many visitors; they
are most of its HTML and most of its rendering time. In a template:

    {% call rendered_once("cause", cause.id) %} ...markup... {% endcall %}

renders the block the first time that key is seen in this app and returns the same HTML after.
For a list of items, one call renders (or reuses) each item's block, keyed by kind and item id,
and joins them; one call instead of one per item, which Jinja makes cost about a microsecond each:

    {% call(source) rendered_each("source", sources) %} ...markup of one source... {% endcall %}

The key must name everything the block shows: use it only for content items (by id), never for
anything from the request or the answers.

The options of a question are rendered at start-up, ticked and not (`ChoiceItems`): a question
page joins ready-made items instead of running a macro for each option on every request.

The macros of templates/components/ are template globals, imported once at start-up: a
`{% from ... import %}` in a page would run the import again on every render (about 10 µs each).
They see no page context, so pages pass them what they show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from flask import Flask
from jinja2.runtime import Macro
from markupsafe import Markup

from .content import Content, Question

COMPONENTS = ("components/forms.html", "components/care.html", "components/passages.html", "components/pictures.html")


def make_renderers(cache: dict[tuple[str, ...], Markup]) -> tuple[Callable[..., Markup], Callable[..., Markup]]:
    """rendered_once and rendered_each for one app, bound to its cache (no app lookup per call).

    Two threads may both render a block the first time; either result is right.
    """

    def rendered_once(*key: str, caller: Callable[[], str]) -> Markup:
        html = cache.get(key)
        if html is None:
            html = cache[key] = Markup(caller())
        return html

    def rendered_each(kind: str, items: Iterable, caller: Callable[[object], str]) -> Markup:
        parts = []
        for item in items:
            key = (kind, item.id)
            html = cache.get(key)
            if html is None:
                html = cache[key] = Markup(caller(item))
            parts.append(html)
        return Markup("".join(parts))

    return rendered_once, rendered_each


def register_components(app: Flask) -> None:
    env = app.jinja_env
    for name in COMPONENTS:
        module = env.get_template(name).module
        for macro_name, macro in vars(module).items():
            if isinstance(macro, Macro):
                if macro_name in env.globals:
                    raise RuntimeError(f"{name}: macro {macro_name!r} would hide another template global")
                env.globals[macro_name] = macro


class ChoiceItems:
    """`app.extensions["choice_items"](question, chosen)`: the question's options, those in
    `chosen` ticked, joined from items the `choice_item` macro rendered once at start-up."""

    def __init__(self) -> None:
        self.made: dict[tuple[str, str, bool], Markup] = {}

    def render_all(self, content: Content, choice_item: Macro) -> None:
        self.made = {
            (question.id, option.id, ticked): choice_item(question, option, ticked)
            for question in content.questions for option in question.options for ticked in (False, True)
        }

    def __call__(self, question: Question, chosen: Iterable[str]) -> Markup:
        return Markup("".join([self.made[question.id, option.id, option.id in chosen] for option in question.options]))


def init_app(app: Flask) -> None:
    cache = app.extensions["rendered_once"] = {}
    app.jinja_env.globals["rendered_once"], app.jinja_env.globals["rendered_each"] = make_renderers(cache)
    register_components(app)
    choice_items = app.extensions["choice_items"] = ChoiceItems()
    choice_items.render_all(app.extensions["quiz"].content, app.jinja_env.globals["choice_item"])
