"""Classes: create one, share its join code, manage the roster and the desired retention."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ...services import classes as service
from ...services.assignments import class_assignments
from ..access import teacher_required
from . import bp
from ._common import found


@bp.route("/classes", methods=["GET", "POST"])
@teacher_required
def classes():
    error, values = None, {"name": "", "retention": "0.90"}
    if request.method == "POST":
        values = {"name": request.form.get("name", ""), "retention": request.form.get("retention", "0.9")}
        try:
            classroom = service.create_class(current_user, values["name"], values["retention"])
        except service.ClassError as exc:
            error = str(exc)
        else:
            flash(f"Class “{classroom.name}” created. Share its join code with your learners.", "success")
            return redirect(url_for("teacher.class_detail", class_id=classroom.id))
    return render_template(
        "teacher/classes.html", classes=service.list_classes(current_user), error=error, values=values
    ), (422 if error else 200)


@bp.route("/classes/<int:class_id>")
@teacher_required
def class_detail(class_id: int):
    classroom = found(service.owned_class(current_user, class_id))
    return render_template(
        "teacher/class.html",
        classroom=classroom,
        roster=service.roster(classroom),
        assignments=class_assignments(classroom),
        join_url=url_for("learner.dashboard", _external=True).rstrip("/") + f"/join/{classroom.join_code}",
        error=None,
    )


@bp.route("/classes/<int:class_id>/settings", methods=["POST"])
@teacher_required
def class_settings(class_id: int):
    classroom = found(service.owned_class(current_user, class_id))
    try:
        service.update_class(classroom, request.form.get("name", ""), request.form.get("retention", ""))
    except service.ClassError as exc:
        flash(str(exc), "error")
    else:
        flash("Class settings saved.", "success")
    return redirect(url_for("teacher.class_detail", class_id=class_id))


@bp.route("/classes/<int:class_id>/code", methods=["POST"])
@teacher_required
def regenerate_code(class_id: int):
    classroom = found(service.owned_class(current_user, class_id))
    code = service.regenerate_join_code(classroom)
    flash(f"New join code: {code}. The old code no longer works.", "success")
    return redirect(url_for("teacher.class_detail", class_id=class_id))


@bp.route("/classes/<int:class_id>/learners/<int:user_id>/remove", methods=["POST"])
@teacher_required
def remove_learner(class_id: int, user_id: int):
    classroom = found(service.owned_class(current_user, class_id))
    found(True if service.remove_learner(classroom, user_id) else None)
    flash("Learner removed from the class. Their past results are kept.", "success")
    return redirect(url_for("teacher.class_detail", class_id=class_id))
