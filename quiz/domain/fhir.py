"""The quiz as FHIR R4: the content's questions as a `Questionnaire`, and a `QuestionnaireResponse`
read back into answers. Pure translation of plain dicts (JSON), no Flask.

Each question is a `choice` item whose `linkId` is the question id and whose options are codings
with the option id as code; every question the visitor is shown must be answered (`required`), a
"None of these" option carries the `questionnaire-optionExclusive` extension, and the content's
branching becomes `enableWhen` + `enableBehavior`. Where that cannot say a rule exactly (FHIR has
one behaviour per item, and no "at least N selected"), the item gets the SDC
`enableWhenExpression` extension with the rule in FHIRPath instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .answer_check import Problem, cut
from .content import Condition, Content, Question, Rule

RESOURCE_ID = "twitching"
OPTION_EXCLUSIVE = "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive"
ENABLE_WHEN_EXPRESSION = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression"


@dataclass(frozen=True)
class QuestionnaireFacts:
    """What the content file does not say about the Questionnaire as a whole."""

    url: str  # its canonical URL
    version: str
    publisher: str
    title: str = "Muscle twitching quiz"
    name: str = "MuscleTwitchingQuiz"  # machine-friendly, as FHIR asks
    language: str = "en"  # the language the content is written in


def questionnaire(content: Content, facts: QuestionnaireFacts) -> dict:
    return {
        "resourceType": "Questionnaire",
        "id": RESOURCE_ID,
        "language": facts.language,
        "url": facts.url,
        "version": facts.version,
        "name": facts.name,
        "title": facts.title,
        "status": "active",
        "subjectType": ["Patient"],
        "publisher": facts.publisher,
        "item": [questionnaire_item(question) for question in content.questions],
    }


def questionnaire_item(question: Question) -> dict:
    item: dict = {
        "linkId": question.id,
        "text": question.text,
        "type": "choice",
        "required": True,  # the quiz asks every question it shows; a disabled item is never required
        "repeats": question.type == "multiple",
        "answerOption": [
            {
                "valueCoding": {"code": option.id, "display": option.label},
                **({"extension": [{"url": OPTION_EXCLUSIVE, "valueBoolean": True}]} if option.exclusive else {}),
            }
            for option in question.options
        ],
    }
    rule = question.enable_when
    if rule.conditions:
        plain = enable_when(rule)
        if plain is not None:
            item["enableWhen"], behavior = plain
            if len(item["enableWhen"]) > 1:  # FHIR asks for a behaviour only when there is a choice
                item["enableBehavior"] = behavior
        else:
            item["extension"] = [{
                "url": ENABLE_WHEN_EXPRESSION,
                "valueExpression": {"language": "text/fhirpath", "expression": fhirpath(rule)},
            }]
    return item


def enable_when(rule: Rule) -> tuple[list[dict], str] | None:
    """The rule as FHIR enableWhen entries and their enableBehavior, or None when that cannot say it
    exactly: `any_of` with several options is itself an "any", so it fits only where the rule's
    behaviour is "any" or it is the rule's only condition."""
    parts = [condition_parts(condition) for condition in rule.conditions]
    if any(part is None for part in parts):
        return None
    if rule.match == "any" or len(parts) == 1:
        return [entry for part in parts for entry in part], "any"
    if all(len(part) == 1 for part in parts):
        return [part[0] for part in parts], "all"
    return None


def condition_parts(condition: Condition) -> list[dict] | None:
    """enableWhen entries that hold when any one of them does; None for "at least N" (N > 1)."""
    if condition.any_of:
        return [{"question": condition.question, "operator": "=", "answerCoding": {"code": option}}
                for option in condition.any_of]
    if condition.min_selected <= 1:
        return [{"question": condition.question, "operator": "exists", "answerBoolean": True}]
    return None


def fhirpath(rule: Rule) -> str:
    """The rule as a FHIRPath expression over the QuestionnaireResponse being filled in."""
    tests = []
    for condition in rule.conditions:
        answers = f"%resource.repeat(item).where(linkId = '{condition.question}').answer"
        if condition.any_of:
            codes = " or ".join(f"code = '{option}'" for option in condition.any_of)
            tests.append(f"{answers}.value.where({codes}).exists()")
        else:
            tests.append(f"{answers}.count() >= {condition.min_selected}")
    joiner = " and " if rule.match == "all" else " or "
    return joiner.join(f"({test})" for test in tests)


def questionnaire_response(content: Content, answers: Mapping[str, Sequence[str]], questionnaire_url: str) -> dict:
    """A completed QuestionnaireResponse for `answers` (valid ones), items in the content's order."""
    items = []
    for question in content.questions:
        if question.id in answers:
            items.append({
                "linkId": question.id,
                "text": question.text,
                "answer": [
                    {"valueCoding": {"code": option_id, "display": question.option(option_id).label}}
                    for option_id in answers[question.id]
                ],
            })
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": questionnaire_url,
        "status": "completed",
        "item": items,
    }


def location_in_response(question_id: str) -> str:
    """Where a question's answer is in a QuestionnaireResponse, for error messages (FHIRPath)."""
    return f"QuestionnaireResponse.item.where(linkId = '{question_id}')"


def answers_from_response(resource: Mapping) -> tuple[dict[str, list[str]], tuple[Problem, ...]]:
    """The answers in a QuestionnaireResponse, as question id: [option ids], and the problems with
    its shape. Whether the answers are valid is for `answer_check.check_answers` to say."""
    problems: list[Problem] = []

    def problem(at: str, message: str) -> None:
        problems.append(Problem(f"QuestionnaireResponse.{at}" if at else "QuestionnaireResponse", message))

    reference = resource.get("questionnaire")
    if reference is not None and (
        not isinstance(reference, str) or not reference.split("|")[0].endswith(f"Questionnaire/{RESOURCE_ID}")
    ):
        problem("questionnaire", f"answers a questionnaire other than this quiz's ({cut(reference)})")
    items = resource.get("item", [])
    if not isinstance(items, list):
        problem("item", "must be a list of items")
        return {}, tuple(problems)

    answers: dict[str, list[str]] = {}
    for index, item in enumerate(items):
        at = f"item[{index}]"
        if not isinstance(item, dict):
            problem(at, "must be an object")
            continue
        link_id = item.get("linkId")
        if not isinstance(link_id, str):
            problem(f"{at}.linkId", "is missing or not a string")
            continue
        if link_id in answers:
            problem(f"{at}.linkId", f"'{cut(link_id)}' appears more than once")
            continue
        if "item" in item:
            problem(f"{at}.item", "this questionnaire has no nested items")
            continue
        entries = item.get("answer", [])
        if not isinstance(entries, list):
            problem(f"{at}.answer", "must be a list of answers")
            continue
        codes = []
        for number, entry in enumerate(entries):
            coding = entry.get("valueCoding") if isinstance(entry, dict) else None
            code = coding.get("code") if isinstance(coding, dict) else None
            if not isinstance(code, str):
                problem(f"{at}.answer[{number}]", "must be a valueCoding with the option id as its code")
            elif "item" in entry:
                problem(f"{at}.answer[{number}].item", "this questionnaire has no nested items")
            else:
                codes.append(code)
        if entries:  # an item without answers is an unanswered question
            answers[link_id] = codes
    return answers, tuple(problems)
