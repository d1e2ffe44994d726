"""What the web layer builds once at start-up from the content file, and where views find it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from flask import Flask, current_app
from flask_babel import gettext

from ..domain.answers import AnswerRules, build_answer_rules
from ..domain.content import Content, ContentError, Region, load_content
from ..domain.explainer import ENGLISH, Wording
from ..domain.translations import load_languages
from .forms import QuestionForm, build_forms
from .i18n import LANGUAGES, current_language
from .options import page_options


@dataclass(frozen=True)
class Localized:
    """The content in one language, and the forms whose labels and messages are in it."""

    content: Content
    forms: Mapping[str, type[QuestionForm]]


@dataclass(frozen=True)
class QuizSetup:
    content: Content  # English: the ids, rules and texts every translation is checked against
    rules: AnswerRules  # what each question accepts (quiz/domain/answers.py), the same in every language
    forms: Mapping[str, type[QuestionForm]]  # one Flask-WTF form per question (quiz/web/forms.py)
    languages: Mapping[str, Localized] = field(default_factory=dict)

    def localized(self, language: str) -> Localized:
        """The content and forms in `language`; English for a language whose content file is not
        written yet (its interface text is still translated)."""
        return self.languages.get(language) or self.languages["en"]


def quiz_setup() -> QuizSetup:
    return current_app.extensions["quiz"]


def page_content() -> Content:
    """The content in this page's language."""
    return quiz_setup().localized(current_language()).content


def page_region() -> Region:
    """The visitor's region (the page option), worded in this page's language."""
    return page_content().regions[page_options().region]


def page_wording() -> Wording:
    """The explainer's own sentences in this page's language, from the interface catalogue."""
    return ENGLISH.translated(gettext)


def init_app(app: Flask) -> None:
    """Load and check the content file and its translations: a problem stops the app before it
    serves anything."""
    content = load_content(app.config["CONTENT_PATH"])
    if app.config["REGION"] not in content.regions:
        raise ContentError(content.path, "config REGION", f"unknown region {app.config['REGION']!r}")
    rules = build_answer_rules(content)
    languages = {
        language: Localized(translated, build_forms(translated, rules))
        for language, translated in load_languages(content, LANGUAGES).items()
    }
    app.extensions["quiz"] = QuizSetup(content=content, rules=rules, forms=languages["en"].forms, languages=languages)
    app.context_processor(lambda: {"region": page_region()})  # worded in the page's language
