"""Parts of pages that depend only on the content file, rendered once at start-up and then reused.

A result page repeats the same cause explanations, sections, red flags and sources for many
visitors; they are most of its HTML. Each is a macro in templates/components/fragments.html,
rendered for every content item when the app starts (so a broken one stops the app, not a
visitor's page), and a page joins the ready-made markup with two filters (filters rather than
globals: Jinja binds a filter once per template, but looks a global up on every call):

    {{ explainer.sources | fragments("source") }}      the fragments of these sources, in order
    {{ ranked.cause | fragment("cause") }}              the fragment of one cause

The options of a question are rendered at start-up too, ticked and not (`ChoiceItems`): a question
page joins ready-made items instead of running a macro for each option on every request.

The macros of templates/components/ are template globals, imported once at start-up: a
`{% from ... import %}` in a page would run the import again on every render (about 10 µs each).
They see no page context, so pages pass them what they show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from flask import Flask
from jinja2.runtime import Macro
from markupsafe import Markup

from ..domain.content import Content, Question
from ..domain.engine import Reason

COMPONENTS = ("components/forms.html", "components/care.html", "components/passages.html", "components/pictures.html",
              "components/fragments.html", "components/explainer.html")


def register_components(app: Flask) -> None:
    env = app.jinja_env
    for name in COMPONENTS:
        module = env.get_template(name).module
        for macro_name, macro in vars(module).items():
            if isinstance(macro, Macro):
                if macro_name in env.globals:
                    raise RuntimeError(f"{name}: macro {macro_name!r} would hide another template global")
                env.globals[macro_name] = macro


class Fragments:
    """Content items' markup by kind and id, rendered at start-up; the `fragment` and
    `fragments` template filters."""

    def __init__(self) -> None:
        self.made: dict[str, dict[str, Markup]] = {}

    def render_all(self, content: Content, macros: Mapping[str, Callable[..., str]]) -> None:
        reasons = [Reason(question, option) for question in content.questions for option in question.options]
        kinds = {
            "cause": (content.causes, lambda cause: macros["cause_fragment"](content, cause)),
            "cause_heading": (content.causes, macros["cause_heading_fragment"]),
            "reason": (reasons, macros["reason_fragment"]),
            "section": (content.sections, lambda section: macros["section_fragment"](content, section)),
            "flag": (content.red_flags, lambda flag: macros["flag_fragment"](content, flag)),
            "source": (content.sources.values(), macros["source_fragment"]),
        }
        self.made = {kind: {item.id: Markup(render(item)) for item in items} for kind, (items, render) in kinds.items()}

    def one(self, item, kind: str) -> Markup:
        return self.made[kind][item.id]

    def join(self, items: Iterable, kind: str) -> Markup:
        made = self.made[kind]
        return Markup("".join([made[item.id] for item in items]))


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
    content = app.extensions["quiz"].content
    # Filters before the components are compiled (filters are bound when a template compiles),
    # filled once the macros that make the fragments exist.
    fragments = app.extensions["fragments"] = Fragments()
    app.jinja_env.filters["fragment"], app.jinja_env.filters["fragments"] = fragments.one, fragments.join
    register_components(app)
    fragments.render_all(content, app.jinja_env.globals)
    choice_items = app.extensions["choice_items"] = ChoiceItems()
    choice_items.render_all(content, app.jinja_env.globals["choice_item"])
