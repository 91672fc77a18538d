"""The OpenAPI 3.0 description of /api/v1, served at /api/v1/openapi.json."""

from __future__ import annotations

PROBLEM = {"$ref": "#/components/responses/Problem"}
ID = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}


def _path_id(name: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": ID}


def _ok(schema: dict, status: str = "200", description: str = "OK") -> dict:
    return {status: {"description": description, "content": {"application/json": {"schema": schema}}}}


def _errors(*codes: int) -> dict:
    return {str(code): PROBLEM for code in (401, 429, *codes)}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _list(name: str) -> dict:
    return {"type": "array", "items": _ref(name)}


NULLABLE_STR = {"type": "string", "nullable": True}
NULLABLE_INT = {"type": "integer", "nullable": True}

SCHEMAS = {
    "Problem": {
        "type": "object",
        "required": ["title", "status"],
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
        },
    },
    "Article": {
        "type": "object",
        "required": ["id", "title", "status", "question_counts"],
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "source": {"type": "string"},
            "sha256": {"type": "string"},
            "status": {"type": "string", "enum": ["pending", "ready", "failed"]},
            "status_message": {"type": "string"},
            "created_at": {"type": "string", "format": "date-time"},
            "question_counts": {"type": "object", "additionalProperties": {"type": "integer"}},
        },
    },
    "NewArticle": {
        "type": "object",
        "required": ["text"],
        "properties": {
            "text": {"type": "string", "minLength": 1, "description": "Plain text, Markdown or HTML."},
            "title": {
                "type": "string",
                "description": "Defaults to the text's first line when it is a headline.",
            },
        },
    },
    "Question": {
        "type": "object",
        "required": ["id", "article_id", "type", "prompt", "answer", "status"],
        "properties": {
            "id": {"type": "integer"},
            "article_id": {"type": "integer"},
            "type": {
                "type": "string",
                "enum": ["mcq", "true_false", "cloze", "short_answer", "flashcard", "matching"],
            },
            "prompt": {"type": "string"},
            "answer": {"type": "string"},
            "accepted": {"type": "array", "items": {"type": "string"}},
            "choices": {"type": "array", "items": {}},
            "evidence": {
                "type": "object",
                "properties": {"start": NULLABLE_INT, "end": NULLABLE_INT, "text": {"type": "string"}},
            },
            "status": {"type": "string", "enum": ["draft", "approved", "rejected"]},
            "difficulty": {"type": "string"},
            "score": {"type": "number"},
            "edited": {"type": "boolean"},
        },
    },
    "Class": {
        "type": "object",
        "required": ["id", "name", "join_code"],
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "join_code": {"type": "string"},
            "desired_retention": {"type": "number"},
            "learners": {"type": "integer"},
            "assignments": {"type": "integer"},
        },
    },
    "Assignment": {
        "type": "object",
        "required": ["id", "class_id", "article_id", "title", "mode"],
        "properties": {
            "id": {"type": "integer"},
            "class_id": {"type": "integer"},
            "article_id": {"type": "integer"},
            "title": {"type": "string"},
            "question_ids": {"type": "array", "items": {"type": "integer"}},
            "pool_draw": NULLABLE_INT,
            "opens_at": NULLABLE_STR,
            "due_at": NULLABLE_STR,
            "mode": {"type": "string", "enum": ["practice", "test"]},
            "attempts_allowed": {"type": "integer"},
            "shuffle": {"type": "boolean"},
        },
    },
    "Results": {
        "type": "object",
        "required": ["assignment", "results"],
        "properties": {
            "assignment": _ref("Assignment"),
            "results": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["learner_id", "status"],
                    "properties": {
                        "learner_id": {"type": "integer"},
                        "name": {"type": "string"},
                        "email": {"type": "string"},
                        "status": {"type": "string"},
                        "best_score": NULLABLE_INT,
                        "total": {"type": "integer"},
                        "percent": {"type": "number", "nullable": True},
                        "attempts": {"type": "integer"},
                    },
                },
            },
        },
    },
}


def openapi_document() -> dict:
    """The API description as a JSON-serialisable dictionary."""
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "quizapp API",
            "version": "1.0.0",
            "description": "Articles, their generated questions, classes, assignments and results of the "
            "teacher who owns the token. Errors are RFC 9457 problem details.",
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "paths": {
            "/articles": {
                "get": {"operationId": "listArticles", "responses": {**_ok(_list("Article")), **_errors()}},
                "post": {
                    "operationId": "createArticle",
                    "description": "Store an article and generate its questions (as drafts).",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("NewArticle")}},
                    },
                    "responses": {**_ok(_ref("Article"), "201", "Created"), **_errors(400, 413, 422)},
                },
            },
            "/articles/{article_id}": {
                "get": {
                    "operationId": "getArticle",
                    "parameters": [_path_id("article_id")],
                    "responses": {**_ok(_ref("Article")), **_errors(404)},
                }
            },
            "/articles/{article_id}/questions": {
                "get": {
                    "operationId": "listQuestions",
                    "parameters": [
                        _path_id("article_id"),
                        {
                            "name": "status",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "enum": ["draft", "approved", "rejected"]},
                        },
                    ],
                    "responses": {**_ok(_list("Question")), **_errors(404, 422)},
                }
            },
            **{
                f"/questions/{{question_id}}/{action}": {
                    "post": {
                        "operationId": f"{action}Question",
                        "parameters": [_path_id("question_id")],
                        "responses": {**_ok(_ref("Question")), **_errors(404)},
                    }
                }
                for action in ("approve", "reject")
            },
            "/classes": {
                "get": {"operationId": "listClasses", "responses": {**_ok(_list("Class")), **_errors()}}
            },
            "/classes/{class_id}/assignments": {
                "get": {
                    "operationId": "listAssignments",
                    "parameters": [_path_id("class_id")],
                    "responses": {**_ok(_list("Assignment")), **_errors(404)},
                }
            },
            "/assignments/{assignment_id}/results": {
                "get": {
                    "operationId": "getResults",
                    "parameters": [_path_id("assignment_id")],
                    "responses": {**_ok(_ref("Results")), **_errors(404)},
                }
            },
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": SCHEMAS,
            "responses": {
                "Problem": {
                    "description": "An error, as problem details",
                    "content": {"application/problem+json": {"schema": _ref("Problem")}},
                }
            },
        },
    }
