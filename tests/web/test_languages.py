"""The page's language: how it is chosen, the language switch, <html lang>, and no English left on
any Spanish page."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from werkzeug.datastructures import MultiDict

from app import create_app
from quiz.domain.content import DEFAULT_CONTENT_PATH, ContentError
from quiz.domain.translations import translation_template

from ..support.cases import CARE_LEVEL_CASES
from ..support.leftovers import content_texts, english_leftovers, visible_texts
from ..support.pagecheck import check_page
from ..support.walker import form_fields, walk

SWITCH_FORM = re.compile(r'<form class="tq-language__form" method="post" action="([^"]+)" novalidate>(.*?)</form>', re.S)
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def html_of(response) -> str:
    return response.get_data(as_text=True)


def html_lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def switch_form(html: str) -> tuple[str, list[tuple[str, str]]]:
    """The language switch's action and hidden fields (one other language: one form)."""
    forms = SWITCH_FORM.findall(html)
    assert len(forms) == 1, f"expected one language switch form, found {len(forms)}"
    action, body = forms[0]
    return unescape(action), [(name, unescape(value)) for name, value in HIDDEN.findall(body)]


def h1(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)).split())


# --- choosing the language -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "accept", "expected"),
    [
        ("/", None, "en"),  # no choice anywhere: English
        ("/", "es-MX,es;q=0.9,en;q=0.8", "es"),  # a direct visit follows the browser
        ("/", "es-419", "es"),  # a regional variant finds its language
        ("/", "fr-FR, de;q=0.8", "en"),  # a language we do not have: English
        ("/?lang=es", None, "es"),  # the iframe URL's choice
        ("/?lang=en", "es-MX,es;q=0.9", "en"),  # a choice made beats the browser
        ("/?lang=xx", "es", "es"),  # an invalid choice is no choice
    ],
)
def test_language_is_the_lang_option_else_accept_language_else_english(client, url, accept, expected):
    headers = {"Accept-Language": accept} if accept else {}
    html = html_of(client.get(url, headers=headers))
    assert html_lang(html) == expected
    assert h1(html) == {"en": "Find out what may be causing your muscle twitching",
                        "es": "Descubra qué puede estar causando sus espasmos musculares"}[expected]


def test_the_lang_option_is_kept_on_every_link_and_form_of_the_page(client):
    html = html_of(client.get("/quiz?lang=es"))
    urls = [unescape(url) for url in re.findall(r'(?:href|action|formaction)="(/[^"]*)"', html) if not url.startswith("/static")]
    assert urls
    for url in urls:
        # the switch's own action asks for the other language; every other link keeps Spanish
        assert "lang=es" in url or url == "/quiz?lang=en", url


def test_question_caption_and_error_are_in_the_page_language(client):
    pages, _ = walk(client, CARE_LEVEL_CASES["non-urgent"])
    _, third = pages[2]
    fields = [(k, v) for k, v in form_fields(html_of(third)) if k != "action"]
    current = dict(fields)["current"]
    # Continue without an answer, in Spanish: the caption and the GOV.UK error pattern in Spanish
    response = client.post("/quiz?lang=es", data=MultiDict([*fields, ("action", "continue")]))
    html = html_of(response)
    check_page(html)
    assert html_lang(html) == "es"
    assert re.search(r'<span class="tq-caption">Pregunta \d+ de \d+</span>', html)
    assert "<title>Error: " in html  # "Error:" is the same word in Spanish
    assert ">Hay un problema</h2>" in html
    assert f'name="current" value="{current}"' in html


# --- the language switch -----------------------------------------------------------------------


def test_switch_on_a_question_page_shows_the_same_question_with_the_answers_kept(client, app):
    pages, _ = walk(client, CARE_LEVEL_CASES["urgent"])
    name, page = pages[5]
    english = html_of(page)
    action, fields = switch_form(english)
    assert action.startswith("/quiz?") and "lang=es" in action

    spanish = html_of(client.post(action, data=MultiDict(fields)))
    check_page(spanish)
    assert html_lang(spanish) == "es"
    # the same question, in the Spanish content's words
    question = dict(form_fields(english))["current"]
    assert h1(spanish) == app.extensions["quiz"].languages["es"].content.questions_by_id[question].text != h1(english)
    assert sorted(form_fields(spanish)) == sorted(form_fields(english))  # every answer carried on
    assert ">Continuar</button>" in spanish
    # and back to English, from the Spanish page's own switch
    action_back, fields_back = switch_form(spanish)
    assert "lang=en" in action_back
    assert sorted(form_fields(html_of(client.post(action_back, data=MultiDict(fields_back))))) == sorted(form_fields(english))


