"""The content in another language: the sibling file's loading and validation
(quiz/domain/translations.py), against a small English content file made here."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from quiz.domain.content import ContentError, load_content
from quiz.domain.translations import load_languages, load_translation, translation_path, translation_template

ENGLISH = """
[[sources]]
id = "article"
title = "Article on twitching back muscles"
note = "The source article."

[[sources]]
id = "medlineplus"
title = "Muscle twitching"
publisher = "MedlinePlus"
url = "https://medlineplus.gov/ency/article/003296.htm"

[[speakers]]
id = "williams"
name = "Mitzi J. Williams, MD"
role = "clinical neurologist"
source = "article"

[[quotes]]
id = "idiopathic"
speaker = "williams"
text = "They can be idiopathic, meaning there is no clear cause."

[[questions]]
id = "where"
text = "Where do you feel the twitching?"
short = "Where"
type = "single"
error = "Select where you feel the twitching"
options = [
  { id = "back", label = "Back", hint = "Upper or lower" },
  { id = "calf", label = "Calf" },
]

[[questions]]
id = "coffee"
text = "How much coffee do you drink?"
short = "Coffee"
hint = "Cups a day."
type = "single"
error = "Select how much coffee you drink"
options = [{ id = "lots", label = "5 cups or more" }, { id = "little", label = "Less" }]

[[causes]]
id = "caffeine"
title = "Too much caffeine"
explanation = [{ text = "Caffeine can make muscles twitch.", source = "medlineplus" }, { quote = "idiopathic" }]
quotes = ["idiopathic"]
self_care = [{ text = "Cut down slowly.", source = "medlineplus" }]
weights = [{ answer = "coffee.lots", points = 3, reason = "You drink 5 cups of coffee or more a day" }]

[[causes]]
id = "unknown"
title = "No clear cause"
explanation = [{ quote = "idiopathic" }]
quotes = ["idiopathic"]
fallback = true

[[red_flags]]
id = "weakness"
level = "urgent"
card_text = "your calf is getting weaker"
summary = "your calf is getting weaker"
reason = "Weakness needs a doctor to look at it."
source = "medlineplus"
when = [{ question = "where", any_of = ["calf"] }]

[[sections]]
id = "back"
title = "About your back"
passages = [{ text = "The back is a big group of muscles.", source = "article" }]

[[regions]]
id = "us"
name = "United States"
emergency_number = "911"
emergency_heading = "Call 911 now"
urgent_heading = "See a doctor today"
non_urgent_heading = "Book a doctor's appointment"
doctor = "doctor"
"""

SPANISH = """
[sources.article]
in_english = true
note = "El artículo de origen."

[sources.medlineplus]
title = "Espasmos musculares"
publisher = "MedlinePlus en español"
url = "https://medlineplus.gov/spanish/ency/article/003296.htm"

[speakers.williams]
role = "neuróloga clínica"

[quotes.idiopathic]
text = "Pueden ser idiopáticos, es decir, sin una causa clara."

[questions.where]
text = "¿Dónde siente los espasmos?"
short = "Dónde"
error = "Seleccione dónde siente los espasmos"

[questions.where.options.back]
label = "Espalda"
hint = "Parte superior o inferior"

[questions.where.options.calf]
label = "Pantorrilla"

[questions.coffee]
text = "¿Cuánto café toma?"
short = "Café"
hint = "Tazas al día."
error = "Seleccione cuánto café toma"

[questions.coffee.options.lots]
label = "5 tazas o más"

[questions.coffee.options.little]
label = "Menos"

[causes.caffeine]
title = "Demasiada cafeína"
explanation = ["La cafeína puede causar espasmos musculares."]
self_care = ["Redúzcala poco a poco."]

[causes.caffeine.reasons]
"coffee.lots" = "Usted toma 5 tazas de café o más al día"

[causes.unknown]
title = "Sin una causa clara"

[red_flags.weakness]
card_text = "su pantorrilla está cada vez más débil"
summary = "su pantorrilla se debilita"
reason = "La debilidad debe revisarla un médico."

[sections.back]
title = "Sobre su espalda"
passages = ["La espalda es un grupo grande de músculos."]

