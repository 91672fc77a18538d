"""Assignments: an article's approved questions (or a random pool of them) set to a class."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ...services import assignments as service
from ...services.articles import list_articles, owned_article
from ...services.classes import owned_class
from ..access import teacher_required
from . import bp
from ._common import form_ids, found


@bp.route("/classes/<int:class_id>/assignments/new", methods=["GET", "POST"])
@teacher_required
def new_assignment(class_id: int):
    classroom = found(owned_class(current_user, class_id))
    article_id = request.values.get("article_id", type=int)
    article = found(owned_article(current_user, article_id)) if article_id else None
    error = None
    if request.method == "POST" and article is not None:
        data = service.AssignmentInput(
            article_id=article.id,
            title=request.form.get("title", ""),
            question_ids=form_ids("question_ids"),
            pool_draw=request.form.get("pool_draw", ""),
            opens_at=request.form.get("opens_at", ""),
            due_at=request.form.get("due_at", ""),
            mode=request.form.get("mode", "practice"),
            attempts_allowed=request.form.get("attempts_allowed", "1"),
            shuffle=request.form.get("shuffle") == "on",
        )
        try:
            assignment = service.create_assignment(classroom, article, data)
        except service.AssignmentError as exc:
            error = str(exc)
        else:
            flash(f"Assignment “{assignment.title}” set. Learners see it on their dashboard.", "success")
            return redirect(url_for("teacher.class_detail", class_id=classroom.id))
    return render_template(
        "teacher/assignment_form.html",
        classroom=classroom,
        article=article,
        articles=[a for a, counts in list_articles(current_user) if counts["approved"]],
        questions=service.approved_questions(article) if article else [],
        form=request.form if request.method == "POST" else None,
        error=error,
    ), (422 if error else 200)


@bp.route("/assignments/<int:assignment_id>/delete", methods=["POST"])
@teacher_required
def delete_assignment(assignment_id: int):
    assignment = found(service.owned_assignment(current_user, assignment_id))
    class_id = assignment.classroom_id
    service.delete_assignment(assignment)
    flash("Assignment deleted, with its attempts.", "success")
    return redirect(url_for("teacher.class_detail", class_id=class_id))
