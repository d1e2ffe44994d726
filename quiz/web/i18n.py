"""The page's language: Flask-Babel for the interface text, and the content in that language.

The language is, in order: the `lang` page option a publisher or the language switch put in the
URL (a presentation setting, never an answer), else the best match of the browser's
Accept-Language, else English. The publisher page edits a snippet whose `lang` is a setting, so
its own language travels as `hl` instead (see `use_language_parameter`). Interface strings are
marked with `_()` / `ngettext()` in Python and templates, extracted with pybabel into
quiz/translations/ (docs/translating.md).
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, g, has_request_context, request, url_for
from flask_babel import Babel, get_locale, get_translations, refresh

from ..domain.content import ContentError

LANGUAGES = ("en", "es")  # English first: the default, and the language of the source content
DEFAULT_LANGUAGE = LANGUAGES[0]
# Each language named in itself, as the switch shows it ("Español" to a reader of Spanish).
LANGUAGE_NAMES = {"en": "English", "es": "Español"}
TRANSLATIONS = Path(__file__).parent.parent / "translations"


def N_(message: str) -> str:
    """Marks a message for extraction (pybabel -k N_); it is translated when a page shows it."""
    return message


def use_language_parameter(name: str, kept: dict[str, str]) -> None:
    """For a page where `lang` is a setting it edits (the publisher page's snippet language): read
    the page's own language from `name`, and keep the query `kept` on its links to itself in
    other languages."""
    g.language_parameter = name
    g.kept_query = kept
    refresh()  # the locale may have been looked up already
    g.pop("translations", None)


def language_parameter() -> str:
    return g.get("language_parameter", "lang")


def this_page_values() -> dict[str, str]:
    """What this GET page's address holds besides its language, to link to it in another one."""
    return {**g.get("kept_query", {}), **(request.view_args or {})}


def chosen_language() -> str:
    """The language chosen in the URL, or "" if none (or one we do not have) was."""
    from .options import page_options  # options.py imports LANGUAGES from here

    if language_parameter() == "lang":
        return page_options().lang
    chosen = request.args.get(language_parameter(), "")
    return chosen if chosen in LANGUAGES else ""


def select_language() -> str:
    """Flask-Babel's locale selector."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    return chosen_language() or request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


def current_language() -> str:
    """This request's language code, e.g. "es"."""
    locale = get_locale()
    return locale.language if locale else DEFAULT_LANGUAGE


def language_links() -> list[dict]:
    """For the language switch on a page without answers: this page in each other language.

    A GET page links to itself; any other (an error page for a POST) to the start of the quiz.
    """
    here = current_language()
    if request.method == "GET" and request.endpoint:
        endpoint, values = request.endpoint, this_page_values()
    else:
        endpoint, values = "quiz.intro", {}
    name = language_parameter() if endpoint == request.endpoint else "lang"
    return [
        {"code": code, "name": LANGUAGE_NAMES[code], "href": url_for(endpoint, **values, **{name: code})}
        for code in LANGUAGES
        if code != here
    ]


def alternate_pages() -> list[tuple[str, str]]:
    """This page in each language, for <link rel="alternate" hreflang>: GET pages only (the
    others are built from posted answers, and have no address of their own)."""
    if request.method not in ("GET", "HEAD") or not request.endpoint or request.endpoint.startswith("static"):
        return []
    values, name = this_page_values(), language_parameter()
    return [(code, url_for(request.endpoint, **values, **{name: code}, _external=True)) for code in LANGUAGES]


def template_context() -> dict:
    language = current_language()
    return {
        "language": language,
        "other_languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES if code != language],
        "alternate_pages": alternate_pages,
        "language_links": language_links,
    }


def request_translations():
    """This request's catalogue, looked up once. (Flask-Babel's template functions look it up again
    for every string, several context lookups each: a result page has about a hundred strings.)"""
    translations = g.get("translations")
    if translations is None:
        translations = g.translations = get_translations()
    return translations


def check_compiled(directory: Path = TRANSLATIONS) -> None:
    """Stop start-up if a catalogue was not compiled, or was edited since: otherwise its pages
    would silently show English, or an old translation."""
    for code in LANGUAGES[1:]:
        source = directory / code / "LC_MESSAGES" / "messages.po"
        compiled = source.with_suffix(".mo")
        if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
            raise ContentError(
                source, f"language '{code}'",
                "not compiled, or changed since: run `pybabel compile -d quiz/translations`",
            )


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    check_compiled(Path(app.config["BABEL_TRANSLATION_DIRECTORIES"]))
    Babel(app, locale_selector=select_language)
    app.jinja_env.install_gettext_callables(
        gettext=lambda string: request_translations().ugettext(string),
        ngettext=lambda singular, plural, n: request_translations().ungettext(singular, plural, n),
        pgettext=lambda context, string: request_translations().upgettext(context, string),
        npgettext=lambda context, singular, plural, n: request_translations().unpgettext(context, singular, plural, n),
        newstyle=True,
    )
    app.jinja_env.policies["ext.i18n.trimmed"] = True  # {% trans %} text as one line, as pybabel extracts it
    app.context_processor(template_context)