def test_switch_carries_every_answer_so_far_but_never_in_its_url(client):
    pages, _ = walk(client, CARE_LEVEL_CASES["self-care"])
    _, page = pages[-3]
    html = html_of(page)
    action, fields = switch_form(html)
    answers = {(k, v) for k, v in form_fields(html) if k not in ("current", "action", "return_to")}
    assert answers and answers <= set(fields)
    query = action.partition("?")[2]
    assert {pair.split("=")[0] for pair in query.split("&")} <= {"lang", "region", "accent", "compact", "host"}
    for _, value in answers:
        assert value not in query


def test_switch_on_check_your_answers_shows_it_again_in_the_other_language(client):
    pages, _ = walk(client, CARE_LEVEL_CASES["non-urgent"])
    check = html_of(dict(pages)["check"])
    action, fields = switch_form(check)
    response = client.post(action, data=MultiDict(fields))
    html = html_of(response)
    check_page(html)
    assert h1(html) == "Revise sus respuestas"
    assert sorted(form_fields(html)) == sorted(form_fields(check))


def test_switch_on_check_your_answers_with_missing_answers_is_refused(client):
    pages, _ = walk(client, CARE_LEVEL_CASES["non-urgent"])
    action, fields = switch_form(html_of(dict(pages)["check"]))
    fields = [(k, v) for k, v in fields if k != "age"]
    assert client.post(action, data=MultiDict(fields)).status_code == 400


def test_switch_on_the_doctor_summary_keeps_the_answers(client):
    answers = [(k, v) for k, values in CARE_LEVEL_CASES["urgent"].items() for v in values]
    english = html_of(client.post("/summary", data=MultiDict(answers)))
    action, fields = switch_form(english)
    assert sorted(fields) == sorted(answers)
    spanish = html_of(client.post(action, data=MultiDict(fields)))
    check_page(spanish)
    assert html_lang(spanish) == "es" and "<h2>Sus espasmos</h2>" in spanish


@pytest.mark.parametrize(("url", "page"), [("/", "/"), ("/diary", "/diary"), ("/nowhere", "/")])
def test_switch_on_a_page_without_answers_is_a_link_to_the_same_page(client, url, page):
    """...or, from a page that does not exist, to the start of the quiz."""
    html = html_of(client.get(url))
    links = re.findall(r'<a class="tq-language__link" href="([^"]+)" hreflang="es" lang="es">Español</a>', html)
    assert len(links) == 1
    target = unescape(links[0])
    assert target.partition("?")[0] == page and "lang=es" in target
    assert html_lang(html_of(client.get(target))) == "es"


def test_error_page_for_a_post_links_to_the_start_in_the_other_language(client):
    html = html_of(client.post("/quiz?lang=es", data={"current": "no_such_question"}))
    assert html_lang(html) == "es" and h1(html) == "Lo sentimos, no pudimos leer sus respuestas"
    assert '<a class="tq-language__link" href="/?lang=en" hreflang="en" lang="en">English</a>' in html


# --- no English left on any Spanish page ------------------------------------------------------


def spanish_pages(client) -> dict[str, str]:
    """Every page type in Spanish: reached through the switch, and walked in Spanish to each care
    level's result (with the interruption on the way to the emergency one)."""
    spanish = {"Accept-Language": "es"}
    pages = {"intro": client.get("/", headers=spanish), "diary": client.get("/diary", headers=spanish),
             "not found": client.get("/nowhere", headers=spanish)}
    visited, _ = walk(client, CARE_LEVEL_CASES["non-urgent"])
    for name, page in visited[:-1]:  # every question page and check your answers, reposted in Spanish
        if name != "interruption":
            action, fields = switch_form(html_of(page))
            pages[name] = client.post(action, data=MultiDict(fields))
    where = html_of(dict(visited)["where"])
    fields = [(k, v) for k, v in form_fields(where) if k != "action"]
    pages["error"] = client.post("/quiz?lang=es", data=MultiDict([*fields, ("action", "continue")]))
    for level, answers in CARE_LEVEL_CASES.items():
        visited, result = walk(client, answers, lang="es")
        pages |= {f"{name} (walked in Spanish)": page for name, page in visited[:-1]}
        pages[f"result: {level}"] = result
        posted = MultiDict([(k, v) for k, values in answers.items() for v in values])
        pages[f"summary: {level}"] = client.post("/summary?lang=es", data=posted)
    assert "interruption (walked in Spanish)" in pages
    return {name: html_of(response) for name, response in pages.items()}


