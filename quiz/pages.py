"""The page a request shows: the publisher's options from its URL, and rendering a template with them.

Every page needs its options, region, links and asset URLs. They depend only on the query string
and the script root, never on answers, so a `Page` is built once per distinct pair and reused:
a request then reads one dict instead of parsing its options and building its links again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask import Flask, abort, current_app, g, request, url_for
from markupsafe import Markup

from .content import Region
from .options import PageOptions, read_options
from .security import csp_nonce

PAGE_CACHE_SIZE = 256  # accent and host are free text: keep the cache bounded


@dataclass(frozen=True)
class Page:
    options: PageOptions
    region: Region
    urls: Mapping[str, str]  # endpoint: its URL with the page options (never answers)
    assets: Mapping[str, str]  # file in static/: its content-hashed URL


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
    page = g.get("page") or default_page()  # an error page for a request refused before load_page
    template = current_app.extensions["templates"].get(template_name)
    if template is None:
        template = current_app.jinja_env.get_template(template_name)
    return template.render(
        context,
        options=page.options,
        region=page.region,
        page_url=page.urls.__getitem__,
        asset=page.assets.__getitem__,
        nonce=Markup(csp_nonce()),
    )


def load_templates(app: Flask) -> None:
    """Compile every page template once, after every template global is registered.

    Jinja copies a template's globals into each new render context; they are a ChainMap over the
    environment's, whose copy runs in Python, a fifth of the time of rendering a short page. A
    flat copy made here costs a tenth of that. Globals are all set at start-up, so none is missed.
    """
    templates = app.extensions["templates"] = {}
    if app.jinja_env.auto_reload:  # debug mode: Jinja reloads a template when its file changes
        return
    for name in app.jinja_env.list_templates():
        if not name.startswith("components/"):
            template = templates[name] = app.jinja_env.get_template(name)
            template.globals = dict(template.globals)


def init_app(app: Flask) -> None:
    app.extensions["pages"] = {}
    app.before_request(load_page)

