"""The content file: it loads, every quote is verbatim, and each kind of breakage stops the app
with a message naming the file, the item and the problem."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from app import create_app
from quiz.domain.content import DEFAULT_CONTENT_PATH, ContentError, load_content

from ..support.server import ROOT, SHARED

GOOD = DEFAULT_CONTENT_PATH.read_text(encoding="utf-8")
ARTICLE = SHARED / "source" / "twitching-back-article.txt"


def squash(text: str) -> str:
    return " ".join(text.split())


def test_content_file_loads():
    content = load_content()
    assert len(content.questions) >= 15
    assert {c.id for c in content.causes} >= {
        "caffeine", "exercise", "anxiety", "nutrition", "electrolytes", "fatigue", "idiopathic"
    }
    assert {f.level for f in content.red_flags} == {"emergency", "urgent", "non-urgent"}
    assert {"us", "uk"} <= set(content.regions)


def test_every_neurologist_quote_is_verbatim_in_the_article():
    article = squash(ARTICLE.read_text(encoding="utf-8"))
    content = load_content()
    assert content.quotes
    for quote in content.quotes.values():
        assert squash(quote.text) in article, f"quote {quote.id!r} is not verbatim in the article"
    williams = content.speakers["williams"]
    assert williams.name == "Mitzi J. Williams, MD"
    assert squash(williams.role) in article


def test_every_cause_has_a_quote_and_every_passage_a_source():
    content = load_content()
    for cause in content.causes:
        assert cause.quotes, cause.id
        for passage in (*cause.explanation, *cause.self_care):
            assert passage.quote or passage.source in content.sources
    for section in content.sections:
        for passage in section.passages:
            assert passage.quote in content.quotes or passage.source in content.sources


# Each broken variant: (what to replace, replacement, the words the message must contain).
BROKEN = {
    "duplicate question id": ('id = "feel"', 'id = "duration"', ["questions[5] 'duration'", "duplicate id"]),
    "branching to an unknown question": (
        'enable_when = [{ question = "where", any_of = ["back_upper", "back_lower"] }]\noptions = [\n  { id = "saddle_numbness"',
        'enable_when = [{ question = "wherever", any_of = ["back_upper"] }]\noptions = [\n  { id = "saddle_numbness"',
        ["question 'back_emergency'", "unknown question 'wherever'"],
    ),
    "red flag pointing at a missing option": (
        'when = [{ question = "back_urgent", any_of = ["fever"] }]',
        'when = [{ question = "back_urgent", any_of = ["fevers"] }]',
        ["red flag 'fever'", "has no option 'fevers'"],
    ),
    "unknown care level": ('id = "fever"\nlevel = "urgent"', 'id = "fever"\nlevel = "soonish"', ["red flag 'fever'", "unknown care level 'soonish'"]),
    "cause with no quote": ('quotes = ["peripheral"]\nexplanation = [\n  { text = "The article names too much caffeine',
                            'quotes = []\nexplanation = [\n  { text = "The article names too much caffeine',
                            ["cause 'caffeine'", "'quotes' is missing or empty"]),
    "cause passage with no source": (
        '{ text = "Muscles can twitch after exercise.", source = "medlineplus" }',
        '{ text = "Muscles can twitch after exercise." }',
        ["cause 'exercise'", "explanation[1]", "'source' is missing or empty"],
    ),
    "passage citing an unknown source": (
        '{ text = "Muscles can twitch after exercise.", source = "medlineplus" }',
        '{ text = "Muscles can twitch after exercise.", source = "a_blog" }',
        ["cause 'exercise'", "unknown source 'a_blog'"],
    ),
    "unknown quote": ('quotes = ["idiopathic"]', 'quotes = ["made_up"]', ["cause 'idiopathic'", "unknown quote 'made_up'"]),
    "weight on a missing option": ('"exercise.harder" = 3, "exercise.new" = 3', '"exercise.harder" = 3, "exercise.sometimes" = 3',
                                   ["cause 'exercise'", "weight 'exercise.sometimes'", "has no option 'sometimes'"]),
    "unknown question type": ('id = "sleep"\nshort = "Sleep"\ntext = "How have you been sleeping?"\ntype = "single"',
                              'id = "sleep"\nshort = "Sleep"\ntext = "How have you been sleeping?"\ntype = "slider"',
                              ["question 'sleep'", "'type' must be one of"]),
    "control character in a text": ('error = "Select how you have been sleeping"', 'error = "Select how you\\u0000 have been sleeping"',
                                    ["question 'sleep'", "'error' contains a control character"]),
    "missing error message": ('error = "Select how you have been sleeping"\n', '', ["question 'sleep'", "'error' is missing or empty"]),
    "unknown field": ('id = "sleep"\n', 'id = "sleep"\ncolour = "blue"\n', ["question 'sleep'", "unknown field(s): colour"]),
    "bad emergency number": ('emergency_number = "999"', 'emergency_number = "nine"', ["region 'uk'", "emergency_number"]),
    "not TOML": ('[[regions]]\nid = "us"', '[[regions]\nid = "us"', ["file", "not valid TOML"]),
}


@pytest.mark.parametrize("case", BROKEN)
def test_each_broken_variant_stops_with_a_message(tmp_path, case):
    old, new, words = BROKEN[case]
    assert old in GOOD, f"the test's anchor text is gone from the content file: {old!r}"
    path = tmp_path / "broken.toml"
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"


def test_missing_file(tmp_path):
    with pytest.raises(ContentError, match="not found"):
        load_content(tmp_path / "nothing.toml")


def test_broken_file_stops_app_start_with_the_message(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text(GOOD.replace('level = "urgent"', 'level = "later"', 1), encoding="utf-8")
    with pytest.raises(ContentError):
        create_app({"CONTENT_PATH": str(path)})
    # As gunicorn or the flask CLI would import it: a one-line message, no traceback.
    env = {**os.environ, "FLASK_CONTENT_PATH": str(path)}
    run = subprocess.run([sys.executable, "-c", "import app"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode != 0
    assert f"Content error: {path}: red flag 'fever': unknown care level 'later'" in run.stderr
    assert "Traceback" not in run.stderr


def test_check_content_command(app, tmp_path):
    good = app.test_cli_runner().invoke(args=["check-content"])
    assert good.exit_code == 0 and "OK (18 questions" in good.output
    path = tmp_path / "broken.toml"
    path.write_text(GOOD.replace('id = "feel"', 'id = "where"', 1), encoding="utf-8")
    bad = app.test_cli_runner().invoke(args=["check-content", str(path)])
    assert bad.exit_code != 0
    assert re.search(r"broken\.toml: questions\[4\] 'where': duplicate id", bad.output)


def test_assess_command_prints_the_assessment(app, tmp_path):
    case = tmp_path / "case.json"
    case.write_text('{"where": ["back_lower"], "back_urgent": "fever", "caffeine": "over_4"}', encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["assess", str(case)])
    assert result.exit_code == 0, result.output
    assert "Care level: urgent" in result.output
    assert "red flag fever (urgent)" in result.output
    assert "caffeine (score 3, strong)" in result.output
    assert "Sections: what_twitching_is, back" in result.output
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"caffeine": "gallons"}', encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["assess", str(wrong)])
    assert result.exit_code != 0 and "Select how much caffeine" in result.output
