"""The engine: red flags decide the care level before any scoring, causes are ranked from the
answers, and "no clear cause" comes first when nothing fits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.domain.content import CARE_LEVELS, load_content
from quiz.domain.engine import assess, emergency_flags_raised_by, triggered_red_flags, walk_through
from quiz.domain.flow import progress

from ..support.cases import BASE, CARE_LEVEL_CASES, answers

CONTENT = load_content()
ARTICLE_CAUSES = ["caffeine", "exercise", "anxiety", "nutrition", "electrolytes", "fatigue", "medicine", "idiopathic"]


def as_tuples(raw: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {key: tuple(value) for key, value in raw.items()}


@st.composite
def any_answers(draw):
    """Any valid set of answers to every question (None of these never mixed with others)."""
    chosen = {}
    for question in CONTENT.questions:
        ids = [o.id for o in question.options if not o.exclusive]
        exclusive = [o.id for o in question.options if o.exclusive]
        if question.type == "single":
            chosen[question.id] = (draw(st.sampled_from(question.option_ids)),)
        else:
            picked = draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
            chosen[question.id] = tuple(picked) if picked or not exclusive else (exclusive[0],)
            if not chosen[question.id]:
                chosen[question.id] = (ids[0],)
    return chosen


def trigger(flag) -> dict[str, tuple[str, ...]]:
    """Answers that fire `flag`: its `when` satisfied, its `unless` answered the other way."""
    fired = {}
    for condition in flag.when.conditions:
        question = CONTENT.questions_by_id[condition.question]
        if condition.any_of:
            fired[condition.question] = (condition.any_of[0],)
        else:
            fired[condition.question] = tuple(o.id for o in question.options if not o.exclusive)[: condition.min_selected]
        if flag.when.match == "any":
            break
    for condition in flag.unless.conditions:
        question = CONTENT.questions_by_id[condition.question]
        kept = tuple(o for o in fired.get(condition.question, ()) if o not in condition.any_of)
        fired[condition.question] = kept or (next(o.id for o in question.options if o.id not in condition.any_of),)
    return fired


@pytest.mark.parametrize("cause_id", ARTICLE_CAUSES)
def test_every_article_cause_can_come_first(cause_id):
    cause = next(c for c in CONTENT.causes if c.id == cause_id)
    chosen = as_tuples(BASE)
    for weight in cause.weights:
        question_id, option_id = weight.question, weight.option
        question = CONTENT.questions_by_id[question_id]
        if question.type == "single":
            chosen[question_id] = (option_id,)
        else:
            chosen[question_id] = tuple(o for o in (*chosen.get(question_id, ()), option_id)
                                        if not question.option(o).exclusive)
    assessment = assess(CONTENT, walk_through(CONTENT, chosen))
    assert assessment.causes[0].cause.id == cause_id
    if not cause.fallback:
        assert assessment.causes[0].reasons, "a ranked cause says which answers point to it"


def test_nothing_fits_gives_no_clear_cause_first():
    assessment = assess(CONTENT, walk_through(CONTENT, as_tuples(BASE)))
    assert [r.cause.id for r in assessment.causes] == ["idiopathic"]
    assert assessment.causes[0].cause.quotes == ("idiopathic",)
    assert assessment.care_level == "self-care"


@pytest.mark.parametrize("flag", CONTENT.red_flags, ids=lambda flag: flag.id)
@settings(max_examples=25, deadline=None)
@given(others=any_answers())
def test_every_red_flag_sets_its_care_level_whatever_else_is_answered(flag, others):
    chosen = {**others, **trigger(flag)}
    assessment = assess(CONTENT, walk_through(CONTENT, chosen))
    assert flag in assessment.red_flags
    assert CARE_LEVELS.index(assessment.care_level) <= CARE_LEVELS.index(flag.level)
    # The level is exactly the most urgent flag that fired: scoring never moves it.
    assert assessment.care_level == min((f.level for f in assessment.red_flags), key=CARE_LEVELS.index)


def test_scores_never_outweigh_a_red_flag():
    every_cause = answers(
        caffeine=["five_plus"],
        lately=["exercise", "stress", "poor_sleep", "skipped_meals", "sweating", "sick", "alcohol", "energy_drinks", "worried_search"],
        symptoms=["weakness"],
    )
    assessment = assess(CONTENT, walk_through(CONTENT, as_tuples(every_cause)))
    assert assessment.care_level == "non-urgent"
    assert [f.id for f in assessment.red_flags] == ["weakness"]


@settings(max_examples=200, deadline=None)
@given(chosen=any_answers())
def test_care_level_is_self_care_only_without_red_flags(chosen):
    assessment = assess(CONTENT, walk_through(CONTENT, chosen))
    assert (assessment.care_level == "self-care") == (not assessment.red_flags)
    assert assessment.causes, "there is always at least one explanation"
    scores = [r.score for r in assessment.causes]
    assert scores == sorted(scores, reverse=True)


@given(chosen=any_answers())
def test_the_emergency_flags_a_question_raises_are_those_of_all_that_it_takes_part_in(chosen):
    fired = [flag for flag in triggered_red_flags(CONTENT, walk_through(CONTENT, chosen)) if flag.level == "emergency"]
    assert any(f.level == "emergency" for f in CONTENT.red_flags)
    for question in CONTENT.questions:
        expected = tuple(flag for flag in fired if question.id in flag.when.questions)
        assert emergency_flags_raised_by(CONTENT, walk_through(CONTENT, chosen), question) == expected


def test_question_count_is_shown_from_the_first_question():
    # No branching: every visitor gets the same nine screens, so "Question N of 9" is honest at once.
    first, feel = (CONTENT.questions_by_id[q] for q in ("emergency_now", "feel"))
    assert progress(CONTENT, walk_through(CONTENT, {}), first) == (1, 9)
    assert progress(CONTENT, walk_through(CONTENT, {"emergency_now": ("none",), "where": ("eyelid",)}), feel) == (3, 9)


def test_a_regular_medicine_that_can_cause_twitching_books_a_doctor_and_is_a_cause():
    assessment = assess(CONTENT, walk_through(CONTENT, as_tuples(answers(medicines=["regular"]))))
    assert assessment.care_level == "non-urgent"
    assert [f.id for f in assessment.red_flags] == ["regular_medicine"]
    assert "Do not stop a prescribed medicine without advice" in assessment.red_flags[0].reason
    assert assessment.causes[0].cause.id == "medicine"


def test_weights_follow_the_dose():
    def first(**changes):
        return assess(CONTENT, walk_through(CONTENT, as_tuples(answers(**changes)))).causes[0].cause.id

    assert first(caffeine=["five_plus"], lately=["stress"]) == "caffeine"
    assert first(caffeine=["three_four"], lately=["stress"]) == "anxiety"
    assert first(caffeine=["one_two"]) == "idiopathic"  # a cup or two is not a reason


@pytest.mark.parametrize("level", CARE_LEVEL_CASES)
def test_care_level_cases(level):
    assert assess(CONTENT, walk_through(CONTENT, as_tuples(CARE_LEVEL_CASES[level]))).care_level == level


def test_sections_follow_the_answers():
    calm = {s.id for s in assess(CONTENT, walk_through(CONTENT, as_tuples(BASE))).sections}
    assert {"what_twitching_is", "twitches_common", "doctor_visit"} <= calm
    assert not calm & {"back", "search_results", "als_rare", "als_signs", "warning_signs"}
    worried = {s.id for s in assess(CONTENT, walk_through(CONTENT, as_tuples(answers(where=["back_lower"], lately=["worried_search"], age=["under_40"])))).sections}
    assert {"back", "search_results", "als_rare", "als_signs", "age_under_40"} <= worried


REASSURANCE = {"twitches_common", "als_rare", "als_signs", "age_under_40", "age_over_40"}


@pytest.mark.parametrize("sign", ["weakness", "stiffness", "wasting", "speech_swallow", "weight_loss"])
@pytest.mark.parametrize("age", ["under_40", "from_40_to_59", "over_60"])
def test_no_reassurance_beside_a_warning_sign(sign, age):
    raw = answers(symptoms=[sign], lately=["worried_search", "stress"], age=[age])
    shown = {s.id for s in assess(CONTENT, walk_through(CONTENT, as_tuples(raw))).sections}
    assert not shown & REASSURANCE
    assert "warning_signs" in shown


def test_no_wording_about_twitches_that_came_years_before_als():
    for section in CONTENT.sections:
        for passage in section.passages:
            assert "years before" not in passage.text, section.id
