import pytest

from ..support.cases import CARE_LEVEL_CASES
from ..support.walker import walk


@pytest.mark.parametrize("level", CARE_LEVEL_CASES)
def test_walk_each_care_level(client, level):
    pages, result = walk(client, CARE_LEVEL_CASES[level])
    html = result.get_data(as_text=True)
    assert result.status_code == 200
    assert f"tq-care-card--{level}" in html
    assert ("interruption" in [kind for kind, _ in pages]) == (level == "emergency")
