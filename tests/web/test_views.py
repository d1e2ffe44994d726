"""The pages, driven by a test client that keeps no cookies, as a browser in a cross-site frame."""

from __future__ import annotations

import re

import pytest
from werkzeug.datastructures import MultiDict

from ..support.cases import CARE_LEVEL_CASES, answers
from ..support.pagecheck import check_page
from ..support.walker import form_fields, walk


def post(client, url, fields, **extra):
    data = MultiDict(list(fields) + list(extra.items()))
    return client.post(url, data=data)


def flat(raw: dict[str, list[str]], skip=()) -> list[tuple[str, str]]:
    return [(k, v) for k, values in raw.items() if k not in skip for v in values]


def html_of(response) -> str:
    return response.get_data(as_text=True)


# ------------------------------------------------------------------------------------------
# Pages and the GOV.UK patterns


def test_intro_page(client):
    response = client.get("/")
    page = check_page(html_of(response))
    assert "It takes about 2 minutes" in html_of(response)
    assert "This is not a diagnosis" in html_of(response)
    assert "/quiz" in page.links
    assert "Set-Cookie" not in response.headers


def test_question_page_pattern(client):
    html = html_of(client.get("/quiz"))
    check_page(html)
    assert re.search(r"<legend[^>]*>(<span class=\"tq-caption\">Question 1 of 9</span>)?\s*<h1 class=\"tq-fieldset__heading\">Do you have any of these right now\?</h1>", html)
    assert 'novalidate' in html and "required" not in html
    assert '<button class="tq-button" name="action" value="continue">Continue</button>' in html
    assert 'href="/">Back</a>' in html  # the first question's Back goes to the intro


def test_validation_error_pattern_keeps_answers(client):
    carried = [("emergency_now", "none"), ("where", "arm_hand")]
    # "None of these" ticked together with another option: a specific error, both ticks kept.
    response = post(client, "/quiz", carried + [("feel", "flicker"), ("feel", "cramp")], current="feel", action="continue")
    assert response.status_code == 200
    response = post(client, "/quiz", carried + [("symptoms", "weakness"), ("symptoms", "none")],
                    current="symptoms", action="continue")
    html = html_of(response)
    page = check_page(html)
    assert page.title.startswith("Error: Have you noticed any of these?")
    assert "There is a problem" in html
    assert page.summary_links == ["#symptoms-weakness"]
    message = "Select any of these you have noticed, or select ‘None of these’"
    assert html.count(message) == 2  # in the summary and inline
    assert '<span class="tq-visually-hidden">Error:</span> ' + message in html
    assert 'value="weakness" checked' in html and 'value="none" checked' in html
    assert "This field is required" not in html and "Not a valid choice" not in html


def test_progress_is_shown_from_the_first_question(client):
    # No branching: every visitor has the same nine screens, so the count is honest at once.
    assert "Question 1 of 9" in html_of(client.get("/quiz"))
    response = post(client, "/quiz", [("emergency_now", "none"), ("where", "eyelid")], current="where", action="continue")
    assert "Question 3 of 9" in html_of(response)


@pytest.mark.parametrize("level", CARE_LEVEL_CASES)
def test_full_walk_for_each_care_level_without_cookies(client, level):
    pages, result = walk(client, CARE_LEVEL_CASES[level])
    html = html_of(result)
    assert f"tq-care-card--{level}" in html
    kinds = [kind for kind, _ in pages]
    assert kinds[-2:] == ["check", "result"]
    assert ("interruption" in kinds) == (level == "emergency")


def test_result_page_cites_every_source_it_uses(client):
    _, result = walk(client, CARE_LEVEL_CASES["self-care"])
    html = html_of(result)
    page = check_page(html)
    refs = {href[1:] for href in page.links if href.startswith("#source-")}
    assert refs and refs <= set(page.ids)
    listed = set(re.findall(r'<li id="(source-[a-z0-9_]+)">', html))
    assert listed == refs, "every listed source is cited, every citation is listed"
    assert "Mitzi J. Williams, MD, clinical neurologist with Morehouse School of Medicine" in html
    assert "This is not a diagnosis" in html
    assert "When to see a doctor" in html
    assert "Why search results show ALS" in html and "Why your back can twitch" in html
    assert "Caffeine and other stimulants" in html and "Because you told us" in html