def test_no_english_interface_text_is_left_on_the_spanish_pages(client, app):
    """Neither the catalogue's English nor the content's English fields; the English a Spanish
    page keeps on purpose (a quote's original, an English source's title) is marked lang="en"."""
    quiz = app.extensions["quiz"]
    # A text the same in both languages ("Cara"? no: "1 o 2" vs "1 or 2") is not a leftover.
    english = content_texts(quiz.content) - content_texts(quiz.languages["es"].content)
    for name, html in spanish_pages(client).items():
        assert html_lang(html) == "es", name
        assert english_leftovers(html, "es", english) == [], name


def test_the_leftover_check_finds_the_contents_english_on_an_english_result(client, app):
    """...and it can fail on content: an English result is full of the content's English."""
    quiz = app.extensions["quiz"]
    english = content_texts(quiz.content) - content_texts(quiz.languages["es"].content)
    _, result = walk(client, CARE_LEVEL_CASES["emergency"])
    found = set(english_leftovers(html_of(result), "es", english))
    assert {"Call 911 now", "you have numbness around your genitals or buttocks", "When to see a %(doctor)s",
            "Your twitching explained"} <= found


@pytest.mark.parametrize("level", CARE_LEVEL_CASES)
def test_a_walk_in_spanish_reaches_each_care_levels_result_in_spanish(client, level):
    pages, result = walk(client, CARE_LEVEL_CASES[level], lang="es")
    html = html_of(result)
    check_page(html)
    assert html_lang(html) == "es" and h1(html) == "Sus espasmos, explicados"
    assert all(html_lang(html_of(page)) == "es" for _, page in pages)
    care_headings = {"emergency": "Llame al 911", "urgent": "Llame hoy a su médico, o vaya a un centro de atención de urgencias",
                     "non-urgent": "Pida una cita con su médico", "self-care": "Por ahora, cuídese en casa"}
    heading = re.search(r'<h2 class="tq-care-card__heading">(.*?)</h2>', html, re.S).group(1)
    assert care_headings[level] in re.sub(r"<[^>]+>", "", heading)
    assert ">Fuentes</h2>" in html and "(en inglés)" in html
    if level == "emergency":
        interruption = html_of(dict(pages)["interruption"])
        assert h1(interruption) == "Busque ayuda ahora"
        assert '<a class="tq-call" href="tel:911">Llame al 911</a>' in interruption
        assert "Como nos dijo que tiene entumecimiento alrededor de los genitales o las nalgas, necesita ayuda ahora." in html


def test_a_quote_in_spanish_is_marked_as_a_translation_with_the_english_one_tap_away(client, app):
    _, result = walk(client, CARE_LEVEL_CASES["self-care"], lang="es")
    html = html_of(result)
    quiz = app.extensions["quiz"]
    quote = quiz.languages["es"].content.quotes["peripheral"]
    assert f"<p>“{quote.text}”</p>" in html
    figure = html[html.index(quote.text):]
    assert figure.index("(traducción)") < figure.index("</figcaption>")
    original = re.search(r'<details class="tq-details tq-quote__original">\s*<summary[^>]*>Ver la cita original en inglés</summary>'
                         r'\s*<blockquote class="tq-details__text" lang="en"><p>“(.*?)”</p>', figure)
    assert original and unescape(original.group(1)) == quiz.content.quotes["peripheral"].text  # the verbatim English


