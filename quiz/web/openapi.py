"""The OpenAPI 3.1 description of the JSON API (quiz/web/api.py), served at /api/openapi.json.

Written by hand, except the question and option ids in the request schema: those come from the
content, so the description always lists the questions the app really asks.
"""

from __future__ import annotations

from ..domain.content import CARE_LEVELS, Content


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: str, example: dict | None = None) -> dict:
    media = {"schema": _ref(schema)}
    if example is not None:
        media["example"] = example
    return media


def answers_schema(content: Content) -> dict:
    """question id: [option ids], one property per question in the content."""
    properties = {}
    for question in content.questions:
        schema = {
            "type": "array",
            "description": question.text,
            "items": {"enum": list(question.option_ids)},
            "minItems": 1,
            "uniqueItems": True,
        }
        if question.type == "single":
            schema["maxItems"] = 1
        properties[question.id] = schema
    return {
        "type": "object",
        "description": "The answers the quiz's form posts: question id to the chosen option ids. Answer "
                       "exactly the questions these answers lead to (see the Questionnaire's enableWhen).",
        "properties": properties,
        "additionalProperties": False,
    }


def openapi_document(content: Content) -> dict:
    example_answers = {question.id: [question.options[-1].id] for question in content.questions[:2]}
    problem_responses = {
        "400": {"description": "The body is not JSON, or the answers are not valid or not complete; "
                               "`problems` names each one.",
                "content": {"application/problem+json": {"schema": _ref("Problem")}}},
        "413": {"description": "The body is over the size cap (16 KB by default).",
                "content": {"application/problem+json": {"schema": _ref("Problem")}}},
        "415": {"description": "The body is not sent as application/json or application/fhir+json.",
                "content": {"application/problem+json": {"schema": _ref("Problem")}}},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Muscle twitching quiz API",
            "version": "1",
            "description": "The twitching quiz for other software: its questions as a FHIR R4 Questionnaire, "
                           "and an assessment (care level, red flags, likely causes) of a complete set of "
                           "answers. Nothing is stored or logged; no cookies. CORS is open to any origin, "
                           "without credentials.",
        },
        "paths": {
            "/fhir/Questionnaire/twitching": {
                "get": {
                    "summary": "The quiz as a FHIR R4 Questionnaire",
                    "operationId": "getQuestionnaire",
                    "responses": {
                        "200": {"description": "The Questionnaire resource.",
                                "content": {"application/fhir+json": {"schema": _ref("Questionnaire")}}},
                    },
                },
            },
            "/api/assess": {
                "post": {
                    "summary": "Assess a complete set of answers",
                    "operationId": "assess",
                    "parameters": [{
                        "name": "region", "in": "query", "required": False,
                        "description": "Where the person is, for the emergency number and care wording; "
                                       "for a QuestionnaireResponse, or when the body gives none.",
                        "schema": _ref("Region"),
                    }],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": _json("AssessRequest", {"answers": example_answers, "region": "us"}),
                            "application/fhir+json": _json("QuestionnaireResponse"),
                        },
                    },
                    "responses": {
                        "200": {"description": "The assessment. Sent with Cache-Control: no-store.",
                                "content": {"application/json": {"schema": _ref("Assessment")}}},
                        **problem_responses,
                    },
                },
            },
            "/api/openapi.json": {
                "get": {
                    "summary": "This description",
                    "operationId": "getOpenApi",
                    "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {}}}},
                },
            },
        },
        "components": {"schemas": {
            "Region": {"type": "string", "enum": list(content.regions)},
            "Answers": answers_schema(content),
            "AssessRequest": {
                "type": "object",
                "required": ["answers"],
                "properties": {"answers": _ref("Answers"), "region": _ref("Region")},
                "additionalProperties": False,
            },
            "QuestionnaireResponse": {
                "type": "object",
                "description": "A FHIR R4 QuestionnaireResponse to the Questionnaire at "
                               "/fhir/Questionnaire/twitching: one item per answered question, each "
                               "answer a valueCoding whose code is the option id.",
                "required": ["resourceType"],
                "properties": {
                    "resourceType": {"const": "QuestionnaireResponse"},
                    "questionnaire": {"type": "string"},
                    "status": {"type": "string"},
                    "item": {"type": "array", "items": {
                        "type": "object",
                        "required": ["linkId"],
                        "properties": {
                            "linkId": {"enum": [question.id for question in content.questions]},
                            "answer": {"type": "array", "items": {
                                "type": "object",
                                "required": ["valueCoding"],
                                "properties": {"valueCoding": {
                                    "type": "object", "required": ["code"], "properties": {"code": {"type": "string"}},
                                }},
                            }},
                        },
                    }},
                },
            },
            "Assessment": {
                "type": "object",
                "required": ["care_level", "care_heading", "region", "emergency_number", "red_flags", "causes", "sections"],
                "additionalProperties": False,
                "properties": {
                    "care_level": {"enum": list(CARE_LEVELS),
                                   "description": "Set by the most urgent red flag; self-care when none."},
                    "care_heading": {"type": ["string", "null"],
                                     "description": "What to do, in the region's words (null for self-care)."},
                    "region": _ref("Region"),
                    "emergency_number": {"type": "string", "pattern": "^[0-9]{2,4}$"},
                    "red_flags": {"type": "array", "description": "The red flags raised, most urgent first.",
                                  "items": {
                                      "type": "object",
                                      "required": ["id", "level", "text", "reason"],
                                      "additionalProperties": False,
                                      "properties": {
                                          "id": {"type": "string"},
                                          "level": {"enum": list(CARE_LEVELS[:3])},
                                          "text": {"type": "string"},
                                          "reason": {"type": "string"},
                                      },
                                  }},
                    "causes": {"type": "array", "minItems": 1,
                               "description": "Likely causes, best fit first; the 'no clear cause' entry alone "
                                              "when nothing fits.",
                               "items": {
                                   "type": "object",
                                   "required": ["id", "title", "score", "strength", "reasons"],
                                   "additionalProperties": False,
                                   "properties": {
                                       "id": {"type": "string"},
                                       "title": {"type": "string"},
                                       "score": {"type": "integer", "minimum": 0},
                                       "strength": {"enum": ["strong", "some", "none"]},
                                       "reasons": {"type": "array", "items": {"type": "string"},
                                                   "description": "Why it fits, one sentence per answer."},
                                   },
                               }},
                    "sections": {"type": "array", "items": {"type": "string"},
                                 "description": "Ids of the explainer sections that apply."},
                },
            },
            "Problem": {
                "type": "object",
                "description": "RFC 9457 problem details.",
                "required": ["type", "title", "status"],
                "properties": {
                    "type": {"type": "string"},
                    "title": {"type": "string"},
                    "status": {"type": "integer"},
                    "detail": {"type": "string"},
                    "problems": {"type": "array", "items": {
                        "type": "object",
                        "required": ["at", "message"],
                        "additionalProperties": False,
                        "properties": {"at": {"type": "string"}, "message": {"type": "string"}},
                    }},
                },
            },
            "Questionnaire": {
                "type": "object",
                "required": ["resourceType", "item"],
                "properties": {
                    "resourceType": {"const": "Questionnaire"},
                    "item": {"type": "array", "items": {
                        "type": "object",
                        "required": ["linkId", "type", "answerOption"],
                        "properties": {
                            "linkId": {"type": "string"},
                            "type": {"const": "choice"},
                            "repeats": {"type": "boolean"},
                            "required": {"type": "boolean"},
                        },
                    }},
                },
            },
        }},
    }
