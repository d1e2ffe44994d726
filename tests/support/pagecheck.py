"""Page invariants every HTML page must keep (GOV.UK habits), checked with the standard parser."""

from __future__ import annotations

from html.parser import HTMLParser


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.h1_texts: list[str] = []
        self.title = ""
        self.links: list[str] = []
        self.summary_links: list[str] = []
        self.choice_inputs: list[tuple[str, bool]] = []  # (id, inside fieldset with legend)
        self._fieldsets: list[dict] = []
        self._in_h1 = self._in_title = False
        self._in_summary = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "fieldset":
            self._fieldsets.append({"legend": False})
        elif tag == "legend" and self._fieldsets:
            self._fieldsets[-1]["legend"] = True
        elif tag == "input" and attrs.get("type") in ("radio", "checkbox"):
            self.choice_inputs.append((attrs.get("id", ""), bool(self._fieldsets and self._fieldsets[-1]["legend"])))
        elif tag == "h1":
            self._in_h1 = True
            self.h1_texts.append("")
        elif tag == "title":
            self._in_title = True
        elif tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
            if self._in_summary:
                self.summary_links.append(attrs["href"])
        if "data-tq-error-summary" in attrs:
            self._in_summary = 1
        elif self._in_summary and tag not in ("input", "br", "img", "meta", "link"):
            self._in_summary += 1

    def handle_endtag(self, tag):
        if tag == "fieldset" and self._fieldsets:
            self._fieldsets.pop()
        elif tag == "h1":
            self._in_h1 = False
        elif tag == "title":
            self._in_title = False
        if self._in_summary and tag not in ("input", "br", "img", "meta", "link"):
            self._in_summary -= 1

    def handle_data(self, data):
        if self._in_h1:
            self.h1_texts[-1] += data
        if self._in_title:
            self.title += data


def _squash(text: str) -> str:
    return " ".join(text.split())


def check_page(html: str) -> _Page:
    """Assert the invariants; return the parsed page for further checks."""
    page = _Page()
    page.feed(html)
    assert len(page.h1_texts) == 1, f"expected one <h1>, found {len(page.h1_texts)}"
    h1 = _squash(page.h1_texts[0])
    title = _squash(page.title).removeprefix("Error: ")
    assert title.startswith(h1), f"<title> {title!r} does not start with the <h1> {h1!r}"
    duplicates = {i for i in page.ids if page.ids.count(i) > 1}
    assert not duplicates, f"duplicate ids: {sorted(duplicates)}"
    for input_id, in_fieldset in page.choice_inputs:
        assert in_fieldset, f"radio/checkbox {input_id!r} is not inside a fieldset with a legend"
    for href in page.summary_links:
        assert href.startswith("#") and href[1:] in page.ids, f"error summary link {href!r} leads nowhere"
    if page.summary_links:
        assert _squash(page.title).startswith("Error: "), "a page with an error summary needs an 'Error: ' title"
    return page
