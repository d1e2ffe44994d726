"""Each page with an address of its own names itself in every language (hreflang); pages built
from posted answers have no such address and name none."""

from __future__ import annotations

import re

from ..support.cases import CARE_LEVEL_CASES
from ..support.walker import walk

ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([a-z]+)" href="([^"]+)">')


def test_get_pages_name_themselves_in_each_language(client):
    # The publisher page's own language is `hl`: its `lang` is the snippet's, which it keeps.
    for url, name in (("/?region=uk", "lang"), ("/quiz", "lang"), ("/diary", "lang"), ("/embed?lang=en", "hl")):
        html = client.get(url).get_data(as_text=True)
        links = dict(ALTERNATE.findall(html))
        assert set(links) == {"en", "es"}, url
        assert all(f"{name}={code}" in href for code, href in links.items()), url
    assert "region=uk" in dict(ALTERNATE.findall(client.get("/?region=uk").get_data(as_text=True)))["es"]
    assert "lang=en" in dict(ALTERNATE.findall(client.get("/embed?lang=en").get_data(as_text=True)))["es"]


def test_pages_built_from_answers_name_no_alternates(client):
    pages, _ = walk(client, CARE_LEVEL_CASES["non-urgent"])
    posted = [response for kind, response in pages if kind != "emergency_now"]
    assert posted and all(not ALTERNATE.search(response.get_data(as_text=True)) for response in posted)
