"""The personal explainer: the stories from the usability round, the short-by-default budget,
each quote once, numbered citations, and regional sources."""

from __future__ import annotations

import pytest

from quiz.domain.content import load_content
from quiz.domain.engine import assess, emergency_flags_raised_by, walk_through
from quiz.domain.explainer import Wording, build_explainer

from ..support.cases import CARE_LEVEL_CASES, answers
from ..support.vignettes import VIGNETTES

CONTENT = load_content()
SHORT_PART_BUDGET = 500  # words a self-care visitor reads before asking for more


def explain(raw, region="us"):
    walk = walk_through(CONTENT, {k: tuple(v) for k, v in raw.items()})
    return build_explainer(CONTENT, walk, assess(CONTENT, walk), region)


def words(text: str) -> int:
    return len(text.split())


def passage_words(passage) -> int:
    if passage.quote:
        quote = CONTENT.quotes[passage.quote]
        speaker = CONTENT.speakers[quote.speaker]
        return words(quote.text) + words(speaker.name) + words(speaker.role)
    return words(passage.text) + 1  # and its reference number


def short_part_words(explainer) -> int:
    """The words shown before "More about ...": summary, care card, the short causes' titles,
    fit, reasons and self-care, the short sections, and the first five "When to see a doctor" items."""
    total = sum(map(words, explainer.summary))
    total += sum(words(flag.card_text) for flag in (*explainer.card_flags, *explainer.other_flags))
    total += words(explainer.causes_heading)
    for view in explainer.short_causes:
        total += words(view.title) + 4 + sum(map(words, view.reasons))  # 4: "Fits strongly. Because you told us"
        total += sum(passage_words(p) for p in view.self_care)
        total += words(f"More about {view.title}")
    for view in explainer.short_sections:
        total += words(view.title) + sum(passage_words(p) for p in view.passages)
    total += 5 + sum(words(flag.card_text) + 1 for flag in explainer.when_to_see.first)  # heading per level
    return total


# The stories from the issue -------------------------------------------------------------------

THINNER_CALF = answers(where=["leg_calf"], symptoms=["weakness", "wasting"], lately=["stress", "worried_search"], age=["from_40_to_59"])


def test_thinner_calf_opens_with_the_weakness_and_shows_no_als_reassurance():
    explainer = explain(THINNER_CALF)
    assert explainer.summary[0].startswith("Because you told us a muscle feels weak and a muscle looks thinner than before")
    assert "doctor" in explainer.summary[0]
    assert explainer.warning_first and explainer.causes_heading == "Things that can also cause twitching"
    assert explainer.summary[1].startswith("Twitching can also come from")  # stress comes after, as something else
    shown = {view.id for view in (*explainer.short_sections, *explainer.more_sections)}
    assert not shown & {"twitches_common", "als_rare", "als_signs", "age_under_40", "age_over_40"}
    assert "warning_signs" in {view.id for view in explainer.short_sections}
    every_text = " ".join(p.text for view in (*explainer.short_sections, *explainer.more_sections) for p in view.passages)
    assert "years before" not in every_text
    # The care card says exactly what was ticked: weak, not "weak or stiff".
    assert [flag.card_text for flag in explainer.card_flags] == ["a muscle feels weak", "a muscle looks thinner than before"]


def test_calf_twitch_with_saddle_numbness_is_an_emergency_raised_on_the_first_screen():
    raw = answers(where=["leg_calf"], emergency_now=["saddle_numbness", "bladder_bowel", "both_legs"])
    walk = walk_through(CONTENT, {"emergency_now": tuple(raw["emergency_now"])})  # only the first screen answered
    raised = emergency_flags_raised_by(CONTENT, walk, CONTENT.questions[0])
    assert {flag.id for flag in raised} == {"saddle_numbness", "bladder_bowel", "both_legs"}
    explainer = explain(raw)
    assert explainer.assessment.care_level == "emergency"
    assert explainer.summary[-1] == "Call 911 now."
    assert not explainer.remind_in_two_weeks


def test_five_coffees_and_a_little_stress_ranks_caffeine_first():
    explainer = explain(answers(caffeine=["five_plus"], lately=["stress"]))
    assert [view.id for view in explainer.causes][:2] == ["caffeine", "anxiety"]
    assert explainer.causes[0].reasons == ("You drink 5 or more cups of coffee a day",)
    assert explainer.causes[0].fit == "strong"
    assert "you drink 5 or more cups of coffee a day" in explainer.summary[1]


def test_a_suspected_medicine_is_a_cause_and_books_a_doctor():
    explainer = explain(answers(medicines=["regular"]), region="uk")
    assert explainer.causes[0].id == "medicine"
    assert explainer.assessment.care_level == "non-urgent"
    assert explainer.summary[-1] == "See a GP."
    steps = [p.text for p in explainer.causes[0].self_care]
    assert any("Don’t stop a prescribed medicine" in step for step in steps)


# The shape of every result ---------------------------------------------------------------------

