"""The gradebook of a class, a learner's answers one by one, and the CSV export."""

from __future__ import annotations

import re

from flask import Response, render_template, request
from flask_login import current_user

from ...services import gradebook as service
from ...services.assignments import owned_assignment
from ...services.classes import owned_class
from ..access import teacher_required
from . import bp
from ._common import found


@bp.route("/classes/<int:class_id>/gradebook")
@teacher_required
def gradebook(class_id: int):
    classroom = found(owned_class(current_user, class_id))
    page = request.args.get("page", 1, type=int)
    book = service.build_gradebook(classroom, page=page, per_page=service.LEARNERS_PER_PAGE)
    return render_template("teacher/gradebook.html", book=book, classroom=classroom)


@bp.route("/classes/<int:class_id>/gradebook.csv")
@teacher_required
def gradebook_csv(class_id: int):
    classroom = found(owned_class(current_user, class_id))
    body = service.gradebook_csv(service.build_gradebook(classroom))
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", classroom.name).strip("-") or "class"
    return Response(
        body.encode("utf-8"),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="gradebook-{name}.csv"'},
    )


@bp.route("/assignments/<int:assignment_id>/learners/<int:user_id>")
@teacher_required
def learner_answers(assignment_id: int, user_id: int):
    assignment = found(owned_assignment(current_user, assignment_id))
    learner = found(service.assignment_learner(assignment, user_id))
    return render_template(
        "teacher/learner_answers.html",
        assignment=assignment,
        learner=learner,
        attempts=service.learner_answers(assignment, learner),
    )
