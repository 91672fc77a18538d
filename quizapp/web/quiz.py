"""Answering questions in an attempt as JSON: the server grades, records once, and returns feedback.

The learner pages post plain forms (web/learner/quiz.py); this endpoint serves scripts and API
clients with the same service, the same once-only recording and the same rule: feedback (the key
and its evidence) only in practice mode, and only after the answer is recorded.
"""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, request
from flask_login import current_user, login_required

from ..services import quizzes

bp = Blueprint("quiz", __name__)


@bp.route("/attempts/<int:attempt_id>/answers", methods=["POST"])
@login_required
def answer(attempt_id: int):
    attempt = quizzes.own_attempt(current_user.id, attempt_id)
    if attempt is None:
        abort(404)
    question_id = request.form.get("question_id", type=int)
    submission_id = (request.form.get("submission_id") or "").strip()
    if question_id is None or question_id not in (attempt.question_order or []):
        abort(404)
    if not 8 <= len(submission_id) <= 64:
        abort(400, "Each answer needs a submission id of 8 to 64 characters.")
    try:
        recorded = quizzes.answer(
            attempt,
            question_id,
            (request.form.get("answer") or "")[:2000],
            submission_id,
            request.form.get("response_ms", type=int),
        )
    except quizzes.QuizError as exc:
        abort(409, str(exc))
    except LookupError:
        abort(404)
    body = {"recorded": recorded.created, "question_id": question_id}
    if attempt.assignment.mode == "practice":
        row = quizzes.feedback(recorded.response.question, recorded.response)
        body.update(
            correct=recorded.response.correct,
            answer=row.question.answer,
            evidence=row.question.evidence_text(),
        )
    return jsonify(body)
