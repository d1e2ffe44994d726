"""Answer sets used across the tests: one complete walk-through per care level."""

from __future__ import annotations

# A calm case: answers that fire no red flag.
BASE = {
    "emergency_now": ["none"],
    "where": ["arm_hand"],
    "feel": ["flicker"],
    "duration": ["days"],
    "symptoms": ["none"],
    "caffeine": ["none"],
    "lately": ["none"],
    "medicines": ["none"],
    "age": ["not_said"],
}


def answers(**changes: list[str]) -> dict[str, list[str]]:
    """BASE with changes."""
    return {**BASE, **changes}


CARE_LEVEL_CASES = {
    "self-care": answers(caffeine=["five_plus"], where=["back_lower"], lately=["worried_search"]),
    "non-urgent": answers(duration=["months"]),
    "urgent": answers(where=["back_lower"], symptoms=["fever"]),
    "emergency": answers(where=["leg_calf"], emergency_now=["saddle_numbness"]),
}