def test_care_card_structure(client):
    _, result = walk(client, CARE_LEVEL_CASES["urgent"])
    html = html_of(result)
    card = html.split('class="tq-care-card tq-care-card--urgent"')[1].split("</div>\n</div>")[0]
    assert '<span class="tq-visually-hidden">Urgent advice: </span>Call your doctor today, or go to urgent care' in card
    assert 1 <= card.count("<li>") <= 5


def test_care_card_has_at_most_five_bullets(client):
    many = answers(duration=["months"], where=["moving"], medicines=["regular"],
                   symptoms=["weakness", "wasting", "sensation", "speech_swallow"])
    response = post(client, "/result", flat(many))
    html = html_of(response)
    card = html.split('tq-care-card--non-urgent')[1].split("</ul>")[0]
    assert card.count("<li>") == 5
    assert "Also tell your doctor" in html


# ------------------------------------------------------------------------------------------
# Navigation: Back, Change, the emergency interruption


def test_back_returns_to_the_previous_question_with_answers_kept(client):
    carried = [("emergency_now", "none"), ("where", "back_lower"), ("feel", "flicker"), ("duration", "days"), ("symptoms", "none")]
    response = post(client, "/quiz", carried, current="caffeine", action="back")
    html = html_of(response)
    assert "Have you noticed any of these?" in html
    assert 'value="none" checked' in html
    assert ("where", "back_lower") in form_fields(html)


def test_back_from_the_first_question_posted_goes_to_the_intro_without_answers_in_the_url(client):
    response = post(client, "/quiz", [("emergency_now", "none")], current="emergency_now", action="back")
    assert response.status_code == 303 and response.headers["Location"] == "/"


def test_change_returns_to_check_your_answers(client):
    complete = CARE_LEVEL_CASES["non-urgent"]
    response = post(client, "/quiz", flat(complete), action="change:caffeine")
    html = html_of(response)
    assert "How many cups of coffee do you drink a day?" in html
    assert ("return_to", "check") in form_fields(html)
    fields = [f for f in form_fields(html) if f[0] != "caffeine"] + [("caffeine", "five_plus"), ("action", "continue")]
    html = html_of(post(client, "/quiz", fields))
    assert "<h1>Check your answers</h1>" in html
    assert ("caffeine", "five_plus") in form_fields(html)


def test_change_with_no_branch_to_open_returns_to_check_your_answers(client):
    complete = CARE_LEVEL_CASES["non-urgent"]  # where = arm_hand
    fields = [f for f in flat(complete) if f[0] != "where"] + [("where", "back_upper")]
    html = html_of(post(client, "/quiz", fields, current="where", return_to="check", action="continue"))
    assert "<h1>Check your answers</h1>" in html


@pytest.mark.parametrize("option", ["face_drooping", "arm_weakness", "slurred_speech", "one_side", "breathing", "choking",
                                    "chest_pain", "confusion", "saddle_numbness", "bladder_bowel", "both_legs"])
def test_emergency_answer_interrupts_at_once(client, option):
    response = post(client, "/quiz", [("emergency_now", option)], current="emergency_now", action="continue")
    html = html_of(response)
    check_page(html)
    assert '<h1 class="tq-interruption__heading">Get help now</h1>' in html
    assert "Immediate action required: " in html
    assert html.count('href="tel:911"') == 1
    resumed = post(client, "/quiz", form_fields(html), action="resume")
    assert "Where do you feel the twitching?" in html_of(resumed)




def test_region_sets_the_emergency_number(client):
    response = client.post("/quiz?region=uk", data={"emergency_now": "breathing", "current": "emergency_now", "action": "continue"})
    html = html_of(response)
    assert '<a class="tq-call" href="tel:999">Call 999</a>' in html
    assert 'action="/quiz?region=uk"' in html  # the option stays on the next request


def test_default_region_comes_from_config():
    from app import create_app

    client = create_app({"REGION": "uk"}).test_client(use_cookies=False)
    response = client.post("/quiz", data={"emergency_now": "choking", "current": "emergency_now", "action": "continue"})
    assert 'href="tel:999"' in html_of(response)


# ------------------------------------------------------------------------------------------
# Tampered answers: a clear error or a 400 page, never a 500


