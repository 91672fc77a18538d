"""Reviewing an article's questions next to the article, with each evidence sentence highlighted."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ...services import review as service
from ...services.articles import owned_article
from ..access import teacher_required
from . import bp
from ._common import form_ids, form_lines, found

STATUS_ACTIONS = {"approve": "approved", "reject": "rejected", "draft": "draft"}


def _input_from_form() -> service.QuestionInput:
    key = request.form.get("key", "")
    pairs = []
    for line in form_lines("pairs"):
        left, sep, right = line.partition("=")
        pairs.append((left, right) if sep else (line, ""))
    return service.QuestionInput(
        prompt=request.form.get("prompt", ""),
        answer=request.form.get("answer", ""),
        options=[request.form.get(f"option{i}", "") for i in range(4)]
        if "option0" in request.form
        else form_lines("options"),
        key_index=int(key) if key.isdigit() else None,
        accepted=form_lines("accepted"),
        pairs=pairs,
        evidence=request.form.get("evidence", ""),
    )


@bp.route("/articles/<int:article_id>")
@teacher_required
def article(article_id: int):
    article = found(owned_article(current_user, article_id))
    status = request.args.get("status") if request.args.get("status") in STATUS_ACTIONS.values() else None
    questions = service.article_questions(article)
    shown = [q for q in questions if status is None or q.status == status]
    visible = [q for q in questions if q.status != "rejected"]
    return render_template(
        "teacher/article.html",
        article=article,
        questions=shown,
        number={q.id: i for i, q in enumerate(questions, 1)},
        segments=service.highlighted_segments(article.text, visible),
        counts=service.status_counts(article),
        status=status,
        labels=service.TYPE_LABELS,
    )


@bp.route("/questions/<int:question_id>/status", methods=["POST"])
@teacher_required
def question_status(question_id: int):
    question = found(service.owned_question(current_user, question_id))
    action = request.form.get("action", "")
    if action not in STATUS_ACTIONS:
        flash("Unknown action.", "error")
    else:
        service.set_status(question, STATUS_ACTIONS[action])
        flash(f"Question {STATUS_ACTIONS[action]}.", "success")
    return redirect(url_for("teacher.article", article_id=question.article_id) + f"#q-{question.id}")


@bp.route("/articles/<int:article_id>/bulk", methods=["POST"])
@teacher_required
def bulk(article_id: int):
    article = found(owned_article(current_user, article_id))
    action = request.form.get("action", "")
    if action == "approve_drafts":
        ids = [q.id for q in service.article_questions(article, "draft")]
        action = "approve"
    else:
        ids = form_ids("question_ids")
    if action not in STATUS_ACTIONS:
        flash("Unknown action.", "error")
    elif not ids:
        flash("Select at least one question first.", "info")
    else:
        n = service.bulk_set_status(article, ids, STATUS_ACTIONS[action])
        flash(f"{n} question(s) {STATUS_ACTIONS[action]}.", "success")
    return redirect(url_for("teacher.article", article_id=article.id))


@bp.route("/questions/<int:question_id>/edit", methods=["GET", "POST"])
@teacher_required
def edit_question(question_id: int):
    question = found(service.owned_question(current_user, question_id))
    error = None
    if request.method == "POST":
        try:
            service.update_question(question, _input_from_form())
        except service.ReviewError as exc:
            error = str(exc)
        else:
            flash("Question saved (marked as edited: generating again keeps it).", "success")
            return redirect(url_for("teacher.article", article_id=question.article_id) + f"#q-{question.id}")
    return render_template(
        "teacher/question_form.html",
        question=question,
        qtype=question.qtype,
        article=question.article,
        form=request.form if request.method == "POST" else None,
        error=error,
        labels=service.TYPE_LABELS,
        segments=service.highlighted_segments(question.article.text, [question]),
    ), (422 if error else 200)


@bp.route("/articles/<int:article_id>/questions/new", methods=["GET", "POST"])
@teacher_required
def new_question(article_id: int):
    article = found(owned_article(current_user, article_id))
    qtype = request.values.get("type", "")
    qtype = qtype if qtype in service.HAND_TYPES else None
    error = None
    if request.method == "POST":
        try:
            question = service.add_question(article, qtype or "", _input_from_form())
        except service.ReviewError as exc:
            error = str(exc)
        else:
            flash("Question added and approved.", "success")
            return redirect(url_for("teacher.article", article_id=article.id) + f"#q-{question.id}")
    return render_template(
        "teacher/question_form.html",
        question=None,
        qtype=qtype,
        article=article,
        form=request.form if request.method == "POST" else None,
        error=error,
        labels=service.TYPE_LABELS,
        hand_types=service.HAND_TYPES,
        segments=None,
    ), (422 if error else 200)
