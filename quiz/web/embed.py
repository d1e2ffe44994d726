"""Embedding the quiz in other sites' pages: the publisher page GET /embed, which builds the
snippet from the page options with a preview; the oEmbed endpoint GET /oembed, which gives the
same snippet to platforms that turn a pasted link into an embed (oEmbed 1.0, https://oembed.com);
and a question's position for the frame's events (templates put it in data-tq-* attributes;
static/js/app.js posts it to static/embed.js).

Who may frame the app and the cookie-free forgery defence are in quiz/security.py.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, urlsplit

from flask import Blueprint, Response, current_app, jsonify, render_template, request, url_for
from flask_babel import force_locale, gettext
from markupsafe import escape
from werkzeug.exceptions import HTTPException

from .i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, N_, chosen_language, current_language, use_language_parameter
from .options import THEMES, PageOptions, contrast, read_options, use_default_options
from .security import forbid_framing
from .setup import page_content

bp = Blueprint("embed", __name__)

FRAME_TITLE = N_("Muscle twitching quiz")  # in the snippet's quiz language, else in the publisher page's
PROVIDER_NAME = "Twitching explainer"
PLAIN_FRAME_HEIGHT = 800  # px: a question page fits; longer pages scroll inside the frame
FRAME_WIDTH = 672  # px: the quiz's widest text column (42rem), the width oEmbed reports
THEME_NAMES = {"light": N_("Light"), "dark": N_("Dark"), "auto": N_("Follow your reader’s device")}
# This page's own language travels as `hl`: its `lang` is the snippet's (the quiz's) language.
PAGE_LANGUAGE_PARAMETER = "hl"
# oEmbed: the pages of this app a pasted link may point to (their query holds the page options).
OEMBED_PAGES = frozenset({"quiz.intro", "quiz.start", "embed.publisher_page"})
# The answer depends only on its URL and the app's settings, which change with a deployment.
OEMBED_CACHE_AGE = 86_400  # seconds (a day)
MAX_URL_LENGTH = 2048
LINK_CONTRAST = 4.5  # WCAG AA, for the accent as link text on white
FILL_SHARE = 0.9  # of the window: a page built from answers, in static/embed.js (clamp(min, 90vh, max))
ACCENT_ERROR = N_("Enter the accent colour as a hex code, like #0b7a75")
# What static/embed.js fires on the placeholder: (event, when, event.detail).
EVENTS = (
    ("twitch-quiz:ready", N_("The quiz has loaded in the frame."), "{}"),
    ("twitch-quiz:started", N_("Your reader pressed Start and sees the first question."), "{}"),
    ("twitch-quiz:question", N_("A question is shown. The position counts from 1."), "{ position: 3 }"),
    ("twitch-quiz:emergency", N_("The quiz told your reader to call the emergency number now."), "{}"),
    ("twitch-quiz:completed", N_("Your reader reached their explainer. The care level is one of "
                                 "self-care, non-urgent, urgent or emergency."), '{ careLevel: "urgent" }'),
)


@dataclass(frozen=True)
class Snippets:
    options: dict[str, str]  # the chosen non-default options, as query parameters / data-* names
    loader: str  # the placeholder <div> and the <script> to paste
    plain: str  # an <iframe> alone
    frame_url: str  # the quiz's first page with these options
    title: str  # the frame's title, in the language asked for


def frame_title(language: str) -> str:
    """The frame's title, which screen readers announce on the embedding page, in `language`."""
    with force_locale(language):
        return gettext(FRAME_TITLE)


def build_snippets(chosen: PageOptions, default_region: str, title_language: str) -> Snippets:
    """The snippets for the `chosen` options, their frame titled in `title_language`."""
    options = replace(chosen, host="").query(default_region)
    title = frame_title(title_language)
    attributes = "".join(f' data-{name}="{escape(value)}"' for name, value in options.items())
    if title != FRAME_TITLE:  # the loader's own default is the English title
        attributes += f' data-title="{escape(title)}"'
    frame_url = url_for("quiz.intro", _external=True, host=None, **options)  # host=None: never this page's own
    loader = (
        f"<div data-twitch-quiz{attributes}></div>\n"
        f'<script src="{escape(url_for("static_plain", filename="embed.js", _external=True))}" async></script>'
    )
    return Snippets(options=options, loader=loader, plain=plain_frame(frame_url, title), frame_url=frame_url, title=title)


def plain_frame(frame_url: str, title: str, height: int = PLAIN_FRAME_HEIGHT, max_width: int | None = None) -> str:
    """The <iframe> snippet; max_width caps its fluid width (an oEmbed consumer's maxwidth)."""
    style = f"border:0;max-width:{max_width}px" if max_width else "border:0"
    return (
        f'<iframe src="{escape(frame_url)}" title="{escape(title)}" width="100%" height="{height}"'
        f' loading="lazy" referrerpolicy="no-referrer" style="{style}"></iframe>'
    )


def oembed_url(page_url: str) -> str:
    """The oEmbed address for one of the app's pages (the discovery link's href)."""
    return url_for("embed.oembed", url=page_url, format="json", _external=True)


@bp.app_template_global()
def oembed_discovery_url() -> str:
    """The oEmbed address for this page's options (never its host: that belongs to one frame)."""
    page_url = url_for("quiz.intro", _external=True, host=None)
    return oembed_url(page_url)