TAMPERED = {
    "unknown question": [("emergency_now", "none"), ("favourite_colour", "blue"), ("current", "where"), ("where", "eyelid")],
    "unknown option in a carried answer": [("emergency_now", "maybe"), ("current", "where"), ("where", "eyelid")],
    "duplicate single answer carried": [("emergency_now", "none"), ("feel", "flicker"), ("feel", "cramp"), ("current", "where"), ("where", "eyelid")],
    "none of these mixed in a carried answer": [("emergency_now", "none"), ("emergency_now", "breathing"), ("current", "where"), ("where", "eyelid")],
    "very long value": [("emergency_now", "x" * 5000), ("current", "where")],
    "unknown current question": [("current", "nope")],
    "two current fields": [("current", "where"), ("current", "feel")],
    "unknown action": [("current", "where"), ("where", "eyelid"), ("action", "jump")],
    "change to an unanswered question": [("action", "change:age")],
    "back to check your answers with no answers": [("current", "where"), ("return_to", "check"), ("action", "back")],
    "current question that does not exist": [("emergency_now", "none"), ("where", "eyelid"), ("current", "back_urgent"), ("back_urgent", "none")],
}


@pytest.mark.parametrize("case", TAMPERED)
def test_tampered_answers_get_a_400_page(client, case):
    response = client.post("/quiz", data=MultiDict(TAMPERED[case]))
    assert response.status_code == 400
    html = html_of(response)
    check_page(html)
    assert "Sorry, we could not read your answers" in html
    assert "Traceback" not in html


def test_unknown_option_on_the_current_question_is_redisplayed_with_an_error(client):
    response = client.post("/quiz", data={"emergency_now": "none", "current": "where", "where": "elbow<script>"})
    assert response.status_code == 200
    html = html_of(response)
    assert "Select where you feel the twitching" in html
    assert "elbow" not in html, "a value that is not one of our options is never reflected"


def test_result_with_missing_answers_is_a_400(client):
    incomplete = flat(CARE_LEVEL_CASES["non-urgent"], skip=("age",))
    response = post(client, "/result", incomplete)
    assert response.status_code == 400
    assert "Sorry, we could not read your answers" in html_of(response)


def test_no_response_sets_a_cookie(client):
    responses = [client.get("/"), client.get("/quiz"), client.get("/nowhere"),
                 client.post("/quiz", data={"current": "where"}), post(client, "/result", flat(CARE_LEVEL_CASES["urgent"]))]
    for response in responses:
        assert "Set-Cookie" not in response.headers


def test_answers_never_travel_in_a_url(client):
    pages, result = walk(client, CARE_LEVEL_CASES["emergency"])
    for _, response in pages:
        html = html_of(response)
        for url in re.findall(r'(?:href|action|formaction|src)="([^"]*)"', html):
            query = url.partition("?")[2].replace("&amp;", "&")
            names = {pair.split("=")[0] for pair in query.split("&") if pair}
            assert names <= {"region", "accent", "compact", "host", "lang"}, url  # page options only


def back_form(html: str) -> list[tuple[str, str]]:
    """The fields of the page's Back form (the first form on the page), with its button's value."""
    form = html[html.find('<form class="tq-back"'):]
    form = form[:form.find("</form>")]
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form)
    action = re.search(r'<button class="tq-back__link" name="action" value="([^"]+)">Back</button>', form).group(1)
    return [*fields, ("action", action)]


@pytest.mark.parametrize("level", CARE_LEVEL_CASES)
def test_back_on_check_your_answers_returns_to_the_last_question_answered(client, app, level):
    pages, _ = walk(client, CARE_LEVEL_CASES[level])
    check = dict(pages)["check"]
    last_question = [kind for kind, _ in pages if kind not in ("check", "result", "interruption")][-1]
    response = post(client, "/quiz", back_form(html_of(check)))
    html = html_of(response)
    assert response.status_code == 200
    text = app.extensions["quiz"].content.questions_by_id[last_question].text
    assert f'<h1 class="tq-fieldset__heading">{text}</h1>' in html
    assert f'<input type="hidden" name="current" value="{last_question}">' in html
    assert "checked" in html  # the answer given is still ticked


def test_back_from_a_question_still_goes_to_the_question_before_it(client, app):
    pages, _ = walk(client, CARE_LEVEL_CASES["self-care"])
    kinds = [kind for kind, _ in pages if kind not in ("check", "result", "interruption")]
    response = post(client, "/quiz", back_form(html_of(dict(pages)[kinds[-1]])))
    text = app.extensions["quiz"].content.questions_by_id[kinds[-2]].text
    assert f'<h1 class="tq-fieldset__heading">{text}</h1>' in html_of(response)
