"""Answering questions in an attempt: the server grades, records once, and returns feedback."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, request
from flask_login import current_user, login_required

from ..extensions import db
from ..models import Attempt, Question
from ..services.responses import SubmissionConflict, record_response

bp = Blueprint("quiz", __name__)


def _own_attempt(attempt_id: int) -> Attempt:
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None or attempt.user_id != current_user.id:
        abort(404)
    return attempt


@bp.route("/attempts/<int:attempt_id>/answers", methods=["POST"])
@login_required
def answer(attempt_id: int):
    attempt = _own_attempt(attempt_id)
    question_id = request.form.get("question_id", type=int)
    submission_id = (request.form.get("submission_id") or "").strip()
    if question_id is None or question_id not in (attempt.question_order or []):
        abort(404)
    if not 8 <= len(submission_id) <= 64:
        abort(400, "Each answer needs a submission id of 8 to 64 characters.")
    if attempt.submitted_at is not None:
        abort(409, "This attempt is already finished.")
    question = db.session.get(Question, question_id)
    try:
        recorded = record_response(
            attempt,
            question,
            request.form.get("answer", ""),
            submission_id,
            request.form.get("response_ms", type=int),
        )
    except SubmissionConflict:
        abort(409, "This submission id was already used.")
    body = {"recorded": recorded.created, "question_id": question_id}
    if attempt.assignment.mode == "practice":
        body.update(
            correct=recorded.response.correct,
            answer=question.answer,
            evidence=question.evidence_text(),
        )
    return jsonify(body)
