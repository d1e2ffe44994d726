"""Answer sets used across the tests: one complete walk-through per care level."""

from __future__ import annotations

# A calm case: answers that fire no red flag.
BASE = {
    "emergency_now": ["none"],
    "where": ["arm_hand"],
    "feel": ["flicker"],
    "duration": ["days"],
    "spreading": ["no"],
    "muscle_changes": ["none"],
    "caffeine": ["none"],
    "stimulants": ["none"],
    "exercise": ["no"],
    "stress": ["not_really"],
    "sleep": ["well"],
    "diet": ["none"],
    "fluids": ["none"],
    "medicines": ["no"],
    "searched": ["no"],
    "age": ["not_said"],
}
BACK = {"where": ["back_upper"], "back_emergency": ["none"], "back_urgent": ["none"]}


def answers(**changes: list[str]) -> dict[str, list[str]]:
    """BASE with changes; switching `where` to the back adds the back questions' calm answers."""
    result = dict(BASE)
    if any(area.startswith("back_") for area in changes.get("where", [])):
        result.update({k: v for k, v in BACK.items() if k != "where"})
    result.update(changes)
    return result


CARE_LEVEL_CASES = {
    "self-care": answers(caffeine=["over_4"], where=["back_lower"], searched=["yes"]),
    "non-urgent": answers(duration=["months"]),
    "urgent": answers(where=["back_lower"], back_urgent=["night_pain"]),
    "emergency": answers(where=["back_upper"], back_emergency=["saddle_numbness"]),
}
