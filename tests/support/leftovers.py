"""Find interface text on a translated page that is still the English text.

Every msgid whose translation differs from it is English that should not be on a page in that
language. A page's visible text is compared node by node (each text node whole, the part of the
<title> before its " – " suffix, and aria-label values), so an English word inside a longer
translated sentence is not a false alarm. Placeholders (%(name)s) match any text.
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).parent.parent.parent / "quiz" / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


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
            literal = [re.escape(part) for part in PLACEHOLDER.split(msgid)[::2]]
            patterns.append((msgid, re.compile(".+?".join(literal))))
    return tuple(patterns)


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._skip = 0  # inside <script> or <style>
        self._title = False

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        self._title = tag == "title"
        for name, value in attrs:
            if name == "aria-label" and value:
                self.texts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        self._title = False

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self._skip:
            self.texts.append(text.split(" – ")[0] if self._title else text)


def visible_texts(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    return parser.texts


def content_texts(content) -> frozenset[str]:
    """Every text of the content a visitor may read whole (labels, titles, headings, messages)."""
    texts = set()
    for question in content.questions:
        texts |= {question.text, question.short, question.hint, question.error}
        texts |= {text for option in question.options for text in (option.label, option.hint)}
    texts |= {cause.title for cause in content.causes} | {section.title for section in content.sections}
    texts |= {text for flag in content.red_flags for text in (flag.card_text, flag.reason)}
    texts |= {text for region in content.regions.values() for text in region.care_headings.values()}
    return frozenset(texts - {""})


def english_leftovers(html: str, language: str, english_texts: frozenset[str] = frozenset(),
                      ignore: frozenset[str] = frozenset()) -> list[str]:
    """The English interface strings still on a page in `language`, and any of `english_texts`
    (e.g. the content's English fields, `content_texts`) shown whole; texts in `ignore` are skipped."""
    found = []
    for text in visible_texts(html):
        if text in ignore:
            continue
        if text in english_texts:
            found.append(text)
            continue
        found += [msgid for msgid, pattern in english_patterns(language) if pattern.fullmatch(text)]
    return found