def test_spanish_sources_are_cited_in_spanish_and_the_others_marked_english(client):
    _, result = walk(client, CARE_LEVEL_CASES["emergency"], lang="es")
    html = html_of(result)
    sources = html[html.index('<ol class="tq-sources">'):]
    assert ('<a href="https://medlineplus.gov/spanish/ency/article/001927.htm" hreflang="es"' in sources)  # the US emergency signs
    assert re.search(r'hreflang="en" rel="noopener noreferrer" target="_blank"><span lang="en">Back pain</span>', sources)
    assert "</a> (en inglés). <span lang=\"en\">NHS</span>." in sources


def test_the_leftover_check_finds_english_on_an_english_page(client):
    """The check above can fail: on the English pages it finds the English strings."""
    pages, _ = walk(client, CARE_LEVEL_CASES["non-urgent"])
    found = english_leftovers(html_of(pages[1][1]), "es")
    assert {"Continue", "Back", "Language"} <= set(found)


# --- the content in Spanish, when its file exists ----------------------------------------------


def app_with_spanish_content(tmp_path, edit) -> object:
    english = tmp_path / "twitching.toml"
    english.write_text(DEFAULT_CONTENT_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    content = create_app({"TESTING": True}).extensions["quiz"].content
    (tmp_path / "twitching.es.toml").write_text(edit(translation_template(content)), encoding="utf-8")
    return create_app({"TESTING": True, "CONTENT_PATH": str(english)})


def test_a_broken_spanish_content_file_stops_start_up_naming_file_item_and_language(tmp_path):
    with pytest.raises(ContentError) as caught:
        app_with_spanish_content(tmp_path, lambda text: text.replace('label = "None of these"', 'label = ""', 1))
    assert str(caught.value) == (
        f"{tmp_path / 'twitching.es.toml'}: question 'emergency_now', option 'none' (language 'es'): 'label' is missing or empty")


SPANISH_CONTENT = DEFAULT_CONTENT_PATH.with_name("twitching.es.toml")


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        # missing: a weight's reason, a warning sign's summary phrase
        ('"caffeine.five_plus" = "Toma 5 tazas de café o más al día"\n', "",
         "cause 'caffeine', reason 'caffeine.five_plus' (language 'es'): missing translation"),
        ('summary = "tiene dolor en el pecho"\n', "", "red flag 'chest_pain' (language 'es'): 'summary' is missing or empty"),
        # empty: a region's care wording, a quote
        ('emergency_heading = "Llame al 911 ahora"', 'emergency_heading = " "',
         "region 'us' (language 'es'): 'emergency_heading' is missing or empty"),
        ('text = "Pueden ser idiopáticos, es decir, sin una causa clara."', 'text = ""',
         "quote 'idiopathic' (language 'es'): 'text' is missing or empty"),
        # for an id the English file does not have
        ("[regions.us]", '[sections.glossary]\ntitle = "Glosario"\n\n[regions.us]',
         "[sections.glossary] (language 'es'): no such item in the English file"),
    ],
)
def test_the_real_spanish_file_broken_stops_start_up_with_one_line(tmp_path, old, new, where):
    english = tmp_path / "twitching.toml"
    english.write_text(DEFAULT_CONTENT_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    text = SPANISH_CONTENT.read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "twitching.es.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        create_app({"TESTING": True, "CONTENT_PATH": str(english)})
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{tmp_path / 'twitching.es.toml'}: ")
    assert where in message, message


def test_spanish_pages_show_the_spanish_content_and_its_error_messages(tmp_path):
    def translate(text):
        text = text.replace('text = "Do you have any of these right now?"', 'text = "¿Tiene alguno de estos síntomas ahora?"')
        return text.replace('label = "None of these"', 'label = "Ninguno de estos"', 1)

    client = app_with_spanish_content(tmp_path, translate).test_client(use_cookies=False)
    spanish = html_of(client.get("/quiz?lang=es"))
    assert h1(spanish) == "¿Tiene alguno de estos síntomas ahora?"
    assert ">Ninguno de estos</label>" in spanish
    assert h1(html_of(client.get("/quiz?lang=en"))) == "Do you have any of these right now?"
    # the form of the Spanish page validates with the Spanish content's forms
    error = html_of(client.post("/quiz?lang=es", data={"current": "emergency_now", "action": "continue"}))
    assert h1(error) == "¿Tiene alguno de estos síntomas ahora?" and ">Hay un problema</h2>" in error


# --- the publisher page: its own language (`hl`), apart from the snippet's (`lang`) -------------

ENGLISH_TITLE = "Muscle twitching quiz"
SPANISH_TITLE = "Cuestionario sobre espasmos musculares"


def texts_outside_code(html: str) -> set[str]:
    """The page's words outside code (markup, attribute and event names are the same in any language)."""
    texts = visible_texts(html, skipped=("script", "style", "code", "pre"))
    return {text for text in texts if sum(c.isalpha() for c in text) >= 4}


@pytest.mark.parametrize("query", ["", "?accent=%23ffff00&lang=es", "?accent=blue&region=uk"])
def test_the_publisher_page_in_spanish_shares_no_words_with_the_english_one(client, query):
    """Whether the browser or the switch asked for Spanish: every text outside code differs from the
    English page's (the low-contrast warning and the accent error included), but two names and
    "Error:", the same word in both."""
    english = html_of(client.get("/embed" + query, headers={"Accept-Language": "en"}))
    joiner = "&" if query else "?"
    for response in (client.get("/embed" + query, headers={"Accept-Language": "es"}),
                     client.get("/embed" + query + joiner + "hl=es", headers={"Accept-Language": "en"})):
        html = html_of(response)
        check_page(html)
        assert html_lang(html) == "es" and h1(html) == "Añada el cuestionario sobre espasmos a su sitio"
        assert english_leftovers(html, "es") == []
        same = {"Español", "WordPress"} | ({"Error:"} if "blue" in query else set())
        assert texts_outside_code(html) & texts_outside_code(english) == same
        # The words static/js/publisher.js shows when a snippet is copied, or selected to copy.
        assert set(re.findall(r'data-(?:done|selected)="([^"]+)"', html)) == {
            "Copiado", "Copiado en su portapapeles.", "Seleccionado. Cópielo con Ctrl+C, o Cmd+C en un Mac."}
    if "ffff00" in query:
        assert "su contraste es de 1,1 a 1, y los enlaces necesitan al menos 4,5 a 1" in html  # numbers as Spanish writes them
    if "blue" in query:
        assert "Escriba el color de acento como código hexadecimal" in html and "Reino Unido (999)" in html


def test_the_publisher_pages_switch_keeps_the_snippet_and_changes_only_the_page(client):
    html = html_of(client.get("/embed?region=uk&lang=en&compact=1&host=https://x.example"))
    link = re.search(r'<a class="tq-language__link" href="([^"]+)" hreflang="es" lang="es">Español</a>', html)
    target = unescape(link.group(1))
    assert parse_qs(urlsplit(target).query) == {"region": ["uk"], "compact": ["1"], "lang": ["en"], "hl": ["es"]}
    spanish = html_of(client.get(target))
    assert html_lang(spanish) == "es"
    assert '<input type="hidden" name="hl" value="es">' in spanish  # kept when the snippet is updated
    assert 'id="lang-en" name="lang" type="radio" value="en" checked' in spanish  # the quiz stays English
    assert "data-lang=&#34;en&#34;" in spanish
    # Without a choice made with the switch, the form pins nothing: the browser decides.
    assert 'name="hl"' not in html_of(client.get("/embed", headers={"Accept-Language": "es"}))


@pytest.mark.parametrize(
    ("query", "accept", "title"),
    [
        ("", "en", ENGLISH_TITLE),
        ("?lang=es", "en", SPANISH_TITLE),  # the quiz's language, when fixed
        ("", "es", SPANISH_TITLE),  # else the publisher's page's, likely their article's
        ("?lang=en", "es", ENGLISH_TITLE),
    ],
)
def test_the_frame_title_is_in_the_quizs_language_else_the_publishers(client, query, accept, title):
    html = html_of(client.get("/embed" + query, headers={"Accept-Language": accept}))
    code = {name: unescape(text) for name, text in re.findall(r'<code id="([a-z-]+)">(.*?)</code>', html, re.S)}
    assert f'title="{title}"' in code["plain-snippet"]
    # The loader's own default title is the English one: it is named only when it differs.
    assert ('data-title="' in code["loader-snippet"]) == (title != ENGLISH_TITLE)
    assert title == ENGLISH_TITLE or f'data-title="{title}"' in code["loader-snippet"]

