"""The doctor summary, the twitch diary, the body map markup and the explainer's pictures, through a
test client that keeps no cookies."""

from __future__ import annotations

import re
from html import escape, unescape

import pytest
from werkzeug.datastructures import MultiDict

from quiz.domain.engine import assess, walk_through
from quiz.domain.explainer import fit_percent
from quiz.web.summary import DIARY_DAYS

from ..support.cases import CARE_LEVEL_CASES, answers
from ..support.pagecheck import check_page
from ..support.walker import form_fields

REGIONS = ("back_upper", "back_lower", "eyelid", "face", "arm_hand", "leg_calf", "other")
# Everything at once: every red flag level, every cause, the longest answers. The worst case to print.
EVERYTHING = answers(
    emergency_now=["face_drooping", "arm_weakness", "slurred_speech", "one_side", "breathing", "choking", "chest_pain",
                   "confusion", "saddle_numbness", "bladder_bowel", "both_legs"],
    where=["back_upper", "back_lower", "eyelid", "face", "arm_hand", "leg_calf", "other", "moving"],
    feel=["cramp"],
    duration=["months"],
    symptoms=["weakness", "stiffness", "wasting", "speech_swallow", "sensation", "fever", "weight_loss"],
    caffeine=["five_plus"],
    lately=["exercise", "stress", "poor_sleep", "skipped_meals", "sweating", "sick", "alcohol", "energy_drinks", "worried_search"],
    medicines=["regular", "new_or_changed"],
    age=["over_60"],
)
QUESTIONS_TO_ASK = (
    "What do you think is causing my twitching?",
    "Do I need any tests?",
    "When should I come back?",
)


def fields(raw: dict[str, list[str]], skip=()) -> MultiDict:
    return MultiDict([(k, v) for k, values in raw.items() if k not in skip for v in values])


def summary_of(client, raw, **query):
    response = client.post("/summary", data=fields(raw), query_string=query)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    html = response.get_data(as_text=True)
    check_page(html)
    return response, html


def text_of(html: str) -> str:
    """The visible words of <main>, tags removed and spaces squashed."""
    main = html[html.index("<main"):html.index("</main>")]
    main = re.sub(r"</?(?:strong|span|a|em)\b[^>]*>", "", main)  # inline: no word break
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", main)).split())


def section(html: str, heading: str) -> str:
    """The words from an <h2> up to the next <h2>."""
    text = text_of(html)
    start = text.index(heading)
    following = [text.find(h, start + len(heading)) for h in SECTION_HEADINGS]
    end = min([i for i in following if i > 0], default=len(text))
    return text[start:end]


SECTION_HEADINGS = ("Also tell your", "Your twitching", "Possible causes we talked about",
                    "Questions you may want to ask", "Your other answers", "From the Twitching explainer")


# ------------------------------------------------------------------------------------------
# The summary


@pytest.mark.parametrize("level", CARE_LEVEL_CASES)
def test_summary_lists_every_answer_in_plain_words(client, content, level):
    raw = CARE_LEVEL_CASES[level]
    response, html = summary_of(client, raw)
    page = check_page(html)
    assert page.title.startswith("Take this to your doctor")
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"
    text = text_of(html)
    asked = [q for q in content.questions if q.id in raw]
    for question in asked:
        labels = [question.option(o).label for o in raw[question.id]]
        assert f"{question.short} {'; '.join(labels)}" in text, question.id
    # How long and where come first, under their own heading.
    lead = section(html, "Your twitching")
    for question_id in ("where", "duration"):
        question = content.questions_by_id[question_id]
        assert question.short in lead and question.option(raw[question_id][0]).label in lead
    assert "Where you feel it" not in section(html, "Your other answers")


@pytest.mark.parametrize("raw", [*CARE_LEVEL_CASES.values(), EVERYTHING], ids=[*CARE_LEVEL_CASES, "everything"])
def test_summary_reports_every_red_flag_and_cause(client, content, raw):
    _, html = summary_of(client, raw)
    text = text_of(html)
    assessment = assess(content, walk_through(content, {k: tuple(v) for k, v in raw.items()}))
    assert f"tq-care-card--{assessment.care_level}" in html
    for flag in assessment.red_flags:
        assert flag.card_text in text, flag.id
    causes = section(html, "Possible causes we talked about")
    for ranked in assessment.causes:
        assert ranked.cause.title in causes
        for reason in ranked.reason_texts:  # the content's sentences, as written
            assert f"{reason}." in causes
    if assessment.care_level == "self-care":
        assert "You did not tell us about any of the warning signs" in text


def test_summary_says_how_strongly_each_cause_fits(client):
    _, html = summary_of(client, answers(caffeine=["five_plus"], lately=["worried_search"]))
    causes = section(html, "Possible causes we talked about")
    assert "Caffeine and other stimulants: fits your answers well. You drink 5 or more cups of coffee a day." in causes
    assert "Stress and anxiety: may play a part. You felt worried after reading about ALS, MND or MS online." in causes
    _, html = summary_of(client, CARE_LEVEL_CASES["non-urgent"])
    assert "No clear cause: nothing you told us points to one clear cause." in text_of(html)


