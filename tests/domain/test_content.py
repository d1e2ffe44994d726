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
    assert 5 <= len(content.questions) <= 9
    assert content.questions[0].id == "emergency_now", "the safety screen comes first, for everyone"
    assert not content.questions[0].enable_when.conditions
    assert {c.id for c in content.causes} >= {
        "caffeine", "exercise", "anxiety", "nutrition", "electrolytes", "fatigue", "medicine", "idiopathic"
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
    # The article's own lines are its author's, not the neurologist's.
    assert content.speakers["garrick"].name == "Lorra Garrick"
    assert content.quotes["dont_panic"].speaker == "garrick"
    assert {content.quotes[q].speaker for q in ("peripheral", "similar_causes", "idiopathic", "variety")} == {"williams"}


def test_the_article_is_listed_with_its_title_and_author_as_the_file_gives_them():
    lines = ARTICLE.read_text(encoding="utf-8").splitlines()
    article = load_content().sources["article"]
    assert article.title == lines[0].strip()
    assert article.author == "Lorra Garrick" and any(line.startswith("Lorra Garrick ") for line in lines)


def test_every_safety_screen_sign_is_its_own_emergency_red_flag_with_a_source():
    content = load_content()
    screen = content.questions_by_id["emergency_now"]
    emergency = content.red_flags_by_level["emergency"]
    for option in screen.options:
        if option.exclusive:
            continue
        flags = [f for f in emergency if f.when.conditions[0].any_of == (option.id,)]
        assert len(flags) == 1, option.id
        assert flags[0].source in content.sources and flags[0].summary


def test_red_flags_cite_a_us_source_next_to_911_where_one_exists():
    content = load_content()
    us = {"medlineplus", "medlineplus_emergencies", "nih_stroke", "cdc_als"}
    for flag_id in ("face_drooping", "arm_weakness", "slurred_speech", "one_side", "breathing", "choking", "chest_pain",
                    "confusion", "long_lasting", "weakness"):
        flag = next(f for f in content.red_flags if f.id == flag_id)
        assert flag.source_for("us") in us, flag_id
        assert content.sources[flag.source_for("uk")].publisher.endswith(("NHS", "NHS Trust", "NHS Foundation Trust", "Scottish Ambulance Service")), flag_id


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
    "duplicate question id": ('id = "feel"', 'id = "duration"', ["questions[3] 'duration'", "duplicate id"]),
    "branching to an unknown question": (
        'id = "age"\nshort = "Age"\n',
        'id = "age"\nshort = "Age"\nenable_when = [{ question = "wherever", any_of = ["back_upper"] }]\n',
        ["question 'age'", "unknown question 'wherever'"],
    ),
    "red flag pointing at a missing option": (
        'when = [{ question = "symptoms", any_of = ["fever"] }]\nunless',
        'when = [{ question = "symptoms", any_of = ["fevers"] }]\nunless',
        ["red flag 'fever'", "has no option 'fevers'"],
    ),
    "red flag with an unknown region's source": (
        'source_by_region = { us = "nih_stroke" }',
        'source_by_region = { mars = "nih_stroke" }',
        ["red flag 'face_drooping', source_by_region", "unknown region 'mars'"],
    ),
    "red flag with an unknown regional source": (
        'source_by_region = { us = "nih_stroke" }',
        'source_by_region = { us = "a_blog" }',
        ["red flag 'face_drooping', source_by_region", "unknown source 'a_blog'"],
    ),
    "red flag summary that is not a phrase": (
        'summary = "you have chest pain"', 'summary = "You have chest pain"',
        ["red flag 'chest_pain'", "'summary' completes 'Because you told us ...'"],
    ),
    "red flag without a summary": ('summary = "you have chest pain"\n', '', ["red flag 'chest_pain'", "'summary' is missing or empty"]),
    "section unless on an unknown option": (
        'unless = [{ question = "symptoms", any_of = ["weakness", "stiffness", "wasting", "speech_swallow", "weight_loss"] }]\npassages = [\n  { text = "Around',
        'unless = [{ question = "symptoms", any_of = ["weak"] }]\npassages = [\n  { text = "Around',
        ["section 'als_rare', unless[0]", "has no option 'weak'"],
    ),
    "section more that is not true or false": ('id = "back"\ntitle = "Why your back can twitch"\nmore = true',
                                               'id = "back"\ntitle = "Why your back can twitch"\nmore = "yes"',
                                               ["section 'back'", "'more' must be true or false"]),
    "unknown care level": ('id = "fever"\nlevel = "urgent"', 'id = "fever"\nlevel = "soonish"', ["red flag 'fever'", "unknown care level 'soonish'"]),
    "cause with no quote": ('quotes = ["variety"]\nexplanation = [\n  { text = "The article names too much caffeine',
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
    "weight on a missing option": ('answer = "lately.exercise", points = 3', 'answer = "lately.sometimes", points = 3',
                                   ["cause 'exercise'", "weight 'lately.sometimes'", "has no option 'sometimes'"]),
    "weight with points out of range": ('answer = "lately.exercise", points = 3', 'answer = "lately.exercise", points = 30',
                                        ["cause 'exercise'", "weight 'lately.exercise'", "'points' must be a whole number"]),
    "weight without a reason": ('points = 3, reason = "You have done new or harder exercise lately" }',
                                'points = 3 }', ["cause 'exercise'", "weight 'lately.exercise'", "'reason' is missing or empty"]),
    "reason that is a label, not a sentence about the visitor": (
        'reason = "You drink 5 or more cups of coffee a day"', 'reason = "Caffeine: 5 or more"',
        ["cause 'caffeine'", "weight 'caffeine.five_plus'", "'reason' must start with 'You' or 'Your'"],
    ),
    "the same answer weighted twice": (
        '{ answer = "caffeine.three_four", points = 2,', '{ answer = "caffeine.five_plus", points = 2,',
        ["cause 'caffeine'", "weight 'caffeine.five_plus'", "weighted twice"],
    ),
    "unknown question type": ('id = "feel"\nshort = "What it feels like"\ntext = "What does the twitching feel like?"\ntype = "single"',
                              'id = "feel"\nshort = "What it feels like"\ntext = "What does the twitching feel like?"\ntype = "slider"',
                              ["question 'feel'", "'type' must be one of"]),
    "control character in a text": ('error = "Select what the twitching feels like"', 'error = "Select what\\u0000 the twitching feels like"',
                                    ["question 'feel'", "'error' contains a control character"]),
    "missing error message": ('error = "Select what the twitching feels like"\n', '', ["question 'feel'", "'error' is missing or empty"]),
    "unknown field": ('id = "feel"\n', 'id = "feel"\ncolour = "blue"\n', ["question 'feel'", "unknown field(s): colour"]),
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
    assert f"Content error: {path}: red flag 'fever_back': unknown care level 'later'" in run.stderr
    assert "Traceback" not in run.stderr


def test_check_content_command(app, tmp_path):
    good = app.test_cli_runner().invoke(args=["check-content"])
    assert good.exit_code == 0 and "OK (9 questions" in good.output
    path = tmp_path / "broken.toml"
    path.write_text(GOOD.replace('id = "feel"', 'id = "where"', 1), encoding="utf-8")
    bad = app.test_cli_runner().invoke(args=["check-content", str(path)])
    assert bad.exit_code != 0
    assert re.search(r"broken\.toml: questions\[2\] 'where': duplicate id", bad.output)


def test_assess_command_prints_the_assessment(app, tmp_path):
    case = tmp_path / "case.json"
    case.write_text('{"where": ["back_lower"], "symptoms": "fever", "caffeine": "five_plus"}', encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["assess", str(case)])
    assert result.exit_code == 0, result.output
    assert "Care level: urgent" in result.output
    assert "red flag fever_back (urgent)" in result.output
    assert "caffeine (score 5, strong)" in result.output
    assert "Sections: what_twitching_is, back" in result.output
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"caffeine": "gallons"}', encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["assess", str(wrong)])
    assert result.exit_code != 0 and "Select how many cups of coffee" in result.output
