"""Embedding the quiz in other sites' pages: the publisher page GET /embed, which builds the
snippet from the page options with a preview, and a question's position for the frame's events
(templates put it in data-tq-* attributes; static/js/app.js posts it to static/embed.js).

Who may frame the app and the cookie-free forgery defence are in quiz/security.py.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from flask import Blueprint, current_app, render_template, request, url_for
from markupsafe import escape

from .options import PageOptions, contrast, read_options, use_default_options
from .security import forbid_framing

bp = Blueprint("embed", __name__)

FRAME_TITLE = "Muscle twitching quiz"
PLAIN_FRAME_HEIGHT = 800  # px: a question page fits; longer pages scroll inside the frame
LINK_CONTRAST = 4.5  # WCAG AA, for the accent as link text on white
ACCENT_ERROR = "Enter the accent colour as a hex code, like #0b7a75"
# What static/embed.js fires on the placeholder: (event, when, event.detail).
EVENTS = (
    ("twitch-quiz:ready", "The quiz has loaded in the frame.", "{}"),
    ("twitch-quiz:started", "Your reader pressed Start and sees the first question.", "{}"),
    ("twitch-quiz:question", "A question is shown. The position counts from 1.", "{ position: 3 }"),
    ("twitch-quiz:emergency", "The quiz told your reader to call the emergency number now.", "{}"),
    ("twitch-quiz:completed", "Your reader reached their explainer. The care level is one of "
     "self-care, non-urgent, urgent or emergency.", '{ careLevel: "urgent" }'),
)


@dataclass(frozen=True)
class Snippets:
    options: dict[str, str]  # the chosen non-default options, as query parameters / data-* names
    loader: str  # the placeholder <div> and the <script> to paste
    plain: str  # an <iframe> alone
    frame_url: str  # the quiz's first page with these options


def build_snippets(chosen: PageOptions, default_region: str) -> Snippets:
    options = replace(chosen, host="").query(default_region)
    attributes = "".join(f' data-{name}="{escape(value)}"' for name, value in options.items())
    frame_url = url_for("quiz.intro", _external=True, **options)
    loader = (
        f"<div data-twitch-quiz{attributes}></div>\n"
        f'<script src="{escape(url_for("static_plain", filename="embed.js", _external=True))}" async></script>'
    )
    plain = (
        f'<iframe src="{escape(frame_url)}" title="{FRAME_TITLE}" width="100%" height="{PLAIN_FRAME_HEIGHT}"'
        ' loading="lazy" referrerpolicy="no-referrer" style="border:0"></iframe>'
    )
    return Snippets(options=options, loader=loader, plain=plain, frame_url=frame_url)


@bp.get("/embed")
def publisher_page():
    content = current_app.extensions["quiz"].content
    default_region = current_app.config["REGION"]
    chosen = read_options(request.args, content.regions, default_region)
    typed_accent = request.args.get("accent", "")
    accent_error = ACCENT_ERROR if typed_accent and not chosen.accent else ""
    link_contrast = contrast(chosen.accent, "#fff") if chosen.accent else None

    # The form's fields share the quiz's option names, but this page keeps the app's own look.
    use_default_options()
    # No one needs to frame this page. The quiz pages it previews keep FRAME_ANCESTORS.
    forbid_framing()
    return render_template(
        "embed.html",
        chosen=chosen,
        regions=content.regions.values(),
        typed_accent=typed_accent,
        accent_error=accent_error,
        low_contrast=f"{link_contrast:.1f}" if link_contrast and link_contrast < LINK_CONTRAST else "",
        snippets=build_snippets(chosen, default_region),
        events=EVENTS,
        other_framers=[source for source in current_app.config["FRAME_ANCESTORS"].split() if source != "'self'"],
        frame_title=FRAME_TITLE,
    )
