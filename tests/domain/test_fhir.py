"""The FHIR translation and the checking of answers sent as data: the Questionnaire is valid R4 and
says exactly what the content says (items, options, branching), a QuestionnaireResponse made from a
walk reads back to the same answers and assessment, and every kind of bad answer is named."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.domain.answer_check import check_answers
from quiz.domain.answers import build_answer_rules
from quiz.domain.content import Condition, Question, Rule, load_content
from quiz.domain.engine import assess, walk_through
from quiz.domain.fhir import (
    ENABLE_WHEN_EXPRESSION, OPTION_EXCLUSIVE, QuestionnaireFacts, answers_from_response, enable_when,
    location_in_response, questionnaire, questionnaire_item, questionnaire_response,
)

from ..support.cases import CARE_LEVEL_CASES

CONTENT = load_content()
RULES = build_answer_rules(CONTENT)


def with_a_branch(content):
    """The content with a branch, as an editor may add one: the third question asked only when the
    second (a multiple-choice one) has one of the options the non-urgent case does not pick."""
    gate, gated = content.questions[1], content.questions[2]
    assert gate.type == "multiple"
    picked = set(CARE_LEVEL_CASES["non-urgent"][gate.id])
    rule = Rule((Condition(gate.id, tuple(o for o in gate.option_ids if o not in picked)[:2]),))
    return replace(content, questions=tuple(replace(q, enable_when=rule) if q is gated else q for q in content.questions))


BRANCHED = with_a_branch(CONTENT)
URL = "https://quiz.example/fhir/Questionnaire/twitching"
FACTS = QuestionnaireFacts(url=URL, version="1.0.0", publisher="Quiz Example")
RESOURCE = questionnaire(CONTENT, FACTS)

# Required bindings of R4 Questionnaire (hl7.org/fhir/R4/questionnaire.html), which the models do not check.
R4_ITEM_TYPES = {"group", "display", "boolean", "decimal", "integer", "date", "dateTime", "time", "string", "text",
                 "url", "choice", "open-choice", "attachment", "reference", "quantity"}
R4_OPERATORS = {"exists", "=", "!=", ">", "<", ">=", "<="}
R4_STATUSES = {"draft", "active", "retired", "unknown"}


# --------------------------------------------------------------------------------------------
# The Questionnaire


def test_questionnaire_is_valid_r4():
    Questionnaire.model_validate(RESOURCE)  # raises on any structural error
    assert RESOURCE["status"] in R4_STATUSES
    for item in RESOURCE["item"]:
        assert item["type"] in R4_ITEM_TYPES
        assert item["answerOption"]  # que-5: a choice item offers its options
        for entry in item.get("enableWhen", []):
            assert entry["operator"] in R4_OPERATORS
            if entry["operator"] == "exists":  # que-7
                assert "answerBoolean" in entry
        if len(item.get("enableWhen", [])) > 1:  # que-12
            assert item["enableBehavior"] in ("all", "any")


def test_questionnaire_says_who_what_and_which_language():
    assert RESOURCE["resourceType"] == "Questionnaire"
    assert (RESOURCE["url"], RESOURCE["version"], RESOURCE["publisher"]) == (URL, "1.0.0", "Quiz Example")
    assert RESOURCE["language"] == "en"


def test_items_and_options_are_exactly_the_contents():
    items = RESOURCE["item"]
    assert [item["linkId"] for item in items] == [question.id for question in CONTENT.questions]
    for item, question in zip(items, CONTENT.questions, strict=True):
        assert item["text"] == question.text
        assert item["type"] == "choice"
        assert item["required"] is True
        assert item["repeats"] is (question.type == "multiple")
        assert [(o["valueCoding"]["code"], o["valueCoding"]["display"]) for o in item["answerOption"]] == [
            (option.id, option.label) for option in question.options
        ]
        exclusive = [o["valueCoding"]["code"] for o in item["answerOption"]
                     if {"url": OPTION_EXCLUSIVE, "valueBoolean": True} in o.get("extension", [])]
        assert exclusive == [option.id for option in question.options if option.exclusive]


@pytest.mark.parametrize("content", [CONTENT, BRANCHED], ids=["content", "with a branch"])
def test_the_contents_branching_is_plain_enable_when(content):
    for question in content.questions:
        item = questionnaire_item(question)
        assert ("enableWhen" in item) == bool(question.enable_when.conditions), question.id


def fhir_enabled(item: dict, answers: dict[str, tuple[str, ...]]) -> bool:
    """How a FHIR form filler decides whether an item is enabled (the operators used here)."""
    if "enableWhen" not in item:
        return True
    results = []
    for entry in item["enableWhen"]:
        chosen = answers.get(entry["question"], ())
        if entry["operator"] == "=":
            results.append(entry["answerCoding"]["code"] in chosen)
        elif entry["operator"] == "exists":
            results.append(bool(chosen) == entry["answerBoolean"])
        else:
            raise AssertionError(f"unexpected operator {entry['operator']}")
    return all(results) if item.get("enableBehavior", "all") == "all" else any(results)


@st.composite
def chosen_options(draw):
    """Any options of any questions (validity does not matter to a rule)."""
    return {question.id: tuple(draw(st.lists(st.sampled_from(question.option_ids), unique=True)))
            for question in CONTENT.questions if draw(st.booleans())}


@settings(max_examples=300, deadline=None)
@given(chosen_options())
def test_enable_when_holds_exactly_when_the_contents_rule_does(answers):
    for question, item in zip(BRANCHED.questions, questionnaire(BRANCHED, FACTS)["item"]):
        assert fhir_enabled(item, answers) == question.enable_when.holds(answers), question.id


# Rules the content may come to use: each kind the translation handles, on real questions.
FIRST, SECOND = [q for q in CONTENT.questions if len(q.options) >= 3][:2]
SYNTHETIC_RULES = [
    Rule((Condition(FIRST.id, FIRST.option_ids[:1]), Condition(SECOND.id, SECOND.option_ids[1:2])), "all"),
    Rule((Condition(FIRST.id, FIRST.option_ids[:2]), Condition(SECOND.id, SECOND.option_ids[:1])), "any"),
    Rule((Condition(FIRST.id, min_selected=1),), "all"),
    Rule((Condition(FIRST.id, FIRST.option_ids[1:3]),), "all"),
]


@pytest.mark.parametrize("rule", SYNTHETIC_RULES, ids=range(len(SYNTHETIC_RULES)))
@settings(max_examples=150, deadline=None)
@given(answers=chosen_options())
def test_each_kind_of_rule_translates_exactly(rule, answers):
    item = {}
    item["enableWhen"], item["enableBehavior"] = enable_when(rule)
    assert fhir_enabled(item, answers) == rule.holds(answers)


def test_a_rule_enable_when_cannot_say_becomes_a_fhirpath_expression():
    rule = Rule((Condition("where", ("back_upper", "back_lower")), Condition("feel", min_selected=2)), "all")
    # (the ids only name questions in the expression; a rule is translated without the content)
    question = Question("probe", "Probe?", "Probe", "single", "Select one", CONTENT.questions[0].options, enable_when=rule)
    item = questionnaire_item(question)
    assert "enableWhen" not in item
    assert item["extension"] == [{
        "url": ENABLE_WHEN_EXPRESSION,
        "valueExpression": {
            "language": "text/fhirpath",
            "expression": "(%resource.repeat(item).where(linkId = 'where').answer.value"
                          ".where(code = 'back_upper' or code = 'back_lower').exists())"
                          " and (%resource.repeat(item).where(linkId = 'feel').answer.count() >= 2)",
        },
    }]


# --------------------------------------------------------------------------------------------
# The QuestionnaireResponse


@pytest.mark.parametrize("level", CARE_LEVEL_CASES)
def test_a_response_made_from_a_walk_reads_back_to_the_same_assessment(level):
    walk = walk_through(CONTENT, CARE_LEVEL_CASES[level])
    response = questionnaire_response(CONTENT, walk.answers, URL)
    QuestionnaireResponse.model_validate(response)

    answers, problems = answers_from_response(response)
    assert problems == ()
    checked = check_answers(CONTENT, RULES, answers, location_in_response)
    assert checked.problems == ()
    assert checked.walk.answers == walk.answers
    assert assess(CONTENT, checked.walk) == assess(CONTENT, walk)
    assert assess(CONTENT, walk).care_level == level


def response_with(*items, **fields) -> dict:
    return {"resourceType": "QuestionnaireResponse", "status": "completed", "item": list(items), **fields}


@pytest.mark.parametrize(("resource", "at", "words"), [
    (response_with(questionnaire="https://other.example/Questionnaire/phq9"), "questionnaire", "other than"),
    (response_with(questionnaire=f"{URL}|0.1.0"), None, None),  # a versioned canonical of ours is fine
    ({"resourceType": "QuestionnaireResponse", "item": {"linkId": "where"}}, "item", "list"),
    (response_with("where"), "item[0]", "object"),
    (response_with({"answer": []}), "item[0].linkId", "missing"),
    (response_with({"linkId": "age", "answer": [{"valueCoding": {"code": "not_said"}}]},
                   {"linkId": "age", "answer": [{"valueCoding": {"code": "not_said"}}]}), "item[1].linkId", "more than once"),
    (response_with({"linkId": "age", "item": []}), "item[0].item", "nested"),
    (response_with({"linkId": "age", "answer": [{"valueString": "not_said"}]}), "item[0].answer[0]", "valueCoding"),
    (response_with({"linkId": "age", "answer": [{"valueCoding": {"code": 3}}]}), "item[0].answer[0]", "valueCoding"),
    (response_with({"linkId": "age", "answer": "not_said"}), "item[0].answer", "list"),
])
def test_a_badly_shaped_response_is_named(resource, at, words):
    _, problems = answers_from_response(resource)
    if at is None:
        assert problems == ()
    else:
        assert [p.at for p in problems] == [f"QuestionnaireResponse.{at}"]
        assert words in problems[0].message


def test_an_item_without_answers_is_an_unanswered_question():
    answers, problems = answers_from_response(response_with({"linkId": "age", "answer": []}, {"linkId": "where"}))
    assert (answers, problems) == ({}, ())


# --------------------------------------------------------------------------------------------
# Checking answers


def calm() -> dict[str, list[str]]:
    return {key: list(value) for key, value in CARE_LEVEL_CASES["non-urgent"].items()}


def problems_for(raw, content=CONTENT) -> list[tuple[str, str]]:
    return [(p.at, p.message) for p in check_answers(content, RULES, raw).problems]


def test_complete_valid_answers_give_their_walk():
    checked = check_answers(CONTENT, RULES, calm())
    assert checked.problems == ()
    assert checked.walk == walk_through(CONTENT, calm())


CALM_WALK = walk_through(CONTENT, CARE_LEVEL_CASES["non-urgent"])
SINGLE = next(q for q in CALM_WALK.questions if q.type == "single")
NOT_ASKED = BRANCHED.questions[2]


@pytest.mark.parametrize(("change", "at", "words"), [
    ({"colour": ["blue"]}, "answers.colour", "unknown question 'colour'"),
    ({SINGLE.id: SINGLE.option_ids[0]}, f"answers.{SINGLE.id}", "must be a list"),
    ({SINGLE.id: [1]}, f"answers.{SINGLE.id}", "must be a list"),
    ({SINGLE.id: []}, f"answers.{SINGLE.id}", "at least one option"),
    ({SINGLE.id: ["ancient"]}, f"answers.{SINGLE.id}", "no option 'ancient'"),
    ({SINGLE.id: list(SINGLE.option_ids[:2])}, f"answers.{SINGLE.id}", "takes one option, not 2"),
])
def test_each_bad_answer_is_named(change, at, words):
    problems = problems_for({**calm(), **change})
    assert [where for where, _ in problems] == [at]
    assert words in problems[0][1]


def test_an_answer_to_a_question_the_branching_skips_is_named():
    problems = problems_for({**calm(), NOT_ASKED.id: [NOT_ASKED.option_ids[0]]}, BRANCHED)
    assert [where for where, _ in problems] == [f"answers.{NOT_ASKED.id}"]
    assert "not asked" in problems[0][1]


def test_a_multiple_choice_answer_is_checked_by_the_forms_rule():
    multiple = next(q for q in CONTENT.questions if q.type == "multiple" and any(o.exclusive for o in q.options))
    none = next(o.id for o in multiple.options if o.exclusive)
    other = next(o.id for o in multiple.options if not o.exclusive)
    assert "cannot be combined" in problems_for({**calm(), multiple.id: [other, none]})[0][1]
    assert "more than once" in problems_for({**calm(), multiple.id: [other, other]})[0][1]


def test_every_missing_answer_is_named_with_the_questions_error_message():
    answers = calm()
    first, last = CALM_WALK.questions[0], CALM_WALK.questions[-1]
    del answers[first.id], answers[last.id]
    assert problems_for(answers) == [
        (f"answers.{first.id}", f"missing answer to '{first.id}' ({first.error})"),
        (f"answers.{last.id}", f"missing answer to '{last.id}' ({last.error})"),
    ]


def test_answers_that_are_not_an_object_are_one_problem():
    assert [at for at, _ in problems_for(["where"])] == ["answers"]


def test_long_values_are_cut_in_messages():
    (_, message), = problems_for({**calm(), "x" * 500: ["a"]})
    assert len(message) < 100


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(CONTENT.questions).flatmap(
    lambda q: st.tuples(st.just(q), st.lists(st.sampled_from([*q.option_ids, "", "zzz"]), max_size=4))))
def test_an_answer_is_refused_exactly_when_the_forms_rule_refuses_it(question_and_values):
    question, values = question_and_values
    problems = check_answers(CONTENT, RULES, {question.id: values}).problems
    named = [p for p in problems if p.at == f"answers.{question.id}" and "missing" not in p.message
             and "not asked" not in p.message]
    assert bool(named) == (not RULES[question.id].accepts(values))
