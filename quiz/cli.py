"""Commands for content editors: validate a content file, and assess a case without a browser."""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from .domain.content import ContentError, load_content
from .domain.engine import assess, walk_through
from .domain.flow import first_unanswered


@click.command("check-content")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def check_content(path: Path | None) -> None:
    """Validate a content file (default: the app's own) without starting the server."""
    path = path or Path(current_app.config["CONTENT_PATH"])
    try:
        content = load_content(path)
    except ContentError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"{path}: OK ({len(content.questions)} questions, {len(content.causes)} causes, "
        f"{len(content.red_flags)} red flags, {len(content.sections)} sections, {len(content.sources)} sources)"
    )


@click.command("assess")
@click.argument("answers_file", type=click.File("r", encoding="utf-8"))
@with_appcontext
def assess_command(answers_file) -> None:
    """Print the assessment for a JSON file of answers: {"question_id": "option" or ["option", ...]}."""
    content = current_app.extensions["quiz"].content
    rules = current_app.extensions["quiz"].rules
    try:
        raw = json.load(answers_file)
    except json.JSONDecodeError as error:
        raise click.ClickException(f"{answers_file.name}: not valid JSON: {error}") from None
    if not isinstance(raw, dict):
        raise click.ClickException(f"{answers_file.name}: must be a JSON object of question id -> option id(s)")
    answers = {}
    for question_id, value in raw.items():
        question = content.questions_by_id.get(question_id)
        if question is None:
            raise click.ClickException(f"{answers_file.name}: unknown question '{question_id}'")
        values = value if isinstance(value, list) else [value]
        chosen = [str(v) for v in values]
        if not rules[question_id].accepts(chosen):
            raise click.ClickException(f"{answers_file.name}: question '{question_id}': {question.error}")
        answers[question_id] = tuple(chosen)
    walk = walk_through(content, answers)
    missing = first_unanswered(walk)
    assessment = assess(content, walk)
    click.echo(f"Care level: {assessment.care_level}")
    for flag in assessment.red_flags:
        click.echo(f"  red flag {flag.id} ({flag.level}): {flag.card_text}")
    click.echo("Causes, most likely first:")
    for ranked in assessment.causes:
        reasons = "; ".join(reason.text for reason in ranked.reasons) or "nothing else fits"
        click.echo(f"  {ranked.cause.id} (score {ranked.score}, {ranked.strength}) because {reasons}")
    click.echo("Sections: " + ", ".join(section.id for section in assessment.sections))
    if missing is not None:
        click.echo(f"Note: not all questions answered; next would be '{missing.id}'")


def init_app(app: Flask) -> None:
    app.cli.add_command(check_content)
    app.cli.add_command(assess_command)
