"""Count the words a visitor reads on a result page before asking for more.

"Before more" is everything in <main> above the heading "More about your twitching", except what
sits inside a closed <details> (its <summary> counts) and text for screen readers only. "After more"
is every other word of <main>: the contents of the <details>, the "More about" part and the sources.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

MORE_HEADING_ID = "more"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
WORD = re.compile(r"\w")


class _Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_main = False
        self.after_more = False
        self.stack: list[tuple[str, set[str]]] = []  # open elements inside <main>, with their roles here
        self.before: list[str] = []
        self.after: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.in_main = True
            return
        if not self.in_main or tag in VOID:
            return
        roles = set()
        if tag == "details":
            roles.add("details")
        elif tag == "summary":
            roles.add("summary")
        if "tq-visually-hidden" in (attrs.get("class") or "").split():
            roles.add("hidden")
        if attrs.get("id") == MORE_HEADING_ID:
            self.after_more = True
        self.stack.append((tag, roles))

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False
            return
        if not self.in_main or tag in VOID:
            return
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not self.in_main:
            return
        roles = [roles for _, roles in self.stack]
        if any("hidden" in r for r in roles):
            return
        words = [w for w in data.split() if WORD.search(w)]
        # Inside a closed <details>, only its <summary> shows until the visitor opens it.
        depth_details = max((i for i, r in enumerate(roles) if "details" in r), default=-1)
        in_summary = any("summary" in r for r in roles[depth_details + 1:])
        if self.after_more or (depth_details >= 0 and not in_summary):
            self.after.extend(words)
        else:
            self.before.extend(words)


def words_before_and_after_more(html: str) -> tuple[int, int]:
    parser = _Words()
    parser.feed(html)
    return len(parser.before), len(parser.after)