@bp.get("/embed")
def publisher_page():
    default_region = current_app.config["REGION"]
    chosen = read_options(request.args, current_app.extensions["quiz"].content.regions, default_region)
    chosen = replace(chosen, framed=False)  # host= on this page is no embed of it
    typed_accent = request.args.get("accent", "")
    link_contrast = contrast(chosen.accent, "#fff") if chosen.accent else None

    # The form's fields share the quiz's option names, but this page keeps the app's own look...
    use_default_options()
    # ...and its own language, with the snippet's options kept when the reader switches it.
    use_language_parameter(PAGE_LANGUAGE_PARAMETER, replace(chosen, accent=typed_accent, host="").query(default_region))
    # The frame's title is read out on the publisher's page: in the quiz's language if fixed, else
    # in this page's, which is likely the publisher's.
    title_language = chosen.lang or current_language()
    snippets = build_snippets(chosen, default_region, title_language)
    # No one needs to frame this page. The quiz pages it previews keep FRAME_ANCESTORS.
    forbid_framing()
    return render_template(
        "embed.html",
        chosen=chosen,
        page_language_parameter=PAGE_LANGUAGE_PARAMETER,
        page_language=chosen_language(),
        regions_offered=[(r.id, f"{r.name} ({r.emergency_number})", "") for r in page_content().regions.values()],
        typed_accent=typed_accent,
        accent_error=gettext(ACCENT_ERROR) if typed_accent and not chosen.accent else "",
        # Numbers reach the template as values: Jinja would format a literal once, in one language.
        low_contrast=link_contrast if link_contrast and link_contrast < LINK_CONTRAST else None,
        link_contrast_needed=LINK_CONTRAST,
        fill_share=FILL_SHARE,
        snippets=snippets,
        oembed=oembed_url(snippets.frame_url),
        themes=[(theme, gettext(THEME_NAMES[theme]), "") for theme in THEMES],
        languages=[("", gettext("The reader’s browser language"), ""),
                   *((code, LANGUAGE_NAMES[code], code) for code in LANGUAGES)],
        picker_colour=chosen.accent if len(chosen.accent) == 7 else "#1d5fa8",  # a colour input takes #rrggbb only
        events=[(name, gettext(when), detail) for name, when, detail in EVENTS],
        other_framers=[source for source in current_app.config["FRAME_ANCESTORS"].split() if source != "'self'"],
    )


class OEmbedError(Exception):
    """A request the oEmbed endpoint cannot answer, with its status code and a short reason."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


@bp.errorhandler(OEmbedError)
def oembed_error(error: OEmbedError):
    # Plain text: oEmbed consumers are programs, and read the status code.
    return Response(f"{error}\n", error.code, mimetype="text/plain")


def own_page_options(url: str) -> PageOptions:
    """The page options in `url`, a page of this app; OEmbedError 400 (not a URL) or 404 (not ours)."""
    if not url or len(url) > MAX_URL_LENGTH:
        raise OEmbedError(400, "Give the address of a page of the quiz in url.")
    try:
        parts = urlsplit(url)
        netloc = parts.netloc.lower()
    except ValueError:  # e.g. a malformed IPv6 host
        raise OEmbedError(400, "url is not a web address.") from None
    if parts.scheme.lower() not in ("http", "https") or not netloc:
        raise OEmbedError(400, "url is not a web address.")
    # Compared by host, as the forgery check does: a TLS proxy in front may hide the scheme.
    if netloc != request.host.lower() or parts.username is not None:
        raise OEmbedError(404, "This address is not a page of the quiz.")
    try:
        endpoint, _ = current_app.url_map.bind(request.host).match(parts.path or "/", method="GET")
    except HTTPException:  # not found, another method, or a redirect
        endpoint = None
    if endpoint not in OEMBED_PAGES:
        raise OEmbedError(404, "This address is not a page of the quiz.")
    first_values: dict[str, str] = {}
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        first_values.setdefault(name, value)
    content = current_app.extensions["quiz"].content
    return replace(read_options(first_values, content.regions, current_app.config["REGION"]), host="", framed=False)


def size_limit(name: str) -> int | None:
    value = request.args.get(name)
    if value is None:
        return None
    if not value.isascii() or not value.isdigit() or not 0 < int(value) < 100_000:
        raise OEmbedError(400, f"{name} must be a whole number of pixels.")
    return int(value)


@bp.get("/oembed")
def oembed():
    """oEmbed 1.0 for the quiz's pages: a `rich` answer whose html is /embed's plain frame snippet
    for the options in the page's address, sized within maxwidth and maxheight."""
    chosen = own_page_options(request.args.get("url", ""))
    max_width, max_height = size_limit("maxwidth"), size_limit("maxheight")
    if request.args.get("format", "json") != "json":
        raise OEmbedError(501, "Only format=json is available.")
    use_default_options()  # this request's own query holds no page options
    default_region = current_app.config["REGION"]
    title_language = chosen.lang or DEFAULT_LANGUAGE  # a program asks: no reader's language to follow
    snippets = build_snippets(chosen, default_region, title_language)
    width = min(FRAME_WIDTH, max_width or FRAME_WIDTH)
    height = min(PLAIN_FRAME_HEIGHT, max_height or PLAIN_FRAME_HEIGHT)
    response = jsonify(
        version="1.0",
        type="rich",
        title=snippets.title,
        provider_name=PROVIDER_NAME,
        provider_url=url_for("quiz.intro", _external=True),
        cache_age=OEMBED_CACHE_AGE,
        # The frame is fluid: as wide as the consumer's column, never wider than maxwidth.
        html=plain_frame(snippets.frame_url, snippets.title, height, width if max_width else None),
        width=width,
        height=height,
    )
    # The same for everyone: any cache may keep it, any page may read it (no cookie, no answer).
    response.headers["Cache-Control"] = f"public, max-age={OEMBED_CACHE_AGE}"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
