"""Find interface text on a translated page that is still the English text.

Every msgid whose translation differs from it is English that should not be on a page in that
language. A page's visible text is compared node by node (each text node whole, the part of the
<title> before its " – " suffix, and aria-label values), so an English word inside a longer
translated sentence is not a false alarm. Placeholders (%(name)s) match any text. Text inside an
element marked lang="en" is English on purpose (a quote's original, an English source's title).
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).parent.parent.parent / "quiz" / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@cache
def english_patterns(language: str) -> tuple[tuple[str, re.Pattern], ...]:
    """(msgid, pattern matching it as a whole text) for each message translated differently."""
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalogue = read_po(po)
    patterns = []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        translations = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid in ids:
            if msgid in translations:  # the same word in both languages ("Error:")
                continue
            literal = PLACEHOLDER.split(msgid)[::2]
            if sum(c.isalpha() for c in "".join(literal)) < 4:
                continue  # glue such as "%(others)s and %(last)s" would match any English sentence with "and"
            literal = [re.escape(part) for part in literal]
            patterns.append((msgid, re.compile(".+?".join(literal))))
    return tuple(patterns)


class _VisibleText(HTMLParser):
    def __init__(self, skipped: tuple[str, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._skipped = skipped
        self._skip = 0  # inside a skipped element, such as <script> or <style>
        self._title = False
        self._open: list[tuple[str, bool]] = []  # (tag, marked lang="en") of each open element

    def handle_starttag(self, tag, attrs):
        if tag in self._skipped:
            self._skip += 1
        self._title = tag == "title"
        english = dict(attrs).get("lang") == "en" and tag != "html"
        if tag not in VOID:
            self._open.append((tag, english))
        if english or self._english:
            return
        for name, value in attrs:
            if name == "aria-label" and value:
                self.texts.append(value)

    def handle_endtag(self, tag):
        if tag in self._skipped:
            self._skip -= 1
        self._title = False
        while self._open:  # close up to the matching tag (an omitted </p> or </li> is allowed)
            if self._open.pop()[0] == tag:
                break

    @property
    def _english(self) -> bool:
        return any(english for _, english in self._open)

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self._skip and not self._english:
            self.texts.append(text.split(" – ")[0] if self._title else text)


def visible_texts(html: str, skipped: tuple[str, ...] = ("script", "style")) -> list[str]:
    """The page's texts, outside the `skipped` elements."""
    parser = _VisibleText(skipped)
    parser.feed(html)
    return parser.texts


def content_texts(content) -> frozenset[str]:
    """Every text of the content a visitor may read: labels, titles, headings, messages, reasons,
    warning-sign phrases, quotes, passages and region wording."""
    texts = set()
    for question in content.questions:
        texts |= {question.text, question.short, question.hint, question.error}
        texts |= {text for option in question.options for text in (option.label, option.hint)}
    for cause in content.causes:
        texts |= {cause.title} | {p.text for p in (*cause.explanation, *cause.self_care)}
        texts |= {w.reason for w in cause.weights} | {w.reason[0].lower() + w.reason[1:] for w in cause.weights}
    for section in content.sections:
        texts |= {section.title} | {p.text for p in section.passages}
    texts |= {text for flag in content.red_flags for text in (flag.card_text, flag.reason, flag.summary)}
    texts |= {quote.text for quote in content.quotes.values()} | {s.role for s in content.speakers.values()}
    texts |= {text for region in content.regions.values() for text in (region.name, *region.care_headings.values())}
    texts |= {source.note for source in content.sources.values()}
    return frozenset(texts - {""})


# A content text this long is looked for inside each text of the page too: sentences from one
# source share a paragraph, and the summary puts reasons and warning signs inside its own.
LONG_ENOUGH_TO_FIND_INSIDE = 12  # "Call 911 now" inside "Call 911 now if:"


def english_leftovers(html: str, language: str, english_texts: frozenset[str] = frozenset(),
                      ignore: frozenset[str] = frozenset()) -> list[str]:
    """The English interface strings still on a page in `language`, and any of `english_texts`
    (e.g. the content's English fields, `content_texts`) shown whole, or inside a text when long;
    texts in `ignore` are skipped."""
    long_texts = [text for text in english_texts if len(text) >= LONG_ENOUGH_TO_FIND_INSIDE]
    found = []
    for text in visible_texts(html):
        if text in ignore:
            continue
        if text in english_texts:
            found.append(text)
            continue
        found += [english for english in long_texts if english in text]
        found += [msgid for msgid, pattern in english_patterns(language) if pattern.fullmatch(text)]
    return found
