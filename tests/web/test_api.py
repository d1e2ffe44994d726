"""The JSON API and the FHIR Questionnaire: the API assesses as the engine does, answers every bad
request with a JSON 4xx naming the problem (never a 5xx), is open to any origin without
credentials, keeps nothing, and matches its OpenAPI description."""

from __future__ import annotations

import json
import logging

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_openapi

from quiz.domain.engine import assess, walk_through
from quiz.domain.fhir import questionnaire_response

from ..support.cases import CARE_LEVEL_CASES
from ..support.securitycheck import assert_security_headers
from ..support.vignettes import VIGNETTES

CROSS_SITE = {"Origin": "https://publisher.example", "Sec-Fetch-Site": "cross-site"}
AGREEMENT_CASES = [pytest.param(answers, id=level) for level, answers in CARE_LEVEL_CASES.items()] + [
    pytest.param(vignette.answers, id=f"vignette-{vignette.name}") for vignette in VIGNETTES
]


@pytest.fixture(scope="module")
def spec(app):
    return app.test_client().get("/api/openapi.json").get_json()


def matches_schema(spec: dict, name: str, document: object) -> None:
    schema = {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
    Draft202012Validator(schema).validate(document)


def post(client, body, **kwargs):
    return client.post("/api/assess", json=body, **kwargs)


def expected_assessment(content, walk, region_id="us") -> dict:
    """What the engine says, in the API's terms, written out independently of the API's code."""
    assessment = assess(content, walk)
    return {
        "care_level": assessment.care_level,
        "emergency_number": content.regions[region_id].emergency_number,
        "red_flags": [flag.id for flag in assessment.red_flags],
        "causes": [(ranked.cause.id, ranked.score, ranked.strength, len(ranked.reasons)) for ranked in assessment.causes],
        "sections": [section.id for section in assessment.sections],
    }


def in_same_terms(result: dict) -> dict:
    return {
        "care_level": result["care_level"],
        "emergency_number": result["emergency_number"],
        "red_flags": [flag["id"] for flag in result["red_flags"]],
        "causes": [(c["id"], c["score"], c["strength"], len(c["reasons"])) for c in result["causes"]],
        "sections": result["sections"],
    }


# --------------------------------------------------------------------------------------------
# The description and the Questionnaire


def test_the_openapi_description_is_valid_openapi_3_1(spec):
    assert spec["openapi"].startswith("3.1")
    validate_openapi(spec)


def test_the_description_lists_every_question_and_option(spec, content):
    answers = spec["components"]["schemas"]["Answers"]["properties"]
    assert {question_id: schema["items"]["enum"] for question_id, schema in answers.items()} == {
        question.id: list(question.option_ids) for question in content.questions
    }


def test_the_questionnaire_is_served_as_valid_fhir(client, content, spec):
    response = client.get("/fhir/Questionnaire/twitching")
    assert response.status_code == 200
    assert response.mimetype == "application/fhir+json"
    resource = json.loads(response.data)
    Questionnaire.model_validate(resource)
    matches_schema(spec, "Questionnaire", resource)
    assert resource["url"] == "http://localhost/fhir/Questionnaire/twitching"
    assert [item["linkId"] for item in resource["item"]] == [question.id for question in content.questions]
    assert resource["version"] and resource["publisher"]


# --------------------------------------------------------------------------------------------
# Assessing


@pytest.mark.parametrize("answers", AGREEMENT_CASES)
def test_the_api_assesses_as_the_engine_does(client, content, spec, answers):
    walk = walk_through(content, answers)  # the answers that count: a vignette may carry others
    response = post(client, {"answers": {key: list(value) for key, value in walk.answers.items()}})
    assert response.status_code == 200, response.get_json()
    result = response.get_json()
    matches_schema(spec, "Assessment", result)
    assert in_same_terms(result) == expected_assessment(content, walk)


@pytest.mark.parametrize("level", CARE_LEVEL_CASES)
def test_a_questionnaire_response_is_assessed_as_the_same_answers_are(client, content, level):
    walk = walk_through(content, CARE_LEVEL_CASES[level])
    resource = questionnaire_response(content, walk.answers, "http://localhost/fhir/Questionnaire/twitching")
    as_fhir = client.post("/api/assess?region=uk", data=json.dumps(resource), content_type="application/fhir+json")
    plain = post(client, {"answers": CARE_LEVEL_CASES[level], "region": "uk"})
    assert as_fhir.status_code == plain.status_code == 200
    assert as_fhir.get_json() == plain.get_json()
    assert as_fhir.get_json()["care_level"] == level


def test_the_region_sets_the_emergency_number_and_care_wording(client, content):
    for region in content.regions.values():
        result = post(client, {"answers": CARE_LEVEL_CASES["emergency"], "region": region.id}).get_json()
        assert (result["region"], result["emergency_number"]) == (region.id, region.emergency_number)
        assert result["care_heading"] == region.emergency_heading


def test_the_default_region_is_the_apps(client, app):
    result = post(client, {"answers": CARE_LEVEL_CASES["self-care"]}).get_json()
    assert result["region"] == app.config["REGION"]
    assert result["care_heading"] is None


def test_reasons_are_sentences_for_each_answer_that_points_to_a_cause(client, content):
    result = post(client, {"answers": CARE_LEVEL_CASES["self-care"]}).get_json()
    expected = assess(content, walk_through(content, CARE_LEVEL_CASES["self-care"])).causes
    assert result["causes"][0]["score"] > 0
    for cause, ranked in zip(result["causes"], expected, strict=True):
        assert cause["reasons"] == [r.text for r in ranked.reasons]
        assert all(text.startswith(("You ", "Your ")) for text in cause["reasons"])


# --------------------------------------------------------------------------------------------
# Errors


def problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == status
    return body


@pytest.mark.parametrize(("body", "at"), [
    ({"answers": {**CARE_LEVEL_CASES["urgent"], "where": ["elbow"]}}, "answers.where"),
    ({"answers": {**CARE_LEVEL_CASES["urgent"], "mood": ["low"]}}, "answers.mood"),
    ({"answers": {**CARE_LEVEL_CASES["urgent"], "where": "back_lower"}}, "answers.where"),
    ({"answers": {**CARE_LEVEL_CASES["non-urgent"], "back_urgent": ["night_pain"]}}, "answers.back_urgent"),
    ({"answers": {k: v for k, v in CARE_LEVEL_CASES["urgent"].items() if k != "age"}}, "answers.age"),
    ({"answers": CARE_LEVEL_CASES["urgent"], "region": "mars"}, "region"),
    ({"answers": CARE_LEVEL_CASES["urgent"], "extra": 1}, "extra"),
    ({"region": "us"}, "answers"),
    ({"answers": ["where"]}, "answers"),
    ([CARE_LEVEL_CASES["urgent"]], "body"),
    ({"resourceType": "Patient"}, "resourceType"),
    ({"resourceType": "QuestionnaireResponse", "item": [{"linkId": "where", "answer": [{"valueString": "back"}]}]},
     "QuestionnaireResponse.item[0].answer[0]"),
    ({"resourceType": "QuestionnaireResponse", "item": [{"linkId": "where", "answer": [{"valueCoding": {"code": "x"}}]}]},
     "QuestionnaireResponse.item.where(linkId = 'where')"),
])
def test_a_bad_request_gets_a_400_naming_the_problem(client, spec, body, at):
    result = problem(post(client, body), 400)
    matches_schema(spec, "Problem", result)
    assert at in [entry["at"] for entry in result["problems"]]


def test_a_body_that_is_not_json_is_a_400(client):
    assert "JSON" in problem(client.post("/api/assess", data="{answers", content_type="application/json"), 400)["detail"]
    assert problem(client.post("/api/assess", data=b"\xff\xfe{", content_type="application/json"), 400)
    assert problem(client.post("/api/assess", data="[" * 5000 + "]" * 5000, content_type="application/json"), 400)


def test_a_body_in_another_format_is_a_415(client):
    body = problem(client.post("/api/assess", data={"where": "back_lower"}), 415)
    assert "application/json" in body["detail"]


def test_an_oversize_body_is_a_413(client, spec):
    padding = "x" * (17 * 1024)
    matches_schema(spec, "Problem", problem(post(client, {"answers": {}, "padding": padding}), 413))


@pytest.mark.parametrize(("method", "path", "status", "allow"), [
    ("GET", "/api/assess", 405, "OPTIONS, POST"),
    ("PUT", "/api/assess", 405, "OPTIONS, POST"),
    ("POST", "/fhir/Questionnaire/twitching", 405, "GET, HEAD, OPTIONS"),
    ("GET", "/api/assessment", 404, None),
    ("POST", "/fhir/Questionnaire/other", 404, None),
])
def test_wrong_paths_and_methods_get_json_errors(client, method, path, status, allow):
    response = client.open(path, method=method, headers=CROSS_SITE)
    problem(response, status)
    assert response.headers.get("Allow") == allow
    assert response.headers["Access-Control-Allow-Origin"] == "*"


# --------------------------------------------------------------------------------------------
# CORS, privacy


def test_any_site_may_call_the_api_without_credentials(app, client):
    response = post(client, {"answers": CARE_LEVEL_CASES["urgent"]}, headers=CROSS_SITE)
    assert response.status_code == 200
    assert_security_headers(response, app.config)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert problem(post(client, {"answers": {}}, headers=CROSS_SITE), 400)  # errors readable cross-site too


@pytest.mark.parametrize(("path", "methods"), [
    ("/api/assess", "POST, OPTIONS"),
    ("/fhir/Questionnaire/twitching", "GET, HEAD, OPTIONS"),
    ("/api/openapi.json", "GET, HEAD, OPTIONS"),
])
def test_a_preflight_is_answered(client, path, methods):
    response = client.options(path, headers={
        **CROSS_SITE, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Access-Control-Allow-Methods"] == methods
    assert response.headers["Access-Control-Allow-Headers"].lower() == "content-type"
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert "Content-Type" not in response.headers and response.data == b""


def test_the_pages_still_refuse_cross_site_posts(client):
    response = client.post("/result", data=CARE_LEVEL_CASES["urgent"], headers=CROSS_SITE)
    assert response.status_code == 403
    assert response.mimetype == "text/html"


def test_an_assessment_is_neither_kept_nor_logged(client, caplog):
    with caplog.at_level(logging.DEBUG):
        response = post(client, {"answers": CARE_LEVEL_CASES["emergency"]})
        post(client, {"answers": {**CARE_LEVEL_CASES["emergency"], "where": ["saddle_numbness"]}})
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers
    assert not [record for record in caplog.records if "saddle" in record.getMessage()]
    assert not [record for record in caplog.records if record.name.startswith(("app", "quiz", "flask"))]


# --------------------------------------------------------------------------------------------
# Hostile JSON


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)


@st.composite
def hostile_bodies(draw, question_ids, option_ids):
    """Bodies near the real shapes (real ids, wrong values) as well as anything JSON can hold."""
    ids = st.sampled_from(question_ids) | st.text(max_size=12)
    answer_lists = st.lists(st.sampled_from(option_ids) | st.text(max_size=8), max_size=3)
    answers = st.dictionaries(ids, answer_lists | JSON_VALUES, max_size=20) | JSON_VALUES
    qr_items = st.lists(st.fixed_dictionaries({"linkId": ids}, optional={
        "answer": st.lists(st.fixed_dictionaries({"valueCoding": st.fixed_dictionaries(
            {}, optional={"code": st.sampled_from(option_ids) | JSON_VALUES})}) | JSON_VALUES, max_size=3) | JSON_VALUES,
        "item": JSON_VALUES,
    }) | JSON_VALUES, max_size=20)
    return draw(st.one_of(
        JSON_VALUES,
        st.fixed_dictionaries({"answers": answers}, optional={"region": JSON_VALUES | st.sampled_from(["us", "uk"])}),
        st.fixed_dictionaries({"resourceType": st.just("QuestionnaireResponse")},
                              optional={"item": qr_items, "questionnaire": JSON_VALUES}),
    ))


def test_hostile_json_never_gets_a_5xx(app, content):
    client = app.test_client(use_cookies=False)
    question_ids = [q.id for q in content.questions]
    option_ids = sorted({o for q in content.questions for o in q.option_ids})

    @settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(body=hostile_bodies(question_ids, option_ids),
           content_type=st.sampled_from(["application/json", "application/fhir+json"]))
    def check(body, content_type):
        response = client.post("/api/assess", data=json.dumps(body), content_type=content_type, headers=CROSS_SITE)
        assert response.status_code in (200, 400, 413), response.get_data(as_text=True)
        assert response.mimetype in ("application/json", "application/problem+json")
        json.loads(response.data)

    check()


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=200))
def test_hostile_bytes_never_get_a_5xx(app, raw):
    response = app.test_client().post("/api/assess", data=raw, content_type="application/json")
    assert response.status_code in (200, 400)