def test_summary_has_plain_questions_to_ask(client):
    _, html = summary_of(client, CARE_LEVEL_CASES["urgent"])
    questions = section(html, "Questions you may want to ask")
    for question in QUESTIONS_TO_ASK:
        assert question in questions
    items = re.findall(r"<li>([^<]*\?)</li>", html)
    assert len(items) >= 3 and all(item.startswith(("What", "Do", "Is", "When")) for item in items)


def test_summary_is_ready_to_print(client):
    _, html = summary_of(client, CARE_LEVEL_CASES["non-urgent"])
    assert 'data-tq-print' in html and "tq-js-only" in html  # the print button needs the script
    assert html.count('class="tq-doc__write-in') == 2  # name, date and notes lines, printed only
    assert 'class="tq-scale"' in html and 'aria-current="true">Non-urgent' in html
    assert "<form" not in html[html.index("<main"):], "the summary carries no answers onward"


def test_summary_follows_the_region(client):
    _, html = summary_of(client, CARE_LEVEL_CASES["urgent"], region="uk")
    assert "<h1>Take this to your GP</h1>" in html
    assert "Ask for an urgent GP appointment, or call 111" in html
    assert 'href="/diary?region=uk"' in html


BAD_SUMMARIES = {
    "nothing posted": MultiDict(),
    "one answer missing": fields(CARE_LEVEL_CASES["non-urgent"], skip=("age",)),
    "unknown option": fields({**CARE_LEVEL_CASES["non-urgent"], "age": ["ancient"]}),
    "unknown field": fields({**CARE_LEVEL_CASES["non-urgent"], "name": ["Ann"]}),
    "two answers to a single question": fields({**CARE_LEVEL_CASES["non-urgent"], "feel": ["flicker", "cramp"]}),
    "none of these with another": fields({**CARE_LEVEL_CASES["non-urgent"], "lately": ["none", "skipped_meals"]}),
    "very long value": fields({**CARE_LEVEL_CASES["non-urgent"], "age": ["x" * 500]}),
    "safety screen left out": fields(answers(where=["back_upper"]), skip=("emergency_now",)),
}


@pytest.mark.parametrize("case", BAD_SUMMARIES)
def test_bad_or_missing_answers_get_the_400_page(client, case):
    response = client.post("/summary", data=BAD_SUMMARIES[case])
    assert response.status_code == 400, (response.status_code, response.get_data(as_text=True)[:800])
    html = response.get_data(as_text=True)
    check_page(html)
    assert "Sorry, we could not read your answers" in html
    assert "Take this to your" not in html and "Ann" not in html


