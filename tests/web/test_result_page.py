"""The result, the interruption and the reminder as a visitor gets them: the stories from the
issue, then the rules of the pages (summary first, no reassurance beside a warning sign, short
before "more", each quote once, numbered sources, the call link once, the way back)."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

from quiz.domain.engine import assess, walk_through
from quiz.domain.reminder import reminder_ics

from ..support.cases import CARE_LEVEL_CASES, answers
from ..support.pagecheck import check_page
from ..support.vignettes import VIGNETTES
from ..support.walker import form_fields, walk
from ..support.wordcount import words_before_and_after_more

SHORT_PART_BUDGET = 500  # words a self-care visitor reads before asking for more
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
WARNING_SIGNS = ("weakness", "wasting", "speech_swallow")
# Reassurance that a reported warning sign would contradict: its section titles and words.
REASSURANCE = ("How rare ALS is", "1.6 people in every 100,000", "What ALS actually looks like",
               "people under 40", "ALS is most common in people aged", "Twitches are common")

THINNER_CALF = answers(where=["leg_calf"], symptoms=["weakness", "wasting"], lately=["stress"], age=["from_40_to_59"])
SADDLE_NUMBNESS = answers(where=["leg_calf"], emergency_now=["saddle_numbness"])
FIVE_COFFEES = answers(caffeine=["five_plus"], lately=["stress"])


def fields(raw: dict[str, list[str]]) -> MultiDict:
    return MultiDict([(k, v) for k, values in raw.items() for v in values])


def result_of(client, raw, **query) -> str:
    response = client.post("/result", data=fields(raw), query_string=query)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    check_page(html)
    return html


def text(html: str) -> str:
    """Visible words, tags removed, screen-reader-only text kept out, spaces squashed."""
    html = re.sub(r'<span class="tq-visually-hidden">[^<]*</span>', "", html)
    html = re.sub(r"</?(?:strong|span|a|em)\b[^>]*>", "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def main_of(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def between(html: str, start: str, end: str) -> str:
    begin = html.index(start)
    return html[begin:html.index(end, begin)]


def lead(html: str) -> str:
    return text(between(html, '<p class="tq-lead tq-summary-lead">', "</p>"))


def explained(content, raw):
    walk_ = walk_through(content, {k: tuple(v) for k, v in raw.items()})
    return assess(content, walk_)


# ------------------------------------------------------------------------------------------
# The stories


def test_thinner_calf_opens_with_the_weakness_and_shows_no_als_reassurance(client):
    """A 52-year-old whose calf looks thinner and who keeps dropping things, a little stressed."""
    _, response = walk(client, THINNER_CALF)
    html = response.get_data(as_text=True)
    main = main_of(html)
    assert lead(html).startswith("Because you told us a muscle feels weak and a muscle looks thinner than before, "
                                 "a doctor should check this.")
    assert main.index("tq-summary-lead") < main.index("tq-care-card")  # the summary comes first
    card = between(main, "tq-care-card--non-urgent", "</ul>")
    assert re.findall(r"<li>([^<]+?)&nbsp;<a", card) == ["a muscle feels weak", "a muscle looks thinner than before"]
    # Stress comes after the warning sign, as something that can also cause twitching.
    assert "Twitching can also come from something else you told us: you have felt stressed or anxious lately." in lead(html)
    assert '<h2 id="causes">Things that can also cause twitching</h2>' in main
    for words in REASSURANCE:
        assert words not in text(main), words
    assert "Why a doctor should check" in text(main)


def test_calf_twitch_with_saddle_numbness_interrupts_at_once(client):
    pages, response = walk(client, SADDLE_NUMBNESS)
    kinds = [kind for kind, _ in pages]
    assert kinds[:2] == ["emergency_now", "interruption"]  # straight after the safety screen
    interruption = dict(pages)["interruption"].get_data(as_text=True)
    assert 'data-tq-page="interruption"' in interruption
    assert "you have numbness around your genitals or buttocks" in text(interruption)
    assert "This needs to be checked straight away, wherever the twitching is." in text(interruption)
    html = response.get_data(as_text=True)
    assert 'data-tq-care-level="emergency"' in html
    assert lead(html).startswith("Because you told us you have numbness around your genitals or buttocks, you need help now.")
    assert "Remind me in 2 weeks" not in html


def test_five_coffees_rank_caffeine_first(client):
    _, response = walk(client, FIVE_COFFEES)
    html = response.get_data(as_text=True)
    causes = re.findall(r'<section class="tq-cause" aria-labelledby="cause-(\w+)">', html)
    assert causes[:2] == ["caffeine", "anxiety"]
    caffeine = between(html, 'aria-labelledby="cause-caffeine"', "</section>")
    assert "A strong fit with your answers. Because you told us:" in text(caffeine)
    assert "<li>You drink 5 or more cups of coffee a day</li>" in caffeine
    assert "you drink 5 or more cups of coffee a day" in lead(html)
    chart = between(html, '<div class="tq-fit">', "</ol>")
    assert re.findall(r'href="#cause-(\w+)"', chart)[0] == "caffeine"


# ------------------------------------------------------------------------------------------
# Point 4: the personal summary


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v.name)
def test_result_opens_with_at_most_three_sentences_a_warning_sign_first(client, content, vignette):
    html = result_of(client, vignette.answers)
    main = main_of(html)
    assert main.index("tq-summary-lead") < main.index("tq-care-card") < main.index('id="causes"')
    sentences = re.split(r"(?<=\.) (?=[A-Z])", lead(html))
    assert 2 <= len(sentences) <= 3, sentences
    flags = explained(content, vignette.answers).red_flags
    if flags:
        assert sentences[0].startswith("Because you told us " + flags[0].summary)
        assert '<h2 id="causes">Things that can also cause twitching</h2>' in main


@pytest.mark.parametrize("sign", WARNING_SIGNS)
@pytest.mark.parametrize("age", ["under_40", "from_40_to_59", "over_60"])
def test_no_als_or_age_reassurance_beside_a_warning_sign(client, sign, age):
    raw = answers(symptoms=[sign], lately=["worried_search"], age=[age])
    main = text(main_of(result_of(client, raw)))
    for words in REASSURANCE:
        assert words not in main, (sign, age, words)
    # Without the sign, the same worried visitor does get the reassurance.
    calm = text(main_of(result_of(client, answers(lately=["worried_search"], age=[age]))))
    assert "How rare ALS is" in calm and "Twitches are common" in calm


# ------------------------------------------------------------------------------------------
# Points 5 and 6: reasons as sentences, short by default, each quote once, when to see


def test_reasons_are_the_contents_sentences_and_fit_is_in_words(client, content):
    raw = answers(caffeine=["three_four"], lately=["energy_drinks", "alcohol", "sick"])
    html = result_of(client, raw)
    for ranked in explained(content, raw).causes:
        block = between(html, f'aria-labelledby="cause-{ranked.cause.id}"', "</section>")
        fit = {"strong": "A strong fit", "some": "Some fit"}[ranked.strength]
        assert f"{fit} with your answers. Because you told us:" in text(block)
        assert re.findall(r"<li>([^<]+)</li>", block.split("Because you told us:")[1].split("</ul>")[0]) == list(ranked.reason_texts)
    assert not re.search(r"\d+ answers?\)", html), "no answer counts"
    assert "Caffeine: 3 or 4" not in html, "no question labels as reasons"


@pytest.mark.parametrize("vignette", [v for v in VIGNETTES if v.accepted_levels == ("self-care",)], ids=lambda v: v.name)
def test_a_self_care_result_is_short_before_more(client, vignette):
    html = result_of(client, vignette.answers)
    before, after = words_before_and_after_more(html)
    assert before <= SHORT_PART_BUDGET, before
    assert after > before, "the rest is there on demand"
    # Each cause's detail waits behind a native <details>, which works without JavaScript.
    for cause_id in re.findall(r'<section class="tq-cause" aria-labelledby="cause-(\w+)">', html):
        block = between(html, f'aria-labelledby="cause-{cause_id}"', "</section>")
        if "tq-quote" in block:
            assert re.search(r"<details class=\"tq-details\">\s*<summary class=\"tq-details__summary\">More about ", block)
            assert block.index("<details") < block.index("tq-quote")


def test_the_more_part_is_clearly_headed(client):
    html = result_of(client, CARE_LEVEL_CASES["self-care"])
    more = between(html, '<section class="tq-more" aria-labelledby="more">', "</section>\n</section>")
    assert '<h2 id="more">More about your twitching</h2>' in more
    assert "Why search results show ALS" in more and "How rare ALS is" in more


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v.name)
def test_each_quote_once_attributed_to_its_speaker(client, content, vignette):
    html = result_of(client, vignette.answers)
    for quote in content.quotes.values():
        shown = html.count(f"“{quote.text}”")
        assert shown <= 1, quote.id
        if shown:
            figure = between(html[html.index(f"“{quote.text}”"):], "<figcaption>", "</figcaption>")
            speaker = content.speakers[quote.speaker]
            assert f"<figcaption>{speaker.name}, {speaker.role}&nbsp;<a" in figure, quote.id


def test_the_articles_lines_are_its_authors_and_the_neurologists_are_hers(client):
    html = result_of(client, CARE_LEVEL_CASES["self-care"])
    dont_panic = html[html.index("Don’t panic over the word"):]
    assert dont_panic.split("<figcaption>")[1].startswith("Lorra Garrick, author of the article&nbsp;<a")
    peripheral = html[html.index("It generally is a symptom of damage"):]
    assert peripheral.split("<figcaption>")[1].startswith(
        "Mitzi J. Williams, MD, clinical neurologist with Morehouse School of Medicine")


def test_when_to_see_shows_five_items_and_every_warning_sign_one_tap_away(client, content):
    html = result_of(client, CARE_LEVEL_CASES["self-care"])
    section = between(html, '<h2 id="when-to-see">', "</section>")
    first, rest = section.split('<details class="tq-details">')
    assert len(re.findall(r"<li>", first)) == 5
    assert re.findall(r"<h3 class=\"tq-when__heading\">([^<]+)</h3>", first) == [
        "Call your doctor today, or go to urgent care if:", "Make an appointment with your doctor if:"]
    assert '<summary class="tq-details__summary">All warning signs</summary>' in rest
    for flag in content.red_flags_by_level["emergency"]:
        assert f"<li>{flag.card_text}&nbsp;<a" in rest


def test_reported_signs_lead_when_to_see(client):
    html = result_of(client, THINNER_CALF)
    first = between(html, '<h2 id="when-to-see">', '<details class="tq-details">')
    items = re.findall(r"<li>([^<]+?)&nbsp;<a", first)
    assert items[:2] == ["a muscle feels weak", "a muscle looks thinner than before"]


# ------------------------------------------------------------------------------------------
# Point 6 and 8: numbered citations, one sources list, regional sources, the article's title


@pytest.mark.parametrize("level", CARE_LEVEL_CASES)
def test_citations_are_numbers_into_one_list_with_each_source_once(client, content, level):
    html = result_of(client, CARE_LEVEL_CASES[level])
    main = main_of(html)
    sources = between(main, '<ol class="tq-sources">', "</ol>")
    numbers = [int(n) for n in re.findall(r'<li id="source-(\d+)">', sources)]
    assert numbers == list(range(1, len(numbers) + 1))
    cited = [int(n) for n in re.findall(r'<a class="tq-ref" href="#source-(\d+)"><span class="tq-visually-hidden">Source </span>\[\1\]</a>', main)]
    assert set(cited) == set(numbers), "every citation is listed, every listed source is cited"
    first_use = list(dict.fromkeys(cited))
    assert first_use == sorted(first_use), "numbered in the order the page first cites them"
    for source in content.sources.values():
        assert sources.count(f">{source.title}<") + sources.count(f" {source.title}") <= 1, source.id
    assert "http" not in main.split('<ol class="tq-sources">')[0].split('id="causes"')[1].replace('href="#', ""), \
        "no inline links to other sites in the text: numbers only"


def test_the_source_article_is_listed_with_its_title_and_author(client, content):
    article = content.sources["article"]
    html = result_of(client, CARE_LEVEL_CASES["self-care"])
    sources = between(html, '<ol class="tq-sources">', "</ol>")
    assert f"{article.author}. {article.title} {article.note}" in text(sources)


def test_symptom_checker_accuracy_is_not_on_the_result(client):
    for raw in CARE_LEVEL_CASES.values():
        main = text(main_of(result_of(client, raw))).lower()
        assert "symptom checker" not in main and "accura" not in main


@pytest.mark.parametrize("region, source", [("us", "MedlinePlus, US National Library of Medicine"), ("uk", "NHS")])
def test_sources_fit_the_region(client, content, region, source):
    html = result_of(client, CARE_LEVEL_CASES["non-urgent"], region=region)  # lasted 3 months
    card = between(html, "tq-care-card--non-urgent", "</ul>")
    number = re.search(r'href="#source-(\d+)"', card).group(1)
    listed = between(html, f'<li id="source-{number}">', "</li>")
    assert f" {source}." in text(listed)


@pytest.mark.parametrize("raw", [THINNER_CALF, CARE_LEVEL_CASES["urgent"], answers(symptoms=["speech_swallow", "weight_loss"])])
def test_care_card_and_doctor_summary_say_exactly_what_was_ticked(client, content, raw):
    flags = explained(content, raw).red_flags
    result = result_of(client, raw)
    summary = client.post("/summary", data=fields(raw)).get_data(as_text=True)
    for flag in flags:
        assert f"<li>{flag.card_text}&nbsp;<a" in result or f"<li>{flag.card_text}</li>" in result, flag.id
        assert f"<li>{flag.card_text}</li>" in summary, flag.id


def test_no_lower_filter_on_content_text():
    for name in ("result.html", "summary.html", "interruption.html", "components/care.html",
                 "components/explainer.html", "components/passages.html", "components/pictures.html"):
        assert "| lower" not in (TEMPLATES / name).read_text(), name


# ------------------------------------------------------------------------------------------
# Point 7: the interruption


def interrupt(client, ticked, **extra):
    data = MultiDict([("emergency_now", value) for value in ticked] + [("current", "emergency_now"), ("action", "continue")]
                     + list(extra.items()))
    response = client.post("/quiz", data=data)
    html = response.get_data(as_text=True)
    check_page(html)
    return html


@pytest.mark.parametrize("region, number", [("us", "911"), ("uk", "999"), ("eu", "112")])
def test_interruption_shows_the_number_once_as_a_call_link(client, region, number):
    response = client.post("/quiz", query_string={"region": region},
                           data={"emergency_now": "chest_pain", "current": "emergency_now", "action": "continue"})
    html = response.get_data(as_text=True)
    main = main_of(html)
    assert main.count(f'href="tel:{number}"') == 1
    assert f'<a class="tq-call" href="tel:{number}">Call {number}</a>' in main
    assert text(main).count(number) == 1, "the number once"
    assert "you have chest pain" in text(main)
    assert "Chest pain needs to be checked straight away." in text(main)


def test_interruption_explains_every_sign_ticked_and_each_reason_once(client):
    main = text(main_of(interrupt(client, ["face_drooping", "arm_weakness", "breathing"])))
    for said in ("your face has dropped on one side", "you cannot lift one of your arms", "you are struggling to breathe"):
        assert said in main
    assert main.count("This can be a sign of a stroke. Call for help at once.") == 1
    assert "Trouble breathing needs help straight away." in main


@pytest.mark.parametrize("return_to_check", [False, True])
def test_ticked_by_mistake_goes_back_to_the_safety_question_with_the_answers_kept(client, return_to_check):
    extra = {"return_to": "check"} if return_to_check else {}
    html = interrupt(client, ["saddle_numbness"], **extra)
    assert "I ticked this by mistake: go back" in html
    mistake = between(html, "<h2>If you ticked this by mistake</h2>", "</form>")
    posted = form_fields(mistake) + [("action", "revise")]
    assert ("return_to", "check") in posted if return_to_check else ("return_to", "check") not in posted
    response = client.post("/quiz", data=MultiDict(posted))
    back = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<h1 class="tq-fieldset__heading">Do you have any of these right now?</h1>' in back
    assert 'value="saddle_numbness" checked' in back, "the tick is kept, to change"
    assert "tq-interruption" not in back
    # Unticked, the quiz goes on.
    fields_ = [f for f in form_fields(back) if f[0] != "emergency_now"] + [("emergency_now", "none"), ("action", "continue")]
    following = client.post("/quiz", data=MultiDict(fields_)).get_data(as_text=True)
    assert "tq-interruption" not in following


def test_going_on_with_the_questions_still_works(client):
    html = interrupt(client, ["choking"])
    resumed = client.post("/quiz", data=MultiDict(form_fields(html) + [("action", "resume")]))
    assert "Where do you feel the twitching?" in resumed.get_data(as_text=True)


# ------------------------------------------------------------------------------------------
# Point 9: "Remind me in 2 weeks"


@pytest.mark.parametrize("level", CARE_LEVEL_CASES)
def test_reminder_is_linked_only_where_waiting_is_safe(client, level):
    html = result_of(client, CARE_LEVEL_CASES[level])
    links = re.findall(r'<a class="tq-button tq-button--secondary" href="([^"]+)" download>Remind me in 2 weeks</a>', html)
    assert links == (["/reminder.ics"] if level in ("self-care", "non-urgent") else [])


def test_reminder_link_keeps_page_options_and_no_answer(client):
    html = result_of(client, CARE_LEVEL_CASES["self-care"], region="uk")
    assert 'href="/reminder.ics?region=uk" download>Remind me in 2 weeks' in html


def test_reminder_is_a_calendar_file_of_todays_date_alone(client):
    response = client.get("/reminder.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers
    assert response.get_data(as_text=True) == reminder_ics(date.today())
    # Whatever a URL carries, the file is the same: it is built from the date alone.
    tampered = client.get("/reminder.ics", query_string={"symptoms": "weakness", "where": "leg_calf"})
    assert tampered.get_data() == response.get_data()
    assert client.post("/reminder.ics").status_code == 405
