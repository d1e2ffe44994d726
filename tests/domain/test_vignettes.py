"""Triage vignettes (tests/support/vignettes.py) through the engine: every one must land on an
accepted care level. Run with -s to see the score."""

from __future__ import annotations

import pytest

from quiz.domain.content import load_content
from quiz.domain.engine import assess, walk_through

from ..support.vignettes import VIGNETTES

CONTENT = load_content()


def level_and_flags(vignette):
    walk = walk_through(CONTENT, {k: tuple(v) for k, v in vignette.answers.items()})
    assert len(walk.answers) == len(CONTENT.questions), "a vignette answers every question it is asked"
    assessment = assess(CONTENT, walk)
    return assessment.care_level, {flag.id for flag in assessment.red_flags}


def test_vignette_score():
    passed = 0
    for vignette in VIGNETTES:
        level, flags = level_and_flags(vignette)
        if level in vignette.accepted_levels and set(vignette.expected_flags) <= flags:
            passed += 1
        else:
            print(f"  miss: {vignette.name}: {level} {sorted(flags)} (accepted {vignette.accepted_levels})")
    print(f"vignettes: {passed}/{len(VIGNETTES)}")
    assert len(VIGNETTES) >= 20
    assert passed == len(VIGNETTES)


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v.name)
def test_vignette(vignette):
    level, flags = level_and_flags(vignette)
    assert level in vignette.accepted_levels
    assert set(vignette.expected_flags) <= flags
