"""The content in another language: a sibling file per language, checked against the English file.

`quiz/content/twitching.es.toml` holds the Spanish words for `quiz/content/twitching.toml`, and only
the words: every id, rule, weight and number stays in the English file, so a translator cannot
break the quiz's logic and an editor changes it in one place. Each item is a table named by its id,
in the English file's order, with the same field names:

    [questions.where]
    text = "¿Dónde siente los espasmos?"
    short = "Dónde"
    error = "Seleccione dónde siente los espasmos"

    [questions.where.options.back_upper]
    label = "Parte superior de la espalda"

    [causes.caffeine]
    title = "Demasiada cafeína"
    explanation = ["…", "…"]  # one text per English text passage, in order (quotes come from [quotes])
    reasons = { "caffeine.five_plus" = "Usted toma 5 tazas de café o más al día" }  # one per weight

    [sources.nhs_twitching]
    in_english = true  # no page in this language: shown with its English title, marked as English

`translation_template()` writes that file with the English words in place, ready to translate.
Every text the English file has must be translated (not empty), and nothing else: a missing
translation, or one for an id or field the English file does not have, stops start-up with one
line naming the file, the item and the language.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import replace
from pathlib import Path

from .content import Content, Passage, RedFlag, Weight, _Reader

# What a visitor reads, per kind of item: the fields a translation must give.
QUESTION_FIELDS = ("text", "short", "hint", "error")
OPTION_FIELDS = ("label", "hint")
CAUSE_FIELDS = ("title",)
RED_FLAG_FIELDS = ("card_text", "summary", "reason")
SECTION_FIELDS = ("title",)
REGION_FIELDS = ("name", "emergency_heading", "urgent_heading", "non_urgent_heading", "doctor")
SPEAKER_FIELDS = ("role",)
QUOTE_FIELDS = ("text",)
SOURCE_FIELDS = ("title", "publisher", "url", "author", "note")
KINDS = ("sources", "speakers", "quotes", "questions", "causes", "red_flags", "sections", "regions")


def translation_path(content_path: Path | str, language: str) -> Path:
    """quiz/content/twitching.toml -> quiz/content/twitching.es.toml"""
    path = Path(content_path)
    return path.with_name(f"{path.stem}.{language}{path.suffix}")


def load_languages(content: Content, languages: tuple[str, ...]) -> dict[str, Content]:
    """The content in each language whose file exists beside the English one (English always)."""
    contents = {"en": content}
    for language in languages:
        path = translation_path(content.path, language)
        if language != "en" and path.exists():
            contents[language] = load_translation(content, path, language)
    return contents


def load_translation(content: Content, path: Path | str, language: str) -> Content:
    """`content` with every text a visitor reads in `language`, from the file at `path`."""
    path = Path(path)
    reader = _Reader(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise reader.fail(f"language '{language}'", "file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise reader.fail(f"language '{language}'", f"not valid TOML: {error}") from None
    words = _Translation(reader, language, raw)

    questions = []
    for question in content.questions:
        data, item = words.item("questions", question.id, "question")
        options_raw = reader.table(data.pop("options", {}), f"{item}, options ({words.tag})")
        options = tuple(
            words.fields(option, words.child(options_raw, question.option_ids, option.id, f"{item}, option '{option.id}'"),
                         f"{item}, option '{option.id}'", OPTION_FIELDS)
            for option in question.options
        )
        questions.append(replace(words.fields(question, data, item, QUESTION_FIELDS), options=options))

    causes = []
    for cause in content.causes:
        data, item = words.item("causes", cause.id, "cause")
        explanation = words.passages(data, "explanation", cause.explanation, item)
        self_care = words.passages(data, "self_care", cause.self_care, item)
        weights = words.reasons(data, cause.weights, item)
        causes.append(replace(words.fields(cause, data, item, CAUSE_FIELDS), explanation=explanation, self_care=self_care,
                              weights=weights))

    sections = []
    for section in content.sections:
        data, item = words.item("sections", section.id, "section")
        passages = words.passages(data, "passages", section.passages, item)
        sections.append(replace(words.fields(section, data, item, SECTION_FIELDS), passages=passages))

    sources = {}
    for source_id, source in content.sources.items():
        data, item = words.item("sources", source_id, "source")
        if data.pop("in_english", False) is True:  # no page in this language: the English one, marked
            sources[source_id] = words.fields(source, data, item, ("note",))
            continue
        # A page in this language: named by its own title and address (else in_english = true).
        translated = words.fields(source, data, item, SOURCE_FIELDS, optional=("author",), required=("title", "url"))
        if not translated.url.startswith("https://"):
            raise words.fail(item, "'url' must be the https:// address of the page in this language")
        sources[source_id] = replace(translated, language=language)

    quotes = {}
    for quote_id, quote in content.quotes.items():
        data, item = words.item("quotes", quote_id, "quote")
        quotes[quote_id] = replace(words.fields(quote, data, item, QUOTE_FIELDS), original=quote.text)

    translated = replace(
        content,
        questions=tuple(questions),
        causes=tuple(causes),
        sections=tuple(sections),
        red_flags=tuple(words.red_flag(flag) for flag in content.red_flags),
        regions={i: words.fields(r, *words.item("regions", i, "region"), REGION_FIELDS) for i, r in content.regions.items()},
        speakers={i: words.fields(s, *words.item("speakers", i, "speaker"), SPEAKER_FIELDS) for i, s in content.speakers.items()},
        quotes=quotes,
        sources=sources,
    )
    words.check_all_used(content)
    return translated


class _Translation:
    """Reads one language file, naming the file, the item and the language in every error."""

    def __init__(self, reader: _Reader, language: str, raw: dict):
        self.reader, self.language, self.tag = reader, language, f"language '{language}'"
        reader.unknown_keys(raw, set(KINDS), f"file ({self.tag})")
        self.raw = {kind: reader.table(raw.get(kind, {}), f"[{kind}] ({self.tag})") for kind in KINDS}

    def fail(self, item: str, problem: str):
        return self.reader.fail(f"{item} ({self.tag})", problem)

    def item(self, kind: str, item_id: str, name: str) -> tuple[dict, str]:
        """The table translating one item (a copy, so fields can be popped), and its name for errors."""
        item = f"{name} '{item_id}'"
        if item_id not in self.raw[kind]:
            raise self.fail(item, f"missing translation: add [{kind}.{item_id}]")
        return dict(self.reader.table(self.raw[kind][item_id], f"{item} ({self.tag})")), item

    def child(self, tables: dict, known_ids: tuple[str, ...], child_id: str, item: str) -> dict:
        unknown = sorted(set(tables) - set(known_ids))
        if unknown:
            raise self.fail(f"{item.rsplit(',', 1)[0]}, option '{unknown[0]}'", "no such option in the English file")
        if child_id not in tables:
            raise self.fail(item, "missing translation")
        return dict(self.reader.table(tables[child_id], f"{item} ({self.tag})"))

    def fields(self, english, data: dict, item: str, names: tuple[str, ...],
               optional: tuple[str, ...] = (), required: tuple[str, ...] = ()):
        """`english` with the texts of `names` from `data`: each one the English item has (or in
        `required`) must be there and not empty, one in `optional` may be, and any other is refused
        (nothing to translate)."""
        self.reader.unknown_keys(data, set(names), f"{item} ({self.tag})")
        values = {}
        for name in names:
            if getattr(english, name) or name in optional or name in required:
                values[name] = self.reader.text(data, name, f"{item} ({self.tag})", required=name not in optional)
            elif name in data:
                raise self.fail(item, f"'{name}': the English item has none to translate")
        return replace(english, **values)

    def passages(self, data: dict, key: str, english: tuple[Passage, ...], item: str) -> tuple[Passage, ...]:
        """One text per English text passage, in order; quote passages stay (quotes are translated
        once, under [quotes])."""
        texts = data.pop(key, [])
        wanted = sum(1 for passage in english if not passage.quote)
        if not isinstance(texts, list) or len(texts) != wanted:
            got = len(texts) if isinstance(texts, list) else "no list"
            raise self.fail(item, f"'{key}' needs {wanted} texts, one per English text passage in order (got {got})")
        read = iter(self.reader.text({key: text}, key, f"{item}, {key}[{index}] ({self.tag})") for index, text in enumerate(texts))
        return tuple(passage if passage.quote else replace(passage, text=next(read)) for passage in english)

    def reasons(self, data: dict, english: tuple[Weight, ...], item: str) -> tuple[Weight, ...]:
        """`reasons = { "question.option" = "..." }`: the sentence of each weight, keyed by its answer.
        As in English it is shown alone and inside the summary ("... that <reason>."): no full stop."""
        texts = self.reader.table(data.pop("reasons", {}), f"{item}, reasons ({self.tag})")
        answers = [f"{weight.question}.{weight.option}" for weight in english]
        unknown = sorted(set(texts) - set(answers))
        if unknown:
            raise self.fail(f"{item}, reason '{unknown[0]}'", "no such weight in the English file")
        translated = []
        for answer, weight in zip(answers, english):
            where = f"{item}, reason '{answer}'"
            if answer not in texts:
                raise self.fail(where, f"missing translation: add \"{answer}\" to 'reasons'")
            reason = self.reader.text(texts, answer, f"{where} ({self.tag})")
            if reason.endswith("."):
                raise self.fail(where, "no full stop at the end: the summary puts the sentence inside its own")
            translated.append(replace(weight, reason=reason))
        return tuple(translated)

    def red_flag(self, english: RedFlag) -> RedFlag:
        data, item = self.item("red_flags", english.id, "red flag")
        flag = self.fields(english, data, item, RED_FLAG_FIELDS)
        if not flag.summary[0].islower():  # it completes the summary's "Because you told us ..."
            raise self.fail(item, "'summary' completes the summary's first sentence, so it must start in lower case")
        return flag

    def check_all_used(self, content: Content) -> None:
        """A translation for an id the English file does not have is an error, not ignored."""
        known = {
            "sources": content.sources, "speakers": content.speakers, "quotes": content.quotes,
            "questions": content.questions_by_id, "causes": {c.id for c in content.causes},
            "red_flags": {f.id for f in content.red_flags}, "sections": {s.id for s in content.sections},
            "regions": content.regions,
        }
        for kind in KINDS:
            for item_id in self.raw[kind]:
                if item_id not in known[kind]:
                    raise self.fail(f"[{kind}.{item_id}]", "no such item in the English file")


def translation_template(content: Content) -> str:
    """A new language's file with every English text in place, for a translator to overwrite."""

    def text(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string

    def block(header: str, item, names: tuple[str, ...]) -> list[str]:
        return [f"[{header}]"] + [f"{name} = {text(getattr(item, name))}" for name in names if getattr(item, name)] + [""]

    def passage_list(key: str, passages: tuple[Passage, ...]) -> list[str]:
        texts = [p.text for p in passages if not p.quote]
        return [f"{key} = ["] + [f"    {text(t)}," for t in texts] + ["]"] if texts else []

    lines = [
        f"# Translation of {Path(content.path).name}: replace each English text; keep every [header] and key.",
        "# A source stays in English (in_english = true) unless a page in this language exists: then",
        "# replace in_english with that page's title, publisher and https:// url.",
        "",
    ]
    for source_id, source in content.sources.items():
        lines += [f"# English: {source.title}" + (f" ({source.url})" if source.url else "")]
        lines += [f"[sources.{source_id}]", "in_english = true"] + ([f"note = {text(source.note)}"] if source.note else []) + [""]
    for speaker_id, speaker in content.speakers.items():
        lines += block(f"speakers.{speaker_id}", speaker, SPEAKER_FIELDS)
    for quote_id, quote in content.quotes.items():
        lines += block(f"quotes.{quote_id}", quote, QUOTE_FIELDS)
    for question in content.questions:
        lines += block(f"questions.{question.id}", question, QUESTION_FIELDS)
        for option in question.options:
            lines += block(f"questions.{question.id}.options.{option.id}", option, OPTION_FIELDS)
    for cause in content.causes:
        body = block(f"causes.{cause.id}", cause, CAUSE_FIELDS)
        lines += body[:-1] + passage_list("explanation", cause.explanation) + passage_list("self_care", cause.self_care) + [""]
        if cause.weights:  # one sentence per weight, keyed by its answer
            lines += [f"[causes.{cause.id}.reasons]"]
            lines += [f"{text(f'{w.question}.{w.option}')} = {text(w.reason)}" for w in cause.weights] + [""]
    for flag in content.red_flags:
        lines += block(f"red_flags.{flag.id}", flag, RED_FLAG_FIELDS)
    for section in content.sections:
        lines += block(f"sections.{section.id}", section, SECTION_FIELDS)[:-1] + passage_list("passages", section.passages) + [""]
    for region_id, region in content.regions.items():
        lines += block(f"regions.{region_id}", region, REGION_FIELDS)
    return "\n".join(lines)
