"""The quiz for other software: the questions as a FHIR Questionnaire, and the assessment as JSON.

GET  /fhir/Questionnaire/twitching  the quiz as a FHIR R4 Questionnaire (quiz/domain/fhir.py)
POST /api/assess                    answers in ({"answers": ...} or a QuestionnaireResponse), assessment out
GET  /api/openapi.json              the OpenAPI 3.1 description of the above (quiz/web/openapi.py)

Stateless like the pages: nothing is stored or logged, no cookie is set, and answers travel only
in the POST body. Any site may call the API from its own pages (CORS with `*`, no credentials):
there is no cookie or session a cross-site call could borrow, so the pages' cross-site form
defence (quiz/web/security.py) does not apply here. Every error is JSON (RFC 9457 problem
details) naming what was wrong, never an HTML page.
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata

from flask import Blueprint, Response, abort, current_app, request, url_for
from werkzeug.exceptions import HTTPException, InternalServerError

from ..domain.answer_check import Problem, check_answers, cut, plain_location
from ..domain.content import Content, Region
from ..domain.engine import Assessment, Reason, assess
from ..domain.fhir import (
    QuestionnaireFacts, answers_from_response, location_in_response, questionnaire, questionnaire_item,
)
from .openapi import openapi_document

bp = Blueprint("api", __name__)

FHIR_JSON = "application/fhir+json"
PROBLEM_JSON = "application/problem+json"
ACCEPTED_TYPES = ("application/json", FHIR_JSON)
PREFLIGHT_MAX_AGE = "7200"  # seconds; the most any browser keeps a preflight
REQUEST_KEYS = frozenset({"answers", "region"})
ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
ERROR_DETAILS = {
    400: "The request could not be read.",
    403: "This request was refused.",
    404: "No such path: the API is described at /api/openapi.json.",
    405: "This path does not take that method: see the Allow header.",
    413: "The body is too large: send at most {cap} bytes.",
}


class InvalidRequest(Exception):
    def __init__(self, *problems: Problem):
        self.problems = problems


def reason_text(reason: Reason) -> str:
    """The sentence that says why a cause fits, as the content writes it."""
    return reason.text


# --------------------------------------------------------------------------------------------
# Routes


@bp.route("/fhir/Questionnaire/twitching", methods=["GET", "OPTIONS"])
def fhir_questionnaire():
    if request.method == "OPTIONS":
        return preflight("GET, HEAD, OPTIONS")
    # Built per request, not cached: its canonical URL comes from the Host the client sent.
    url = url_for("api.fhir_questionnaire", _external=True)
    body = json_bytes(questionnaire(content(), questionnaire_facts(url)))
    return Response(body, content_type=f"{FHIR_JSON}; charset=utf-8")


@bp.route("/api/openapi.json", methods=["GET", "OPTIONS"])
def openapi():
    if request.method == "OPTIONS":
        return preflight("GET, HEAD, OPTIONS")
    body = current_app.extensions.get("api.openapi")
    if body is None:
        body = current_app.extensions["api.openapi"] = json_bytes(openapi_document(content()))
    return Response(body, content_type="application/json")


@bp.route("/api/assess", methods=["POST", "OPTIONS"])
def assess_answers():
    if request.method == "OPTIONS":
        return preflight("POST, OPTIONS")
    quiz = current_app.extensions["quiz"]
    body = read_json_body()
    try:
        raw_answers, locate, region = read_request(body, quiz.content)
        checked = check_answers(quiz.content, quiz.rules, raw_answers, locate)
        if checked.problems:
            raise InvalidRequest(*checked.problems)
    except InvalidRequest as invalid:
        return problem_response(400, "The answers could not be assessed", invalid.problems)
    result = assessment_json(assess(quiz.content, checked.walk), region)
    return Response(json_bytes(result), content_type="application/json", headers={"Cache-Control": "no-store"})


@bp.route("/api/<path:rest>", methods=ALL_METHODS)
@bp.route("/fhir/<path:rest>", methods=ALL_METHODS)
def not_here(rest: str):
    """What no route above answers, so that it gets a JSON error too: a wrong method on one of
    their paths (405: routing picks this rule over theirs) or an unknown path (404)."""
    allowed = sorted({
        method for rule in current_app.url_map.iter_rules()
        if rule.rule == request.path and rule.endpoint != "api.not_here" for method in rule.methods
    })
    if allowed:
        abort(405, valid_methods=allowed)
    abort(404)


# --------------------------------------------------------------------------------------------
# Reading the request


def content() -> Content:
    return current_app.extensions["quiz"].content


def read_json_body() -> object:
    if request.mimetype not in ACCEPTED_TYPES:
        abort(415, description=f"Send the body as {' or '.join(ACCEPTED_TYPES)}.")
    try:  # the body is already read, within the app's size cap (quiz/web/limits.py)
        return json.loads(request.get_data(cache=True))
    except (ValueError, RecursionError):  # not JSON, not UTF-8, nested too deep, a number too long
        abort(400, description="The body is not valid JSON.")


def read_request(body: object, content: Content):
    """(the raw answers, how to name where each is, the region) from either shape of request."""
    if not isinstance(body, dict):
        raise InvalidRequest(Problem("body", "must be a JSON object"))
    if "resourceType" in body:
        if body["resourceType"] != "QuestionnaireResponse":
            raise InvalidRequest(Problem("resourceType", "the only FHIR resource accepted is a QuestionnaireResponse"))
        answers, problems = answers_from_response(body)
        if problems:
            raise InvalidRequest(*problems)
        return answers, location_in_response, read_region(request.args.get("region"), "region (query)", content)
    unknown = sorted(set(body) - REQUEST_KEYS)
    if unknown:
        raise InvalidRequest(*(Problem(cut(key), "unknown field (send answers and, if you like, region)") for key in unknown))
    if "answers" not in body:
        raise InvalidRequest(Problem("answers", "is missing"))
    region = body["region"] if "region" in body else request.args.get("region")
    return body["answers"], plain_location, read_region(region, "region", content)


def read_region(value: object, at: str, content: Content) -> Region:
    if value is None:
        return content.regions[current_app.config["REGION"]]
    if not isinstance(value, str) or value not in content.regions:
        raise InvalidRequest(Problem(at, f"unknown region {cut(value)} (one of: {', '.join(content.regions)})"))
    return content.regions[value]


# --------------------------------------------------------------------------------------------
# Writing the response


def assessment_json(assessment: Assessment, region: Region) -> dict:
    return {
        "care_level": assessment.care_level,
        "care_heading": region.care_headings.get(assessment.care_level),
        "region": region.id,
        "emergency_number": region.emergency_number,
        "red_flags": [
            {"id": flag.id, "level": flag.level, "text": flag.card_text, "reason": flag.reason}
            for flag in assessment.red_flags
        ],
        "causes": [
            {
                "id": ranked.cause.id,
                "title": ranked.cause.title,
                "score": ranked.score,
                "strength": ranked.strength,
                "reasons": [reason_text(reason) for reason in ranked.reasons],
            }
            for ranked in assessment.causes
        ],
        "sections": [section.id for section in assessment.sections],
    }


def questionnaire_facts(url: str) -> QuestionnaireFacts:
    items = json_bytes([questionnaire_item(question) for question in content().questions])
    # The version changes whenever the questions do, so a system that keeps a copy can tell.
    version = f"{metadata.version('twitch-explainer')}+{hashlib.sha256(items).hexdigest()[:12]}"
    return QuestionnaireFacts(url=url, version=version,
                              publisher=current_app.config["FHIR_PUBLISHER"])


def json_bytes(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def preflight(methods: str) -> Response:
    response = Response(status=204, headers={
        "Allow": methods,
        "Access-Control-Allow-Methods": methods,
        "Access-Control-Allow-Headers": "Content-Type",
        "Access-Control-Max-Age": PREFLIGHT_MAX_AGE,
    })
    del response.headers["Content-Type"]  # no body, so no type (and no HTML compression for it)
    return response


def problem_response(status: int, title: str, problems=(), detail: str | None = None, headers=None) -> Response:
    body: dict = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if problems:
        body["problems"] = [{"at": problem.at, "message": problem.message} for problem in problems]
    return Response(json_bytes(body), status=status, content_type=PROBLEM_JSON, headers=headers or {})


@bp.after_request
def allow_any_origin(response: Response) -> Response:
    """Any page may read the API's answers; no credentials, so nothing of a visitor's goes with them."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def http_error(error: HTTPException) -> Response:
    code = error.code or 500
    if code >= 500:  # our own fault: no detail
        return problem_response(500, InternalServerError.name, detail="Please try again later. Nothing was stored.")
    headers = None
    if code == 405 and getattr(error, "valid_methods", None):
        headers = {"Allow": ", ".join(error.valid_methods)}
    if error.description != type(error).description:  # written here, not Werkzeug's words for browsers
        detail = error.description
    else:
        detail = ERROR_DETAILS.get(code, "").format(cap=current_app.config["MAX_CONTENT_LENGTH"])
    return problem_response(code, error.name, detail=detail, headers=headers)


# Each code by itself as well: a code's own handler is found before any class handler, the app's included.
for _code in (400, 403, 404, 405, 413, 415, 500):
    bp.register_error_handler(_code, http_error)
bp.register_error_handler(HTTPException, http_error)