def test_summary_only_by_post_and_only_from_our_pages(client):
    response = client.get("/summary")
    assert response.status_code == 405
    check_page(response.get_data(as_text=True))
    response = client.post("/summary", data=fields(CARE_LEVEL_CASES["urgent"]), headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403


def test_summary_answers_the_same_as_the_result(client):
    """The same validation as POST /result: a set one accepts, the other accepts."""
    for data in [*(fields(raw) for raw in CARE_LEVEL_CASES.values()), *BAD_SUMMARIES.values()]:
        assert client.post("/summary", data=data).status_code == client.post("/result", data=data).status_code


# ------------------------------------------------------------------------------------------
# The explainer links to it


def test_explainer_posts_its_answers_to_the_summary(client):
    raw = CARE_LEVEL_CASES["urgent"]
    response = client.post("/result", data=fields(raw), query_string={"region": "uk"})
    html = response.get_data(as_text=True)
    check_page(html)
    form = re.search(r'<form method="post" action="([^"]+)" target="_blank" rel="noopener" novalidate>(.*?)</form>', html, re.S)
    assert form and form.group(1) == "/summary?region=uk"
    assert sorted(form_fields(form.group(0))) == sorted(fields(raw).items(multi=True))
    assert "Take this to your GP" in form.group(2)
    assert 'href="/diary?region=uk" target="_blank"' in html


def test_explainer_pictures_fit_and_care_level(client, content):
    raw = answers(caffeine=["five_plus"], lately=["energy_drinks", "worried_search"])
    html = client.post("/result", data=fields(raw)).get_data(as_text=True)
    chart = html[html.index('<div class="tq-fit">'):html.index("</ol>", html.index('<div class="tq-fit">'))]
    bars = re.findall(r'<a class="tq-fit__name" href="#cause-(\w+)">.*?class="tq-fit__fill" width="(\d+)".*?tq-fit__text">([^<]+)<', chart, re.S)
    # caffeine 5 + 3 = 8 points (the full bar); worry 1 point.
    assert bars == [("caffeine", "100", "Strong fit"), ("anxiety", "12", "Some fit")]  # words, never counts
    assert "answer)" not in chart and "answers)" not in chart
    for cause_id, _, _ in bars:
        assert f'id="cause-{cause_id}"' in html  # each bar links to its cause
    assert 'aria-hidden="true"' in chart.split("<svg", 1)[1].split(">", 1)[0]  # the words carry it
    for level, raw in CARE_LEVEL_CASES.items():
        html = client.post("/result", data=fields(raw)).get_data(as_text=True)
        current = re.findall(r'tq-scale__step--current" aria-current="true">([^<]+)<', html)
        assert current == [{"self-care": "Self-care", "non-urgent": "Non-urgent", "urgent": "Urgent", "emergency": "Emergency"}[level]]


def test_no_fit_chart_when_nothing_fits(client):
    html = client.post("/result", data=fields(CARE_LEVEL_CASES["non-urgent"])).get_data(as_text=True)
    assert 'class="tq-fit"' not in html
    assert "No clear cause" in html


@pytest.mark.parametrize("scores, expected", [((7, 7), 100), ((7, 1), 14), ((1, 1), 33), ((3, 2), 67), ((2, 0), 0)])
def test_fit_percent_scales_to_the_best_fit_but_never_inflates_a_weak_one(content, scores, expected):
    from quiz.domain.engine import Assessment, RankedCause

    top, score = scores
    cause = content.causes[0]
    assessment = Assessment("self-care", (), (RankedCause(cause, top, ()), RankedCause(cause, score, ())), ())
    assert fit_percent(assessment.causes[1], assessment) == expected


# ------------------------------------------------------------------------------------------
# The diary


def test_diary_is_a_printable_two_week_table(client, content):
    response = client.get("/diary")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    check_page(html)
    columns = re.findall(r'<th scope="col">([^<]+)', html)
    assert columns == ["Date", "Where", "How long", "Caffeine", "Sleep", "Exercise", "Stress"]
    rows = re.findall(r'<tr><th scope="row">Day (\d+)</th>((?:<td></td>)+)</tr>', html)
    assert [int(day) for day, _ in rows] == list(range(1, DIARY_DAYS + 1)) and DIARY_DAYS == 14
    assert all(cells.count("<td>") == len(columns) - 1 for _, cells in rows)
    # The "more than 2 weeks" advice, from the content file, with its source.
    flag = next(f for f in content.red_flags if f.id == "long_lasting")
    source = content.sources[flag.source]
    assert escape(flag.reason, quote=False) in html
    assert f'href="#source-{source.id}"' in html and f'id="source-{source.id}"' in html and source.url in html
    assert "Set-Cookie" not in response.headers


def test_diary_keeps_page_options(client):
    html = client.get("/diary?region=uk&compact=1").get_data(as_text=True)
    assert "see a GP" in html
    assert "tq-header" not in html
    assert 'href="/?region=uk&amp;compact=1"' in html


# ------------------------------------------------------------------------------------------
# The body map's markup on the "where" question


def where_page(client, **extra) -> str:
    data = MultiDict([("emergency_now", "none"), ("current", "emergency_now"), ("action", "continue")])
    for key, value in extra.items():
        data.add(key, value)
    html = client.post("/quiz", data=data).get_data(as_text=True)
    check_page(html)
    return html


def test_body_map_only_on_the_where_question(client):
    html = where_page(client)
    assert html.count("data-tq-bodymap") == 1
    assert re.search(r'<script src="/static/[0-9a-f]{12}/js/bodymap\.js" defer></script>', html)
    other = client.get("/quiz").get_data(as_text=True)
    assert "data-tq-bodymap" not in other and "bodymap" not in other


def test_body_map_regions_mirror_the_checkboxes(client, content):
    html = where_page(client)
    question = content.questions_by_id["where"]
    regions = re.findall(r'<g class="tq-bodymap__region" data-tq-input="([^"]+)" role="checkbox" tabindex="0" aria-checked="(true|false)">\s*<title>([^<]+)</title>', html)
    assert [input_id for input_id, _, _ in regions] == [f"where-{option}" for option in REGIONS]
    for input_id, checked, title in regions:
        option = question.option(input_id.removeprefix("where-"))
        assert unescape(title) == option.label
        assert f'id="{input_id}" name="where" type="checkbox" value="{option.id}"' in html
        assert checked == "false"
    assert "onclick" not in html and "style=" not in html  # the CSP allows neither


def test_body_map_shows_answers_already_given(client):
    # Back from the next question: the where answers come back ticked. The checkboxes carry them;
    # static/js/bodymap.js copies them to the map as it starts (tests/browser/test_pictures.py).
    data = MultiDict([("emergency_now", "none"), ("where", "face"), ("where", "leg_calf"), ("current", "feel"), ("action", "back")])
    html = client.post("/quiz", data=data).get_data(as_text=True)
    checked = re.findall(r'<input class="tq-choices__input" id="where-(\w+)" name="where" type="checkbox" value="\w+"\s+checked', html)
    assert checked == ["face", "leg_calf"]
    assert 'aria-checked="true"' not in html  # the page is the same for every visitor until the script runs
