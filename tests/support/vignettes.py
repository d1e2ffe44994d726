"""Triage vignettes: short stories written from the NHS twitching, back pain and MND guidance and
the stroke FAST rule, each with the care levels a clinician would accept. Run through the engine
in tests/domain/test_vignettes.py; reusable by any test that needs realistic answer sets."""

from __future__ import annotations

from dataclasses import dataclass, field

from .cases import answers


@dataclass(frozen=True)
class Vignette:
    name: str
    answers: dict[str, list[str]]
    accepted_levels: tuple[str, ...]
    source_note: str
    # Red flags that must fire (empty: any, as long as the level is accepted).
    expected_flags: tuple[str, ...] = field(default=())


FAST = "Stroke FAST rule (NHS, ambulance services): face, arms, speech, time to call 999."
CES = "NHS back pain: numbness around the genitals or buttocks, loss of bladder or bowel control, or weakness in both legs: 999 or A&E."
NHS_TWITCH = "NHS twitching: see a GP if it lasts more than 2 weeks, is in more than one place, feels weak or stiff, or a medicine may be the cause."
NHS_TWITCH_SELF = "NHS twitching: twitches are common, usually settle; rest, relax, cut down caffeine and alcohol."
NHS_BACK_URGENT = "NHS back pain: urgent GP or 111 with a high temperature or unexplained weight loss."
NHS_MND = "NHS MND: see a GP about gradual weakness, thinner muscles, slurred speech or swallowing trouble."
SAFETY = "Ambulance services' 'when to call 999': chest pain, breathing difficulty, choking, confusion or loss of consciousness."

VIGNETTES: tuple[Vignette, ...] = (
    Vignette("eyelid flicker for 3 days, tired, 5 coffees", answers(where=["eyelid"], caffeine=["five_plus"], lately=["poor_sleep"]),
             ("self-care",), NHS_TWITCH_SELF),
    Vignette("upper back worm-like flicker after a new gym routine", answers(where=["back_upper"], lately=["exercise"]),
             ("self-care",), NHS_TWITCH_SELF),
    Vignette("calf twitch in a stressed student who read about ALS", answers(where=["leg_calf"], lately=["stress", "worried_search"], age=["under_40"]),
             ("self-care",), NHS_TWITCH_SELF),
    Vignette("arm twitch for 1 to 2 weeks, nothing else", answers(duration=["weeks"]), ("self-care",), NHS_TWITCH_SELF),
    Vignette("lower back twitch, 3 or 4 coffees, a lot of alcohol", answers(where=["back_lower"], caffeine=["three_four"], lately=["alcohol"]),
             ("self-care",), NHS_TWITCH_SELF),
    Vignette("thigh twitch for 3 months", answers(where=["leg_calf"], duration=["months"]), ("non-urgent",), NHS_TWITCH, ("long_lasting",)),
    Vignette("twitches in the back and the calf", answers(where=["back_upper", "leg_calf"]), ("non-urgent",), NHS_TWITCH, ("several_places",)),
    Vignette("twitching that moves around the body", answers(where=["moving"]), ("non-urgent",), NHS_TWITCH, ("several_places",)),
    Vignette("hand twitch and the hand feels weak", answers(symptoms=["weakness"]), ("non-urgent", "urgent"), NHS_TWITCH, ("weakness",)),
    Vignette("calf twitch and the calf feels stiff", answers(where=["leg_calf"], symptoms=["stiffness"]), ("non-urgent",), NHS_TWITCH, ("stiffness",)),
    Vignette("52-year-old: calf looks thinner, keeps dropping things, a little stress",
             answers(where=["leg_calf"], symptoms=["weakness", "wasting"], lately=["stress"], age=["from_40_to_59"]),
             ("non-urgent", "urgent"), NHS_MND, ("weakness", "wasting")),
    Vignette("arm twitch and speech slowly getting harder over months", answers(symptoms=["speech_swallow"], duration=["months"]),
             ("non-urgent", "urgent"), NHS_MND, ("speech_swallow",)),
    Vignette("twitching on water tablets", answers(medicines=["regular"]), ("non-urgent",), NHS_TWITCH, ("regular_medicine",)),
    Vignette("twitching since a new asthma inhaler dose", answers(medicines=["new_or_changed"]), ("non-urgent",), NHS_TWITCH, ("new_medicine",)),
    Vignette("lower back twitch with a high temperature", answers(where=["back_lower"], symptoms=["fever"]), ("urgent",), NHS_BACK_URGENT, ("fever_back",)),
    Vignette("upper back twitch and weight loss without trying", answers(where=["back_upper"], symptoms=["weight_loss"]), ("urgent",), NHS_BACK_URGENT,
             ("weight_loss_back",)),
    Vignette("calf twitch with numbness around the buttocks", answers(where=["leg_calf"], emergency_now=["saddle_numbness"]),
             ("emergency",), CES, ("saddle_numbness",)),
    Vignette("calf twitch, saddle numbness, lost bladder control, both legs weak",
             answers(where=["leg_calf"], emergency_now=["saddle_numbness", "bladder_bowel", "both_legs"]), ("emergency",), CES,
             ("saddle_numbness", "bladder_bowel", "both_legs")),
    Vignette("face twitch and the face has dropped on one side", answers(where=["face"], emergency_now=["face_drooping"]), ("emergency",), FAST,
             ("face_drooping",)),
    Vignette("arm twitch and cannot lift the arm", answers(emergency_now=["arm_weakness"]), ("emergency",), FAST, ("arm_weakness",)),
    Vignette("speech suddenly slurred", answers(emergency_now=["slurred_speech"]), ("emergency",), FAST, ("slurred_speech",)),
    Vignette("sudden numbness down one side", answers(emergency_now=["one_side"]), ("emergency",), FAST, ("one_side",)),
    Vignette("back twitch with chest pain", answers(where=["back_upper"], emergency_now=["chest_pain"]), ("emergency",), SAFETY, ("chest_pain",)),
    Vignette("twitching and struggling to breathe", answers(emergency_now=["breathing"]), ("emergency",), SAFETY, ("breathing",)),
    Vignette("twitching and suddenly confused", answers(emergency_now=["confusion"]), ("emergency",), SAFETY, ("confusion",)),
    Vignette("eyelid twitch with numbness and tingling in the hand", answers(where=["eyelid"], symptoms=["sensation"]), ("non-urgent",),
             "MedlinePlus: a change in sensation with twitching is a warning sign.", ("sensation",)),
)
