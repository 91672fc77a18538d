"""Review sessions: every due card, questions answered again and flashcards flipped and rated.

A flashcard's back is not in the page until the learner flips it: with JavaScript the flip fetches
it from ``card_back``; without, the "Show answer" link reloads the card revealed.
"""

from __future__ import annotations

from flask import abort, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from ...services import quizzes, study
from . import _forms, bp, learner_page


def _card_or_404(card_id: int):
    card = study.own_card(current_user.id, card_id)
    if card is None:
        abort(404)
    return card


def _done() -> int:
    return max(0, min(10_000, request.values.get("done", 0, type=int) or 0))


def _render_card(card, revealed: bool = False):
    remaining = len(study.due_cards(current_user.id))
    question = card.question
    return render_template(
        "learner/review.html",
        card=card,
        view=None if question.qtype == "flashcard" else quizzes.card_view(question, f"{card.id}:{card.reps}"),
        revealed=revealed,
        evidence=quizzes.evidence_parts(question) if revealed else None,
        done=_done(),
        remaining=remaining,
        submission_id=_forms.new_submission_id(),
        shown_at=_forms.now_ms(),
    )


@bp.route("/review")
@learner_page
def review():
    due = study.due_cards(current_user.id, limit=1)
    if not due:
        return render_template("learner/review_done.html", done=_done())
    return _render_card(due[0])


@bp.route("/review/cards/<int:card_id>")
@learner_page
def review_card(card_id: int):
    card = _card_or_404(card_id)
    revealed = card.question.qtype == "flashcard" and request.args.get("reveal") == "1"
    return _render_card(card, revealed)


@bp.route("/review/cards/<int:card_id>/back")
@learner_page
def card_back(card_id: int):
    """The back of a flashcard, fetched when the learner flips it (never a question's key)."""
    card = _card_or_404(card_id)
    if card.question.qtype != "flashcard":
        abort(404)
    parts = quizzes.evidence_parts(card.question)
    return jsonify(back=card.question.answer, evidence=list(parts) if parts else None)


@bp.route("/review/cards/<int:card_id>/rate", methods=["POST"])
@learner_page
def rate_card(card_id: int):
    card = _card_or_404(card_id)
    rating = request.form.get("rating", type=int)
    sid = _forms.submission_id(request.form)
    if card.question.qtype != "flashcard" or rating not in (1, 2, 3, 4) or sid is None:
        abort(400, "Rate the card with Again, Hard, Good or Easy.")
    try:
        result = study.review_card(
            current_user.id, card.id, rating, sid, duration_ms=_forms.response_ms(request.form)
        )
    except study.ReviewConflict:
        abort(409, "This review was already sent from another page.")
    done = _done() + (1 if result.created else 0)
    return redirect(url_for("learner.review", done=done))


@bp.route("/review/cards/<int:card_id>/answer", methods=["POST"])
@learner_page
def answer_card(card_id: int):
    card = _card_or_404(card_id)
    question = card.question
    sid = _forms.submission_id(request.form)
    if question.qtype == "flashcard" or sid is None:
        abort(400, "This answer form is incomplete. Reload the page and try again.")
    view = quizzes.card_view(question, f"{card.id}:{card.reps}")
    given = _forms.given_answer(question, request.form, view.lefts)
    if not _forms.has_answer(question, given):
        return redirect(url_for("learner.review_card", card_id=card.id, done=_done()))
    try:
        result = study.answer_card(current_user.id, card, given, sid, _forms.response_ms(request.form))
    except study.ReviewConflict:
        abort(409, "This review was already sent from another page.")
    return render_template(
        "learner/review_feedback.html",
        card=card,
        question=question,
        given=given,
        grade=result.grade,
        evidence=quizzes.evidence_parts(question),
        done=_done() + 1,
        remaining=len(study.due_cards(current_user.id)),
    )