[regions.us]
name = "Estados Unidos"
emergency_heading = "Llame al 911 ahora"
urgent_heading = "Vea a un médico hoy"
non_urgent_heading = "Pida una cita con su médico"
doctor = "médico"
"""


@pytest.fixture
def english(tmp_path):
    path = tmp_path / "twitching.toml"
    path.write_text(ENGLISH, encoding="utf-8")
    return load_content(path)


def spanish_file(english, text: str = SPANISH) -> Path:
    path = translation_path(english.path, "es")
    path.write_text(text, encoding="utf-8")
    return path


def load_error(english, text: str) -> str:
    with pytest.raises(ContentError) as caught:
        load_translation(english, spanish_file(english, text), "es")
    message = str(caught.value)
    assert "\n" not in message  # one line, for a start-up that stops with it
    assert message.startswith(f"{translation_path(english.path, 'es')}: ")  # names the file
    assert "language 'es'" in message  # and the language
    return message


def without(text: str, line: str) -> str:
    assert line in text
    return text.replace(line, "")


def test_the_sibling_file_is_named_after_the_language(english):
    assert translation_path(english.path, "es").name == "twitching.es.toml"


def test_every_text_a_visitor_reads_comes_from_the_translation(english):
    spanish = load_translation(english, spanish_file(english), "es")
    where, coffee = spanish.questions
    assert (where.text, where.short, where.error) == ("¿Dónde siente los espasmos?", "Dónde", "Seleccione dónde siente los espasmos")
    assert [(o.label, o.hint) for o in where.options] == [("Espalda", "Parte superior o inferior"), ("Pantorrilla", "")]
    assert coffee.hint == "Tazas al día."
    assert spanish.questions_by_id["coffee"] is coffee  # lookups lead to the translated items
    caffeine = spanish.causes[0]
    assert caffeine.title == "Demasiada cafeína"
    assert [p.text or p.quote for p in caffeine.explanation] == ["La cafeína puede causar espasmos musculares.", "idiopathic"]
    assert caffeine.self_care[0].text == "Redúzcala poco a poco."
    assert caffeine.weights[0].reason == "Usted toma 5 tazas de café o más al día"
    flag = spanish.red_flags[0]
    assert (flag.card_text, flag.summary, flag.reason) == (
        "su pantorrilla está cada vez más débil", "su pantorrilla se debilita", "La debilidad debe revisarla un médico.")
    assert spanish.sections[0].passages[0].text == "La espalda es un grupo grande de músculos."
    assert spanish.regions["us"].care_headings["emergency"] == "Llame al 911 ahora"
    assert spanish.regions["us"].emergency_number == "911"
    assert spanish.speakers["williams"].role == "neuróloga clínica"


def test_logic_stays_in_the_english_file(english):
    spanish = load_translation(english, spanish_file(english), "es")
    assert [q.id for q in spanish.questions] == [q.id for q in english.questions]
    assert [(w.question, w.option, w.points) for w in spanish.causes[0].weights] == [
        (w.question, w.option, w.points) for w in english.causes[0].weights]
    assert spanish.red_flags[0].when == english.red_flags[0].when
    assert spanish.causes[0].explanation[0].source == "medlineplus"


def test_a_translated_quote_keeps_the_verbatim_english(english):
    quote = load_translation(english, spanish_file(english), "es").quotes["idiopathic"]
    assert quote.text == "Pueden ser idiopáticos, es decir, sin una causa clara."
    assert quote.original == english.quotes["idiopathic"].text
    assert english.quotes["idiopathic"].original == ""  # the English content is not a translation


def test_a_source_is_in_the_language_of_its_page(english):
    spanish = load_translation(english, spanish_file(english), "es")
    medline = spanish.sources["medlineplus"]
    assert (medline.title, medline.url, medline.language) == (
        "Espasmos musculares", "https://medlineplus.gov/spanish/ency/article/003296.htm", "es")
    article = spanish.sources["article"]  # no Spanish page: the English one, to be marked "(en inglés)"
    assert (article.title, article.language, article.note) == ("Article on twitching back muscles", "en", "El artículo de origen.")


def test_the_template_has_every_key_and_loads_as_a_translation(english):
    template = translation_template(english)
    raw = tomllib.loads(template)
    assert set(raw["questions"]) == {"where", "coffee"}
    assert set(raw["questions"]["where"]["options"]) == {"back", "calf"}
    assert raw["causes"]["caffeine"]["explanation"] == ["Caffeine can make muscles twitch."]  # quotes are under [quotes]
    assert raw["sources"]["medlineplus"] == {"in_english": True}
    assert raw["causes"]["caffeine"]["reasons"] == {"coffee.lots": "You drink 5 cups of coffee or more a day"}
    assert raw["red_flags"]["weakness"]["summary"] == "your calf is getting weaker"
    loaded = load_translation(english, spanish_file(english, template), "es")
    assert loaded.questions == english.questions


def test_the_template_of_the_real_content_loads_as_a_translation(tmp_path):
    real = load_content()
    path = tmp_path / "twitching.es.toml"
    path.write_text(translation_template(real), encoding="utf-8")
    assert load_translation(real, path, "es").causes == real.causes


def test_languages_without_a_file_are_not_loaded(english):
    assert set(load_languages(english, ("en", "es"))) == {"en"}
    spanish_file(english)
    languages = load_languages(english, ("en", "es"))
    assert languages["en"] is english
    assert languages["es"].questions[0].text == "¿Dónde siente los espasmos?"


@pytest.mark.parametrize(
    ("change", "item", "problem"),
    [
        # a missing translation
        (lambda t: without(t, '[questions.coffee.options.little]\nlabel = "Menos"\n'),
         "question 'coffee', option 'little'", "missing translation"),
        (lambda t: t.replace("[causes.unknown]", "[causes.unknown_cause]"),
         "cause 'unknown'", "missing translation: add [causes.unknown]"),
        (lambda t: without(t, 'short = "Café"\n'), "question 'coffee'", "'short' is missing or empty"),
        (lambda t: without(t, 'hint = "Parte superior o inferior"\n'), "question 'where', option 'back'", "'hint' is missing or empty"),
        (lambda t: without(t, '[sources.article]\nin_english = true\nnote = "El artículo de origen."\n'),
         "source 'article'", "missing translation"),
        (lambda t: without(t, 'self_care = ["Redúzcala poco a poco."]\n'), "cause 'caffeine'", "'self_care' needs 1 texts"),
        (lambda t: without(t, '"coffee.lots" = "Usted toma 5 tazas de café o más al día"\n'),
         "cause 'caffeine', reason 'coffee.lots'", 'missing translation: add "coffee.lots"'),
        (lambda t: without(t, 'summary = "su pantorrilla se debilita"\n'), "red flag 'weakness'", "'summary' is missing or empty"),
        # an empty one
        (lambda t: t.replace('label = "Pantorrilla"', 'label = "  "'), "question 'where', option 'calf'", "'label' is missing or empty"),
        (lambda t: t.replace('emergency_heading = "Llame al 911 ahora"', 'emergency_heading = ""'),
         "region 'us'", "'emergency_heading' is missing or empty"),
        (lambda t: t.replace('passages = ["La espalda es un grupo grande de músculos."]', 'passages = [""]'),
         "section 'back', passages[0]", "'passages' is missing or empty"),
        # one for something the English file does not have
        (lambda t: t + '\n[questions.age]\ntext = "¿Qué edad tiene?"\n', "[questions.age]", "no such item in the English file"),
        (lambda t: t + '\n[questions.where.options.eyelid]\nlabel = "Párpado"\n',
         "question 'where', option 'eyelid'", "no such option in the English file"),
        (lambda t: t.replace('label = "Pantorrilla"', 'label = "Pantorrilla"\nhint = "Detrás"'),
         "question 'where', option 'calf'", "'hint': the English item has none to translate"),
        (lambda t: t.replace('title = "Demasiada cafeína"', 'title = "Demasiada cafeína"\nweights = { "coffee.lots" = 9 }'),
         "cause 'caffeine'", "unknown field(s): weights"),
        (lambda t: t.replace('[sections.back]\ntitle = "Sobre su espalda"', '[sections.back]\ntitle = "Sobre su espalda"\nsubtitle = "x"'),
         "section 'back'", "unknown field(s): subtitle"),
        (lambda t: t + '\n[glossary.twitch]\ntext = "espasmo"\n', "file", "unknown field(s): glossary"),
        (lambda t: t.replace('"coffee.lots" = "Usted', '"coffee.little" = "Poco"\n"coffee.lots" = "Usted'),
         "cause 'caffeine', reason 'coffee.little'", "no such weight in the English file"),
        # the sentences the summary builds on keep their shape
        (lambda t: t.replace('o más al día"', 'o más al día."'), "cause 'caffeine', reason 'coffee.lots'", "no full stop at the end"),
        (lambda t: t.replace('summary = "su pantorrilla', 'summary = "Su pantorrilla'), "red flag 'weakness'", "must start in lower case"),
        # a source in the visitor's language is named by title and address
        (lambda t: without(t, 'url = "https://medlineplus.gov/spanish/ency/article/003296.htm"\n'),
         "source 'medlineplus'", "'url' is missing or empty"),
        (lambda t: t.replace("https://medlineplus.gov/spanish", "medlineplus.gov/spanish"),
         "source 'medlineplus'", "'url' must be the https:// address"),
        (lambda t: t.replace("[sources.medlineplus]", "[sources.medlineplus]\nin_english = true"),
         "source 'medlineplus'", "unknown field(s)"),
        # a file that cannot be read
        (lambda t: t + "\n[questions.where\n", "language 'es'", "not valid TOML"),
    ],
)
def test_a_problem_stops_with_one_line_naming_the_file_item_and_language(english, change, item, problem):
    message = load_error(english, change(SPANISH))
    assert f": {item} (language 'es'): " in message or f": {item}: " in message, message
    assert problem in message, message


def test_a_missing_file_is_named(english):
    with pytest.raises(ContentError, match=r"twitching\.es\.toml: language 'es': file not found"):
        load_translation(english, translation_path(english.path, "es"), "es")
