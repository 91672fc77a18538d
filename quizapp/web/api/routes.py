"""API views: parse, authorize (the token's teacher owns the object), call a service, return JSON."""

from __future__ import annotations

from flask import abort, g, jsonify, request

from ... import qg
from ...services import api as shapes
from ...services.articles import list_articles, owned_article, submit_article
from ...services.assignments import class_assignments, owned_assignment
from ...services.classes import list_classes, owned_class
from ...services.review import article_questions, owned_question, set_status
from . import bp
from .openapi import openapi_document

MAX_ARTICLE_CHARS = 200_000
STATUSES = ("draft", "approved", "rejected")


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document())


@bp.get("/articles")
def articles():
    return jsonify([shapes.article_json(a, counts) for a, counts in list_articles(g.api_user)])


@bp.post("/articles")
def create_article():
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, 'Send a JSON object such as {"title": "...", "text": "..."}.')
    text, title = body.get("text"), body.get("title")
    if not isinstance(text, str) or not text.strip():
        abort(422, '"text" must be the article as a non-empty string.')
    if title is not None and not isinstance(title, str):
        abort(422, '"title" must be a string.')
    if len(text) > MAX_ARTICLE_CHARS:
        abort(413, f"Articles are limited to {MAX_ARTICLE_CHARS:,} characters.")
    try:
        article = submit_article(g.api_user, text, title=title or None, source="api")
    except qg.ArticleError as exc:
        abort(422, str(exc))
    return jsonify(shapes.article_json(article)), 201


@bp.get("/articles/<int:article_id>")
def article(article_id: int):
    found = owned_article(g.api_user, article_id) or abort(404)
    return jsonify(shapes.article_json(found))


@bp.get("/articles/<int:article_id>/questions")
def questions(article_id: int):
    found = owned_article(g.api_user, article_id) or abort(404)
    status = request.args.get("status")
    if status is not None and status not in STATUSES:
        abort(422, f"status must be one of {', '.join(STATUSES)}.")
    return jsonify([shapes.question_json(q) for q in article_questions(found, status)])


@bp.post("/questions/<int:question_id>/<any(approve, reject):action>")
def review_question(question_id: int, action: str):
    question = owned_question(g.api_user, question_id) or abort(404)
    set_status(question, "approved" if action == "approve" else "rejected")
    return jsonify(shapes.question_json(question))


@bp.get("/classes")
def classes():
    return jsonify([shapes.class_json(*row) for row in list_classes(g.api_user)])


@bp.get("/classes/<int:class_id>/assignments")
def assignments(class_id: int):
    classroom = owned_class(g.api_user, class_id) or abort(404)
    return jsonify([shapes.assignment_json(a) for a in class_assignments(classroom)])


@bp.get("/assignments/<int:assignment_id>/results")
def results(assignment_id: int):
    assignment = owned_assignment(g.api_user, assignment_id) or abort(404)
    return jsonify(
        {"assignment": shapes.assignment_json(assignment), "results": shapes.results_json(assignment)}
    )
