"""Load and validate the quiz content file into immutable objects.

The content file (TOML) is the single home of every question, option, branching rule, cause,
quote, self-care step, red flag, explainer section, region and source. It is read once at
start-up; any problem stops the app with a message naming the file, the item and the problem.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

DEFAULT_CONTENT_PATH = Path(__file__).parent.parent / "content" / "twitching.toml"

# Care levels from most to least urgent. The order is part of the safety logic, so it is code.
CARE_LEVELS = ("emergency", "urgent", "non-urgent", "self-care")
RED_FLAG_LEVELS = CARE_LEVELS[:3]
QUESTION_TYPES = ("single", "multiple")
ID_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,39}")  # matched in full: "id\n" is not an id
MAX_FILE_BYTES = 2 * 1024 * 1024  # the real file is about 60 KB; a bigger one is a mistake
CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class ContentError(Exception):
    """The content file is broken. The message names the file, the item and the problem."""

    def __init__(self, path: Path | str, item: str, problem: str):
        self.path, self.item, self.problem = str(path), item, problem
        super().__init__(f"{path}: {item}: {problem}")


@dataclass(frozen=True)
class Condition:
    """True when `question` was answered with any of `any_of`, or with at least `min_selected`."""

    question: str
    any_of: tuple[str, ...] = ()
    min_selected: int = 0

    def holds(self, answers: dict[str, tuple[str, ...]]) -> bool:
        chosen = answers.get(self.question, ())
        if self.any_of:
            for option in self.any_of:  # a loop, not any(): rules run ~100 times a request
                if option in chosen:
                    return True
            return False
        return len(chosen) >= self.min_selected


@dataclass(frozen=True)
class Rule:
    """A list of conditions joined by `match` ("all" or "any"). An empty rule always holds."""

    conditions: tuple[Condition, ...] = ()
    match: str = "all"

    def holds(self, answers: dict[str, tuple[str, ...]]) -> bool:
        if not self.conditions:
            return True
        wanted = self.match == "all"  # "all" stops at the first False, "any" at the first True
        for condition in self.conditions:
            if condition.holds(answers) != wanted:
                return not wanted
        return wanted

    @cached_property
    def questions(self) -> frozenset[str]:
        return frozenset(condition.question for condition in self.conditions)


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    hint: str = ""
    exclusive: bool = False  # "None of these": cannot be combined with another option


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    short: str  # the row label on "Check your answers" and in reasons
    type: str
    error: str  # GOV.UK style: "Select how long you have had the twitching"
    options: tuple[Option, ...]
    hint: str = ""
    enable_when: Rule = Rule()

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    url: str = ""
    author: str = ""
    note: str = ""
    language: str = "en"  # of the page at `url`; a translation may keep the English page (translations.py)


@dataclass(frozen=True)
class Speaker:
    id: str
    name: str
    role: str
    source: str


@dataclass(frozen=True)
class Quote:
    id: str
    speaker: str
    text: str
    original: str = ""  # the verbatim English words when `text` is a translation (translations.py)


@dataclass(frozen=True)
class Passage:
    """One sentence or short paragraph, either sourced text or a verbatim quote (by quote id)."""

    text: str = ""
    source: str = ""
    quote: str = ""


@dataclass(frozen=True)
class Weight:
    """One answer that points to a cause: how much, and the sentence that tells the visitor why."""

    question: str
    option: str
    points: int  # follows the dose: "5 or more cups" outweighs "some stress"
    reason: str  # about the visitor, starting "You" or "Your": "You drink 5 or more cups of coffee a day"


@dataclass(frozen=True)
class Cause:
    id: str
    title: str
    explanation: tuple[Passage, ...]
    quotes: tuple[str, ...]
    self_care: tuple[Passage, ...]
    weights: tuple[Weight, ...]
    fallback: bool = False  # the "no clear cause" entry, shown first when nothing else fits


def _applies(when: Rule, unless: Rule, answers: dict[str, tuple[str, ...]]) -> bool:
    """`when` holds and `unless` does not (an empty `unless` never blocks)."""
    return when.holds(answers) and not (unless.conditions and unless.holds(answers))


@dataclass(frozen=True)
class RedFlag:
    id: str
    level: str
    card_text: str  # completes the card heading: "Call 911 now if:" + "you are struggling to breathe"
    reason: str  # why it matters, shown on the interruption page and under the card
    source: str  # the default source
    when: Rule
    summary: str = ""  # completes "Because you told us ..." in the personal summary
    unless: Rule = Rule()
    regional_sources: tuple[tuple[str, str], ...] = ()  # (region id, source id) where a region has its own

    def applies(self, answers: dict[str, tuple[str, ...]]) -> bool:
        return _applies(self.when, self.unless, answers)

    def source_for(self, region: str) -> str:
        """The source to cite for a visitor in `region`: its own where one exists, else the default."""
        return next((source for region_id, source in self.regional_sources if region_id == region), self.source)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    passages: tuple[Passage, ...]
    when: Rule = Rule()
    unless: Rule = Rule()  # e.g. reassurance unless a warning sign was reported
    more: bool = False  # behind "More about ..." rather than in the short part of the result

    def applies(self, answers: dict[str, tuple[str, ...]]) -> bool:
        return _applies(self.when, self.unless, answers)


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    emergency_number: str
    emergency_heading: str
    urgent_heading: str
    non_urgent_heading: str
    doctor: str

    @cached_property
    def care_headings(self) -> dict[str, str]:
        """What to do at each red-flag care level: "Call 911 now", "Get help today" and so on."""
        return {"emergency": self.emergency_heading, "urgent": self.urgent_heading, "non-urgent": self.non_urgent_heading}


@dataclass(frozen=True)
class Content:
    path: str
    questions: tuple[Question, ...]
    causes: tuple[Cause, ...]
    red_flags: tuple[RedFlag, ...]
    sections: tuple[Section, ...]
    quotes: dict[str, Quote] = field(hash=False)
    speakers: dict[str, Speaker] = field(hash=False)
    sources: dict[str, Source] = field(hash=False)
    regions: dict[str, Region] = field(hash=False)
    questions_by_id: dict[str, Question] = field(hash=False, default_factory=dict)
    positions: dict[str, int] = field(hash=False, default_factory=dict)  # question id -> place in the file

    def __post_init__(self) -> None:
        object.__setattr__(self, "questions_by_id", {q.id: q for q in self.questions})
        object.__setattr__(self, "positions", {q.id: i for i, q in enumerate(self.questions)})

    @cached_property
    def red_flags_by_level(self) -> dict[str, tuple[RedFlag, ...]]:
        """The red flags of each care level, in file order."""
        return {level: tuple(flag for flag in self.red_flags if flag.level == level) for level in CARE_LEVELS}

    @cached_property
    def red_flags_by_urgency(self) -> tuple[RedFlag, ...]:
        """The red flags, most urgent level first, in file order within a level."""
        return tuple(flag for level in CARE_LEVELS for flag in self.red_flags_by_level[level])

    @cached_property
    def emergency_flags_by_question(self) -> dict[str, tuple[RedFlag, ...]]:
        """For each question, the emergency red flags that its answer takes part in."""
        emergency = self.red_flags_by_level["emergency"]
        return {question.id: tuple(f for f in emergency if question.id in f.when.questions) for question in self.questions}

    @cached_property
    def branching_questions(self) -> frozenset[str]:
        """The questions whose answers decide which others are asked."""
        return frozenset(asked for question in self.questions for asked in question.enable_when.questions)


# --------------------------------------------------------------------------------------------
# Parsing: each helper names the item it reads, so every error can say where it is.


class _Reader:
    def __init__(self, path: Path):
        self.path = path
        # The item and key read last, so that a value of a type no check expected (a table where
        # an id should be, say) still stops the app with the item's name, not a traceback.
        self.where: tuple[str, str] = ("file", "")

    def fail(self, item: str, problem: str) -> ContentError:
        return ContentError(self.path, item, problem)

    def unexpected(self, error: Exception) -> ContentError:
        item, key = self.where
        field = f"'{key}' has" if key else "has"
        return self.fail(item, f"{field} a value of the wrong type or shape ({type(error).__name__}: {_short(error)})")

    def table(self, data: Any, item: str) -> dict:
        self.where = (item, "")
        if not isinstance(data, dict):
            raise self.fail(item, "must be a table")
        return data

    def text(self, data: dict, key: str, item: str, required: bool = True) -> str:
        self.where = (item, key)
        value = data.get(key, "")
        if not isinstance(value, str):
            raise self.fail(item, f"'{key}' must be text")
        value = " ".join(value.split())
        if required and not value:
            raise self.fail(item, f"'{key}' is missing or empty")
        if CONTROL_CHARACTER.search(value):  # invisible on a page, and a NUL would break a page shell
            raise self.fail(item, f"'{key}' contains a control character")
        return value

    def items(self, data: dict, key: str, item: str, required: bool = True) -> list:
        self.where = (item, key)
        value = data.get(key, [])
        if not isinstance(value, list):
            raise self.fail(item, f"'{key}' must be a list")
        if required and not value:
            raise self.fail(item, f"'{key}' is missing or empty")
        return value

    def ident(self, data: dict, item: str, seen: set[str]) -> str:
        self.where = (item, "id")
        value = data.get("id")
        if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
            raise self.fail(item, f"'id' must be a lower-case letter, then up to 39 letters, digits or _ (got {_short(repr(value))})")
        if value in seen:
            raise self.fail(f"{item} '{value}'", "duplicate id: another item already uses it")
        seen.add(value)
        return value

    def unknown_keys(self, data: dict, allowed: set[str], item: str) -> None:
        self.where = (item, "")
        extra = sorted(set(data) - allowed)
        if extra:
            raise self.fail(item, f"unknown field(s): {_short(', '.join(extra))}")


def _short(value: Any, limit: int = 60) -> str:
    """A value or message quoted in an error: on one line, and short (a 5,000-digit number or a
    page of text would bury the message)."""
    text = value if isinstance(value, (str, BaseException)) else repr(value)
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit] + "..."


def load_content(path: Path | str = DEFAULT_CONTENT_PATH) -> Content:
    path = Path(path)
    reader = _Reader(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise reader.fail("file", f"larger than {MAX_FILE_BYTES // 1024 // 1024} MB")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise reader.fail("file", "not found") from None
    except IsADirectoryError:
        raise reader.fail("file", "is a directory, not a file") from None
    except OSError as error:
        raise reader.fail("file", f"cannot be read ({error.strerror or type(error).__name__})") from None
    except UnicodeDecodeError as error:
        raise reader.fail("file", f"not UTF-8 text ({_short(error)})") from None
    try:
        raw = tomllib.loads(text)
    except ValueError as error:  # TOMLDecodeError, or e.g. an integer of more than 4,300 digits
        raise reader.fail("file", f"not valid TOML: {_short(error, 120)}") from None
    except RecursionError:  # the parser recurses once per level of nested arrays or tables
        raise reader.fail("file", "arrays or tables nested too deeply") from None
    try:
        return _build(reader, raw, path)
    except (TypeError, ValueError, AttributeError, KeyError, RecursionError) as error:
        raise reader.unexpected(error) from None


def _build(reader: _Reader, raw: dict, path: Path) -> Content:
    reader.unknown_keys(
        raw, {"sources", "speakers", "quotes", "questions", "causes", "red_flags", "sections", "regions"}, "file"
    )

    sources = _parse_sources(reader, raw)
    speakers = _parse_speakers(reader, raw, sources)
    quotes = _parse_quotes(reader, raw, speakers)
    questions = _parse_questions(reader, raw)
    by_question = {q.id: q for q in questions}
    causes = _parse_causes(reader, raw, by_question, sources, quotes)
    regions = _parse_regions(reader, raw)
    red_flags = _parse_red_flags(reader, raw, by_question, sources, regions)
    sections = _parse_sections(reader, raw, by_question, sources, quotes)
    return Content(
        path=str(path),
        questions=questions,
        causes=causes,
        red_flags=red_flags,
        sections=sections,
        quotes=quotes,
        speakers=speakers,
        sources=sources,
        regions=regions,
    )


def _parse_sources(reader: _Reader, raw: dict) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for index, data in enumerate(reader.items(raw, "sources", "file")):
        item = f"sources[{index}]"
        data = reader.table(data, item)
        source_id = reader.ident(data, item, set(sources))
        item = f"source '{source_id}'"
        reader.unknown_keys(data, {"id", "title", "publisher", "url", "author", "note"}, item)
        url = reader.text(data, "url", item, required=False)
        if url and not url.startswith(("https://", "http://")):
            raise reader.fail(item, "'url' must start with https:// or http://")
        sources[source_id] = Source(
            id=source_id,
            title=reader.text(data, "title", item),
            publisher=reader.text(data, "publisher", item, required=False),
            url=url,
            author=reader.text(data, "author", item, required=False),
            note=reader.text(data, "note", item, required=False),
        )
    return sources


def _parse_speakers(reader: _Reader, raw: dict, sources: dict[str, Source]) -> dict[str, Speaker]:
    speakers: dict[str, Speaker] = {}
    for index, data in enumerate(reader.items(raw, "speakers", "file")):
        item = f"speakers[{index}]"
        data = reader.table(data, item)
        speaker_id = reader.ident(data, item, set(speakers))
        item = f"speaker '{speaker_id}'"
        reader.unknown_keys(data, {"id", "name", "role", "source"}, item)
        source = reader.text(data, "source", item)
        if source not in sources:
            raise reader.fail(item, f"unknown source '{source}'")
        speakers[speaker_id] = Speaker(
            speaker_id, reader.text(data, "name", item), reader.text(data, "role", item), source
        )
    return speakers


def _parse_quotes(reader: _Reader, raw: dict, speakers: dict[str, Speaker]) -> dict[str, Quote]:
    quotes: dict[str, Quote] = {}
    for index, data in enumerate(reader.items(raw, "quotes", "file")):
        item = f"quotes[{index}]"
        data = reader.table(data, item)
        quote_id = reader.ident(data, item, set(quotes))
        item = f"quote '{quote_id}'"
        reader.unknown_keys(data, {"id", "speaker", "text"}, item)
        speaker = reader.text(data, "speaker", item)
        if speaker not in speakers:
            raise reader.fail(item, f"unknown speaker '{speaker}'")
        quotes[quote_id] = Quote(quote_id, speaker, reader.text(data, "text", item))
    return quotes


def _parse_rule(reader: _Reader, data: dict, key: str, item: str, questions: dict[str, Question]) -> Rule:
    raw_conditions = reader.items(data, key, item, required=False)
    match = data.get(f"{key}_match", "all")
    if match not in ("all", "any"):
        raise reader.fail(item, f"'{key}_match' must be 'all' or 'any' (got {match!r})")
    conditions = []
    for index, raw in enumerate(raw_conditions):
        where = f"{item}, {key}[{index}]"
        raw = reader.table(raw, where)
        reader.unknown_keys(raw, {"question", "any_of", "min_selected"}, where)
        question_id = reader.text(raw, "question", where)
        question = questions.get(question_id)
        if question is None:
            raise reader.fail(where, f"unknown question '{question_id}'")
        any_of = raw.get("any_of", [])
        min_selected = raw.get("min_selected", 0)
        if not isinstance(any_of, list) or not all(isinstance(o, str) for o in any_of):
            raise reader.fail(where, "'any_of' must be a list of option ids")
        if not isinstance(min_selected, int) or isinstance(min_selected, bool) or min_selected < 0:
            raise reader.fail(where, "'min_selected' must be a whole number")
        if bool(any_of) == bool(min_selected):
            raise reader.fail(where, "give exactly one of 'any_of' or 'min_selected'")
        for option_id in any_of:
            if question.option(option_id) is None:
                raise reader.fail(where, f"question '{question_id}' has no option '{option_id}'")
        conditions.append(Condition(question_id, tuple(any_of), min_selected))
    return Rule(tuple(conditions), match)


def _parse_questions(reader: _Reader, raw: dict) -> tuple[Question, ...]:
    questions: dict[str, Question] = {}
    for index, data in enumerate(reader.items(raw, "questions", "file")):
        item = f"questions[{index}]"
        data = reader.table(data, item)
        question_id = reader.ident(data, item, set(questions))
        item = f"question '{question_id}'"
        reader.unknown_keys(
            data,
            {"id", "text", "short", "hint", "type", "error", "options", "enable_when", "enable_when_match"},
            item,
        )
        question_type = data.get("type")
        if question_type not in QUESTION_TYPES:
            raise reader.fail(item, f"'type' must be one of {', '.join(QUESTION_TYPES)} (got {question_type!r})")
        options: list[Option] = []
        seen: set[str] = set()
        for option_index, option_data in enumerate(reader.items(data, "options", item)):
            where = f"{item}, options[{option_index}]"
            option_data = reader.table(option_data, where)
            option_id = reader.ident(option_data, where, seen)
            where = f"{item}, option '{option_id}'"
            reader.unknown_keys(option_data, {"id", "label", "hint", "exclusive"}, where)
            exclusive = option_data.get("exclusive", False)
            if not isinstance(exclusive, bool):
                raise reader.fail(where, "'exclusive' must be true or false")
            if exclusive and question_type != "multiple":
                raise reader.fail(where, "'exclusive' only makes sense on a 'multiple' question")
            options.append(
                Option(option_id, reader.text(option_data, "label", where), reader.text(option_data, "hint", where, False), exclusive)
            )
        if len(options) < 2:
            raise reader.fail(item, "needs at least two options")
        # Branching may only look back: a question depends on questions asked before it.
        rule = _parse_rule(reader, data, "enable_when", item, questions)
        questions[question_id] = Question(
            id=question_id,
            text=reader.text(data, "text", item),
            short=reader.text(data, "short", item),
            type=question_type,
            error=reader.text(data, "error", item),
            options=tuple(options),
            hint=reader.text(data, "hint", item, required=False),
            enable_when=rule,
        )
    return tuple(questions.values())


def _parse_passages(
    reader: _Reader, data: dict, key: str, item: str, sources: dict, quotes: dict, required: bool = True
) -> tuple[Passage, ...]:
    passages = []
    for index, raw in enumerate(reader.items(data, key, item, required)):
        where = f"{item}, {key}[{index}]"
        raw = reader.table(raw, where)
        reader.unknown_keys(raw, {"text", "source", "quote"}, where)
        if "quote" in raw:
            quote_id = reader.text(raw, "quote", where)
            if quote_id not in quotes:
                raise reader.fail(where, f"unknown quote '{quote_id}'")
            if "text" in raw or "source" in raw:
                raise reader.fail(where, "a quote passage takes only 'quote' (its source is the speaker's)")
            passages.append(Passage(quote=quote_id))
            continue
        text = reader.text(raw, "text", where)
        source = reader.text(raw, "source", where)
        if source not in sources:
            raise reader.fail(where, f"unknown source '{source}'")
        passages.append(Passage(text=text, source=source))
    return tuple(passages)


def _parse_causes(reader, raw, questions, sources, quotes) -> tuple[Cause, ...]:
    causes: dict[str, Cause] = {}
    for index, data in enumerate(reader.items(raw, "causes", "file")):
        item = f"causes[{index}]"
        data = reader.table(data, item)
        cause_id = reader.ident(data, item, set(causes))
        item = f"cause '{cause_id}'"
        reader.unknown_keys(data, {"id", "title", "explanation", "quotes", "self_care", "weights", "fallback"}, item)
        cause_quotes = reader.items(data, "quotes", item)
        for quote_id in cause_quotes:
            if quote_id not in quotes:
                raise reader.fail(item, f"unknown quote '{quote_id}'")
        fallback = data.get("fallback", False)
        if not isinstance(fallback, bool):
            raise reader.fail(item, "'fallback' must be true or false")
        weights = _parse_weights(reader, data, item, questions)
        if not weights and not fallback:
            raise reader.fail(item, "has no weights, so no answer could ever point to it")
        causes[cause_id] = Cause(
            id=cause_id,
            title=reader.text(data, "title", item),
            explanation=_parse_passages(reader, data, "explanation", item, sources, quotes),
            quotes=tuple(cause_quotes),
            self_care=_parse_passages(reader, data, "self_care", item, sources, quotes, required=False),
            weights=tuple(weights),
            fallback=fallback,
        )
    if sum(cause.fallback for cause in causes.values()) != 1:
        raise reader.fail("causes", "exactly one cause must be the fallback ('fallback = true')")
    return tuple(causes.values())


def _parse_weights(reader: _Reader, data: dict, item: str, questions: dict[str, Question]) -> tuple[Weight, ...]:
    """`weights = [{ answer = "question.option", points = 1..10, reason = "You ..." }, ...]`"""
    weights: list[Weight] = []
    for index, raw in enumerate(reader.items(data, "weights", item, required=False)):
        where = f"{item}, weights[{index}]"
        raw = reader.table(raw, where)
        answer = reader.text(raw, "answer", where)
        where = f"{item}, weight '{answer}'"
        reader.unknown_keys(raw, {"answer", "points", "reason"}, where)
        question_id, _, option_id = answer.partition(".")
        question = questions.get(question_id)
        if question is None:
            raise reader.fail(where, f"unknown question '{question_id}'")
        if question.option(option_id) is None:
            raise reader.fail(where, f"question '{question_id}' has no option '{option_id}'")
        if any(w.question == question_id and w.option == option_id for w in weights):
            raise reader.fail(where, "the same answer is weighted twice")
        points = raw.get("points")
        if not isinstance(points, int) or isinstance(points, bool) or not 1 <= points <= 10:
            raise reader.fail(where, "'points' must be a whole number from 1 to 10")
        reason = reader.text(raw, "reason", where)
        # Shown as a sentence and inside the summary ("... that you drink ..."): second person, no full stop.
        if not reason.startswith(("You ", "Your ")) or reason.endswith("."):
            raise reader.fail(where, "'reason' must start with 'You' or 'Your' and have no full stop at the end")
        weights.append(Weight(question_id, option_id, points, reason))
    return tuple(weights)


def _parse_red_flags(reader, raw, questions, sources, regions) -> tuple[RedFlag, ...]:
    flags: dict[str, RedFlag] = {}
    for index, data in enumerate(reader.items(raw, "red_flags", "file")):
        item = f"red_flags[{index}]"
        data = reader.table(data, item)
        flag_id = reader.ident(data, item, set(flags))
        item = f"red flag '{flag_id}'"
        reader.unknown_keys(
            data,
            {"id", "level", "card_text", "summary", "reason", "source", "source_by_region", "when", "when_match",
             "unless", "unless_match"},
            item,
        )
        level = data.get("level")
        if level not in RED_FLAG_LEVELS:
            raise reader.fail(item, f"unknown care level {level!r} (use {', '.join(RED_FLAG_LEVELS)})")
        source = reader.text(data, "source", item)
        if source not in sources:
            raise reader.fail(item, f"unknown source '{source}'")
        regional = reader.table(data.get("source_by_region", {}), f"{item}, source_by_region")
        for region_id, regional_source in regional.items():
            if region_id not in regions:
                raise reader.fail(f"{item}, source_by_region", f"unknown region '{region_id}'")
            if not isinstance(regional_source, str) or regional_source not in sources:
                raise reader.fail(f"{item}, source_by_region", f"unknown source {regional_source!r} for region '{region_id}'")
        rule = _parse_rule(reader, data, "when", item, questions)
        if not rule.conditions:
            raise reader.fail(item, "'when' is missing or empty")
        summary = reader.text(data, "summary", item)
        if not summary[0].islower():  # it completes "Because you told us ..."
            raise reader.fail(item, "'summary' completes 'Because you told us ...', so it must start in lower case")
        flags[flag_id] = RedFlag(
            id=flag_id,
            level=level,
            card_text=reader.text(data, "card_text", item),
            reason=reader.text(data, "reason", item),
            source=source,
            when=rule,
            summary=summary,
            unless=_parse_rule(reader, data, "unless", item, questions),
            regional_sources=tuple(sorted(regional.items())),
        )
    return tuple(flags.values())


def _parse_sections(reader, raw, questions, sources, quotes) -> tuple[Section, ...]:
    sections: dict[str, Section] = {}
    for index, data in enumerate(reader.items(raw, "sections", "file")):
        item = f"sections[{index}]"
        data = reader.table(data, item)
        section_id = reader.ident(data, item, set(sections))
        item = f"section '{section_id}'"
        reader.unknown_keys(data, {"id", "title", "passages", "when", "when_match", "unless", "unless_match", "more"}, item)
        more = data.get("more", False)
        if not isinstance(more, bool):
            raise reader.fail(item, "'more' must be true or false")
        sections[section_id] = Section(
            id=section_id,
            title=reader.text(data, "title", item),
            passages=_parse_passages(reader, data, "passages", item, sources, quotes),
            when=_parse_rule(reader, data, "when", item, questions),
            unless=_parse_rule(reader, data, "unless", item, questions),
            more=more,
        )
    return tuple(sections.values())


def _parse_regions(reader: _Reader, raw: dict) -> dict[str, Region]:
    regions: dict[str, Region] = {}
    for index, data in enumerate(reader.items(raw, "regions", "file")):
        item = f"regions[{index}]"
        data = reader.table(data, item)
        fields = {"name", "emergency_number", "emergency_heading", "urgent_heading", "non_urgent_heading", "doctor"}
        region_id = reader.ident(data, item, set(regions))
        item = f"region '{region_id}'"
        reader.unknown_keys(data, fields | {"id"}, item)
        values = {key: reader.text(data, key, item) for key in sorted(fields)}
        if not re.fullmatch(r"[0-9]{2,4}", values["emergency_number"]):
            raise reader.fail(item, "'emergency_number' must be 2 to 4 digits")
        regions[region_id] = Region(id=region_id, **values)
    return regions
