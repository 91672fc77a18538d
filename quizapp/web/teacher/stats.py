"""Item analysis of an assignment, accepting a given answer, and a class's spaced-repetition picture."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ...services import itemstats
from ...services.assignments import owned_assignment, questions_per_learner
from ...services.classes import owned_class
from ...services.review import TYPE_LABELS
from ...services.teacher_srs import class_study
from ..access import teacher_required
from . import bp
from ._common import found


@bp.route("/assignments/<int:assignment_id>/stats")
@teacher_required
def assignment_stats(assignment_id: int):
    assignment = found(owned_assignment(current_user, assignment_id))
    items, attempts = itemstats.item_analysis(assignment)
    return render_template(
        "teacher/stats.html",
        assignment=assignment,
        items=items,
        labels_shown=itemstats.distinct_labels([i.question.prompt for i in items]),
        attempts=attempts,
        per_learner=questions_per_learner(assignment),
        labels=TYPE_LABELS,
        min_responses=itemstats.MIN_RESPONSES,
    )


@bp.route("/assignments/<int:assignment_id>/questions/<int:question_id>/accept", methods=["POST"])
@teacher_required
def accept_answer(assignment_id: int, question_id: int):
    assignment = found(owned_assignment(current_user, assignment_id))
    question = found(itemstats.assignment_question(assignment, question_id))
    try:
        n = itemstats.accept_answer(question, request.form.get("answer", ""))
    except itemstats.AcceptError as exc:
        flash(str(exc), "error")
    else:
        flash(f"Answer accepted; {n} response(s) regraded as right.", "success")
    return redirect(url_for("teacher.assignment_stats", assignment_id=assignment_id) + f"#item-{question_id}")


@bp.route("/classes/<int:class_id>/study")
@teacher_required
def class_study_page(class_id: int):
    classroom = found(owned_class(current_user, class_id))
    return render_template("teacher/study.html", classroom=classroom, study=class_study(classroom))
