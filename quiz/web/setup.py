"""What the web layer builds once at start-up from the content file, and where views find it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask import Flask, current_app

from ..domain.answers import AnswerRules, build_answer_rules
from ..domain.content import Content, ContentError, load_content
from .forms import QuestionForm, build_forms


@dataclass(frozen=True)
class QuizSetup:
    content: Content
    rules: AnswerRules  # what each question accepts (quiz/domain/answers.py)
    forms: Mapping[str, type[QuestionForm]]  # one Flask-WTF form per question (quiz/web/forms.py)


def quiz_setup() -> QuizSetup:
    return current_app.extensions["quiz"]


def init_app(app: Flask) -> None:
    """Load and check the content file: a problem stops the app before it serves anything."""
    content = load_content(app.config["CONTENT_PATH"])
    if app.config["REGION"] not in content.regions:
        raise ContentError(content.path, "config REGION", f"unknown region {app.config['REGION']!r}")
    rules = build_answer_rules(content)
    app.extensions["quiz"] = QuizSetup(content=content, rules=rules, forms=build_forms(content, rules))
