"""Page options a publisher may set in the iframe URL: region, colour theme, accent colour, compact
mode, and the host page's origin (set by static/embed.js) that the frame may send its events to.

They are presentation settings, never answers, so they may travel in the query string. Invalid
values fall back to the defaults; only validated values ever reach a page. Every link and form
action of a page keeps them: `url_for` adds them (`keep_page_options`), so templates need not.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from flask import Flask, abort, current_app, g, request

from .i18n import LANGUAGES

HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
# A web origin as browsers write it: scheme, host name or IPv4 address, optional port; no path.
LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
WEB_ORIGIN = re.compile(rf"(https?)://({LABEL}(?:\.{LABEL})*)(?::([0-9]{{1,5}}))?", re.IGNORECASE)
MAX_ORIGIN_LENGTH = 260
THEMES = ("light", "dark", "auto")  # auto follows the reader's prefers-color-scheme
# Sec-Fetch-Dest of a page loaded into a frame: its first GET and every form POST inside it.
FRAME_DESTINATIONS = ("iframe", "frame")


@dataclass(frozen=True)
class PageOptions:
    region: str
    accent: str = ""  # a validated hex colour, or "" for the stylesheet's own
    compact: bool = False  # without the app's own header and footer
    host: str = ""  # the embedding page's origin, the only target of the frame's messages; or ""
    lang: str = ""  # the language chosen in the URL ("en", "es"), or "" to follow the browser's
    theme: str = ""  # one of THEMES, or "" for the default (see shown_theme)
    framed: bool = False  # shown inside another page's frame (not an option: how the page was loaded)

    @property
    def shown_theme(self) -> str:
        """The chosen theme; by default light inside a frame (most articles around it are light, and
        a dark slab in a white page looks broken) and the reader's own scheme elsewhere."""
        return self.theme or ("light" if self.framed else "auto")

    @property
    def on_accent(self) -> str:
        """Text colour on the accent (buttons): black or white, whichever contrasts more."""
        if not self.accent:
            return ""
        return "#000" if contrast(self.accent, "#000") > contrast(self.accent, "#fff") else "#fff"

    def query(self, default_region: str) -> dict[str, str]:
        """The non-default options, to keep them on every link and form action."""
        args = {}
        if self.region != default_region:
            args["region"] = self.region
        if self.theme:
            args["theme"] = self.theme
        if self.accent:
            args["accent"] = self.accent
        if self.compact:
            args["compact"] = "1"
        if self.host:
            args["host"] = self.host
        if self.lang:
            args["lang"] = self.lang
        return args


def read_options(args: Mapping[str, str], regions: Mapping[str, object], default_region: str,
                 framed: bool = False) -> PageOptions:
    region = args.get("region", "")
    accent = args.get("accent", "")
    lang = args.get("lang", "")
    theme = args.get("theme", "")
    host = read_origin(args.get("host", ""))
    return PageOptions(
        region=region if region in regions else default_region,
        accent=accent.lower() if HEX_COLOUR.fullmatch(accent) else "",
        compact=args.get("compact", "") == "1",
        host=host,
        lang=lang if lang in LANGUAGES else "",
        theme=theme if theme in THEMES else "",
        framed=framed or bool(host),  # only the loader sets host, and only on a frame
    )


def read_origin(value: str) -> str:
    """`value` as a lower-case web origin (e.g. "https://news.example"), or "" if it is not one."""
    match = WEB_ORIGIN.fullmatch(value) if len(value) <= MAX_ORIGIN_LENGTH else None
    if not match or (match.group(3) and not 0 < int(match.group(3)) < 65536):
        return ""
    return value.lower()


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two hex colours, from 1 to 21."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    digits = colour[1:] if len(colour) == 7 else "".join(c * 2 for c in colour[1:])
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def load_page_options() -> None:
    """This request's page options, from its query string (invalid values fall back to the defaults)."""
    try:
        args = request.args
    except UnicodeDecodeError:  # raw bytes that are not UTF-8 (gunicorn refuses them, other servers may not)
        abort(400)
    content = current_app.extensions["quiz"].content
    framed = request.headers.get("Sec-Fetch-Dest") in FRAME_DESTINATIONS
    g.page_options = read_options(args, content.regions, current_app.config["REGION"], framed)


def page_options() -> PageOptions:
    """The page options of this request; the defaults for a page shown before they were read
    (an error page for a request refused early) or outside a request."""
    if "page_options" not in g:
        g.page_options = PageOptions(region=current_app.config["REGION"])
    return g.page_options


def use_default_options() -> None:
    """Show this request's page with the default options, whatever its URL says."""
    g.page_options = PageOptions(region=current_app.config["REGION"])


def keep_page_options(endpoint: str, values: dict) -> None:
    """url_for hook: links and form actions of the app's pages carry the page's options (not the
    oEmbed endpoint's address, whose options travel inside its `url`)."""
    if not endpoint.startswith("static") and endpoint != "embed.oembed" and "page_options" in g:
        for name, value in g.page_options.query(current_app.config["REGION"]).items():
            values.setdefault(name, value)


def template_context() -> dict:
    return {"options": page_options()}


def init_app(app: Flask) -> None:
    app.before_request(load_page_options)
    app.url_defaults(keep_page_options)
    app.context_processor(template_context)