@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v.name)
def test_summary_is_at_most_three_short_sentences(vignette):
    explainer = explain(vignette.answers)
    assert 2 <= len(explainer.summary) <= 3
    for sentence in explainer.summary:
        assert sentence.endswith(".") and words(sentence) <= 40, sentence
    if explainer.assessment.red_flags:
        assert explainer.summary[0].startswith("Because you told us ")


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v.name)
def test_each_quote_once_and_citations_are_numbers_into_one_list(vignette):
    explainer = explain(vignette.answers)
    quotes = [q.id for view in explainer.causes for q in view.quotes]
    quotes += [p.quote for view in (*explainer.short_sections, *explainer.more_sections) for p in view.passages if p.quote]
    assert len(quotes) == len(set(quotes))
    assert [explainer.ref(source.id) for source in explainer.sources] == list(range(1, len(explainer.sources) + 1))
    for view in (*explainer.short_sections, *explainer.more_sections):
        for passage in view.passages:
            assert 1 <= explainer.cite(passage) <= len(explainer.sources)
    for flag in (*explainer.card_flags, *explainer.when_to_see.first):
        assert 1 <= explainer.cite(flag) <= len(explainer.sources)
    assert "symptom_checkers" not in {source.id for source in explainer.sources}


@pytest.mark.parametrize("vignette", [v for v in VIGNETTES if v.accepted_levels == ("self-care",)], ids=lambda v: v.name)
def test_a_self_care_result_is_short_before_more(vignette):
    explainer = explain(vignette.answers)
    assert short_part_words(explainer) <= SHORT_PART_BUDGET
    assert len(explainer.when_to_see.first) == 5
    assert explainer.remind_in_two_weeks
    every_sign = {flag.id for _, flags in explainer.when_to_see.by_level for flag in flags}
    assert {f.id for f in CONTENT.red_flags_by_level["emergency"]} <= every_sign


def test_reported_signs_lead_when_to_see():
    explainer = explain(answers(where=["back_lower"], symptoms=["fever"]))
    assert explainer.when_to_see.first[0].id == "fever_back"
    assert "fever" not in {f.id for _, flags in explainer.when_to_see.by_level for f in flags}  # fever_back covers it


def test_sources_fit_the_region():
    raw = answers(emergency_now=["face_drooping"])
    us, uk = explain(raw, "us"), explain(raw, "uk")
    assert us.sources[0].id == "nih_stroke" and us.summary[-1] == "Call 911 now."
    assert uk.sources[0].id == "nwas_stroke" and uk.summary[-1] == "Call 999 or go to A&E now."


def test_reminder_only_when_waiting_is_safe():
    assert explain(CARE_LEVEL_CASES["self-care"]).remind_in_two_weeks
    assert explain(CARE_LEVEL_CASES["non-urgent"]).remind_in_two_weeks
    assert not explain(CARE_LEVEL_CASES["urgent"]).remind_in_two_weeks


def test_the_summary_and_headings_are_built_from_the_wording_given():
    """Another language's patterns (quiz/web fills them from the catalogue) replace every English
    sentence of the explainer's own; the content's phrases go into their placeholders."""
    spanish = {
        "Because you told us %(signs)s, %(advice)s.": "Como nos dijo que %(signs)s, %(advice)s.",
        "a doctor should check this": "un médico debe revisarlo",
        "%(others)s and %(last)s": "%(others)s y %(last)s",
        "%(heading)s.": "%(heading)s.",
        "Things that can also cause twitching": "Otras cosas que también causan espasmos",
    }
    # every other pattern without a placeholder is "translated" to capitals, to see where it lands
    wording = Wording().translated(lambda english: spanish.get(english, english if "%(" in english else english.upper()))

    def explained(raw):
        walk = walk_through(CONTENT, {k: tuple(v) for k, v in raw.items()})
        return build_explainer(CONTENT, walk, assess(CONTENT, walk), "us", wording)

    explainer = explained(THINNER_CALF)
    assert explainer.summary[0] == "Como nos dijo que a muscle feels weak y a muscle looks thinner than before, un médico debe revisarlo."
    assert explainer.summary[-1] == "Make an appointment with your doctor."
    assert explainer.causes_heading == "Otras cosas que también causan espasmos"
    self_care = explained(CARE_LEVEL_CASES["self-care"])
    assert self_care.summary[0] == "YOU CAN LOOK AFTER THIS YOURSELF FOR NOW."
    assert self_care.causes_heading == "WHAT MAY BE CAUSING YOUR TWITCHING"


def test_an_emergency_result_suggests_no_self_care():
    from quiz.domain.content import load_content
    from quiz.domain.engine import assess, walk_through
    from quiz.domain.explainer import build_explainer

    content = load_content()
    for level, level_answers in CARE_LEVEL_CASES.items():
        walk = walk_through(content, level_answers)
        explainer = build_explainer(content, walk, assess(content, walk))
        steps = [step for view in (*explainer.short_causes, *explainer.more_causes) for step in view.self_care]
        assert bool(steps) == (level != "emergency"), level
