"""Screenshots at phone and desktop widths for a person to look at, in tests/screenshots/."""

from __future__ import annotations

import struct
from dataclasses import replace

import pytest

from ..support.cases import CARE_LEVEL_CASES
from .conftest import ERROR_QUESTION, SCREENSHOTS, open_state

pytestmark = pytest.mark.browser

WIDTHS = {"phone": 360, "desktop": 1280}
SHOTS = (
    "intro",
    "question:where",
    f"question-error:{ERROR_QUESTION}",
    "interruption",
    "check",
    *(f"result:{level}" for level in CARE_LEVEL_CASES),
)
DARK_SHOTS = ("intro", "question:where", f"question-error:{ERROR_QUESTION}", "result:emergency")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def pages(browser, base_url):
    kinds = [("phone", "light"), ("desktop", "light"), ("phone", "dark")]
    contexts = {
        (device, scheme): browser.new_context(
            base_url=base_url, viewport={"width": WIDTHS[device], "height": 800}, color_scheme=scheme
        )
        for device, scheme in kinds
    }
    yield {key: context.new_page() for key, context in contexts.items()}
    for context in contexts.values():
        context.close()


def shoot(page, path, width) -> None:
    data = page.screenshot(path=path, full_page=True, animations="disabled", caret="initial")
    shot_width, shot_height = png_size(data)
    # A full-page shot is as wide as the document: wider means the page scrolls sideways.
    assert shot_width == width, f"{path.name}: {shot_width} px wide, the screen is {width} px"
    assert shot_height >= 200


@pytest.mark.parametrize("device", WIDTHS)
@pytest.mark.parametrize("label", SHOTS)
def test_screenshot(pages, quiz_states, label, device):
    SCREENSHOTS.mkdir(exist_ok=True)
    page = pages[device, "light"]
    open_state(page, quiz_states[label])
    shoot(page, SCREENSHOTS / f"{device}-{label.replace(':', '-')}.png", WIDTHS[device])


@pytest.mark.parametrize("label", DARK_SHOTS)
def test_dark_screenshot(pages, quiz_states, label):
    SCREENSHOTS.mkdir(exist_ok=True)
    page = pages["phone", "dark"]
    open_state(page, quiz_states[label])
    shoot(page, SCREENSHOTS / f"phone-dark-{label.replace(':', '-')}.png", WIDTHS["phone"])


SPANISH_SHOTS = ("interruption", "result:self-care", "result:emergency")


@pytest.mark.parametrize("label", SPANISH_SHOTS)
def test_screenshot_in_spanish(pages, quiz_states, label):
    """Spanish words run about a fifth longer: the phone layout must still hold."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page = pages["phone", "light"]
    state = quiz_states[label]
    open_state(page, replace(state, url=state.url + ("&" if "?" in state.url else "?") + "lang=es"))
    assert page.evaluate("document.documentElement.lang") == "es"
    shoot(page, SCREENSHOTS / f"phone-es-{label.replace(':', '-')}.png", WIDTHS["phone"])
