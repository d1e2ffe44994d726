"""Fragments rendered once give the same page as rendering everything for each visitor."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from app import create_app
from quiz import security

from .cases import CARE_LEVEL_CASES

REGIONS = ("us", "uk", "eu")


def result_form(answers) -> MultiDict:
    return MultiDict([(name, value) for name, values in answers.items() for value in values])


@pytest.fixture
def fixed_nonce(monkeypatch):
    monkeypatch.setattr(security.secrets, "token_urlsafe", lambda size=16: "fixed-nonce")


def test_a_warm_cache_gives_the_same_result_pages_as_a_cold_one(fixed_nonce, tmp_path):
    shared = create_app({"STATIC_BUILD_DIR": str(tmp_path)}).test_client(use_cookies=False)
    cases = [(level, region) for level in CARE_LEVEL_CASES for region in REGIONS]
    warm = {}
    for level, region in cases + cases:  # the second round reads every fragment from the cache
        response = shared.post(f"/result?region={region}", data=result_form(CARE_LEVEL_CASES[level]))
        assert response.status_code == 200
        warm[level, region] = response.get_data(as_text=True)
    assert shared.application.extensions["rendered_once"], "no fragment was cached"
    for level, region in cases:
        cold = create_app({"STATIC_BUILD_DIR": str(tmp_path)}).test_client(use_cookies=False)
        fresh = cold.post(f"/result?region={region}", data=result_form(CARE_LEVEL_CASES[level])).get_data(as_text=True)
        assert warm[level, region] == fresh, f"{level} in {region}: a cached fragment differs"
