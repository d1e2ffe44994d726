"""The page a request shows: the publisher's options from its URL, and rendering a template with them.

Every page needs its options, region, links and asset URLs. They depend only on the query string
and the script root, never on answers, so a `Page` is built once per distinct pair and reused:
a request then reads one dict instead of parsing its options and building its links again.

Most of a question or result page is the same for every visitor: a question page differs only
in the answers carried in hidden fields, the ticked options, the question's number and the CSP
nonce; a result page, past its care level, in the parts built from the answers. `render_shell`
renders such a page once per page options and fixed values (the question, the care level), with
markers where the per-request values go (a page shell), and then only fills the markers in. The
shells hold content and page options only: the per-request values, answers among them, never
enter the cache.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask import Flask, abort, current_app, g, request, url_for
from markupsafe import Markup, escape

from ..domain.content import Region
from .options import PageOptions, read_options
from .security import csp_nonce

PAGE_CACHE_SIZE = 256  # accent and host are free text: keep the cache bounded
# A shell is a few KB; one per page options, question and variant, and the options are free text.
SHELL_CACHE_SIZE = 512
SLOT_MARK = "\x00"  # around a slot's name in a shell; never in content or options (both are validated)


@dataclass(frozen=True)
class Page:
    options: PageOptions
    region: Region
    urls: Mapping[str, str]  # endpoint: its URL with the page options (never answers)
    assets: Mapping[str, str]  # file in static/: its content-hashed URL
    key: str  # the same for pages that render alike (script root and options); a str keeps its hash


def build_page(options: PageOptions) -> Page:
    app = current_app
    query = options.query(app.config["REGION"])
    root = request.script_root
    return Page(
        options=options,
        region=app.extensions["quiz"].content.regions[options.region],
        # Every route without URL arguments: whatever a page links or posts to.
        urls={rule.endpoint: url_for(rule.endpoint, **query) for rule in app.url_map.iter_rules() if not rule.arguments},
        assets={path: f"{root}/static/{hashed}" for path, hashed in app.extensions["static_build"].hashed.items()},
        key=repr((root, options)),
    )


def load_page() -> None:
    """The page options of this request, from its query string (invalid values fall back to the defaults)."""
    environ = request.environ
    key = (environ.get("SCRIPT_NAME", ""), environ.get("QUERY_STRING", ""))
    cache = current_app.extensions["pages"]
    page = cache.get(key)
    if page is None:
        try:
            args = request.args
        except UnicodeDecodeError:  # raw bytes that are not UTF-8 (gunicorn refuses them, other servers may not)
            abort(400)
        app = current_app
        page = build_page(read_options(args, app.extensions["quiz"].content.regions, app.config["REGION"]))
        if len(cache) >= PAGE_CACHE_SIZE:
            cache.clear()
        cache[key] = page
    g.page = page


def default_page() -> Page:
    return build_page(PageOptions(region=current_app.config["REGION"]))


def use_default_page() -> None:
    """Show this request's page with the default options, whatever its URL says."""
    g.page = default_page()


def render_page(template_name: str, **context) -> str:
    """A template rendered with the page's options, links and CSP nonce.

    Straight to Jinja rather than through flask.render_template: pages get everything they use
    here, so Flask's context processors and signals would only add time to every page.
    """
    return _render(template_name, _page(), context, Markup(csp_nonce()))


def render_shell(template_name: str, fixed: Mapping[str, object], filled: Mapping[str, object]) -> str:
    """What `render_page(template_name, **fixed, **filled)` gives, from a cached page shell.

    fixed: what the shell is made from, and its cache key; each value a str, int, bool, None or a
    content item (keyed by its id). filled: per-request values, which the template may only print
    (`{{ name }}`), never test or loop over; a str is escaped, Markup goes in as it is.
    """
    page = _page()
    shells = current_app.extensions["shells"]
    if shells is None:  # debug mode: templates may change under a cached shell
        return render_page(template_name, **fixed, **filled)
    key = (page.key, template_name,
           *[value if value is None or isinstance(value, (str, int)) else value.id for value in fixed.values()], *fixed)
    shell = shells.get(key)
    if shell is None:
        slots = {name: Slot(name) for name in ("nonce", *filled)}
        html = _render(template_name, page, {**fixed, **slots}, slots.pop("nonce"))
        shell = Shell.split(html, template_name, {"nonce", *filled})
        if len(shells) >= SHELL_CACHE_SIZE:
            shells.clear()
        shells[key] = shell
    return shell.fill(filled, nonce=csp_nonce())


class Slot:
    """Stands in for a per-request value while a shell is rendered: prints as a marker."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __html__(self) -> str:
        return f"{SLOT_MARK}{self.name}{SLOT_MARK}"

    __str__ = __html__

    def __bool__(self) -> bool:
        raise TypeError(f"the page tests {self.name!r}, a per-request value: pass it as fixed, not filled")

    def __iter__(self):
        raise TypeError(f"the page loops over {self.name!r}, a per-request value: pass it as fixed, not filled")


@dataclass(frozen=True)
class Shell:
    parts: tuple[str, ...]  # text and slot names by turns: text, name, text, ..., text

    @classmethod
    def split(cls, html: str, template_name: str, names: set[str]) -> "Shell":
        parts = tuple(html.split(SLOT_MARK))
        if len(parts) % 2 == 0 or not set(parts[1::2]) <= names:
            raise ValueError(f"{template_name}: a marker character (NUL) outside a slot")
        return cls(parts)

    def fill(self, values: Mapping[str, object], nonce: str) -> str:
        parts = list(self.parts)
        for index in range(1, len(parts), 2):
            name = parts[index]
            if name == "nonce":
                parts[index] = nonce
            else:
                value = values[name]
                parts[index] = value if isinstance(value, Markup) else escape(value)  # escape() would copy Markup
        return "".join(parts)


def _page() -> Page:
    return g.get("page") or default_page()  # an error page for a request refused before load_page


def _render(template_name: str, page: Page, context: Mapping[str, object], nonce: object) -> str:
    template = current_app.extensions["templates"].get(template_name)
    if template is None:
        template = current_app.jinja_env.get_template(template_name)
    return template.render(
        context,
        options=page.options,
        region=page.region,
        page_url=page.urls.__getitem__,
        asset=page.assets.__getitem__,
        nonce=nonce,
    )


def load_templates(app: Flask) -> None:
    """Compile every page template once, after every template global is registered.

    Jinja copies a template's globals into each new render context; they are a ChainMap over the
    environment's, whose copy runs in Python, a fifth of the time of rendering a short page. A
    flat copy made here costs a tenth of that. Globals are all set at start-up, so none is missed.
    """
    templates = app.extensions["templates"] = {}
    if app.jinja_env.auto_reload:  # debug mode: Jinja reloads a template when its file changes
        app.extensions["shells"] = None  # and render_shell renders straight
        return
    for name in app.jinja_env.list_templates():
        if not name.startswith("components/"):
            template = templates[name] = app.jinja_env.get_template(name)
            template.globals = dict(template.globals)


def init_app(app: Flask) -> None:
    app.extensions["pages"] = {}
    app.extensions["shells"] = {}
    app.before_request(load_page)

