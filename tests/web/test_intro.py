"""The intro's time claim agrees with the longest path through the quiz, read at a calm pace."""

from __future__ import annotations

import re

from ..domain.test_length import every_path, reading_minutes


def test_the_intro_time_claim_agrees_with_the_longest_path(client):
    minutes = max(reading_minutes(path) for path in every_path())
    intro = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    claim = re.search(r"It takes about (\d+) minutes?", intro)
    assert claim, "the intro says how long the quiz takes"
    print(f"longest path: {minutes:.1f} minutes; the intro says about {claim.group(1)}")
    assert round(minutes) == int(claim.group(1))
