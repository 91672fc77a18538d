"""The learner's dashboard and joining a class by code or by link."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ...services import enrolment, progress
from . import bp, learner_page


@bp.route("/")
@learner_page
def dashboard():
    return render_template("learner/dashboard.html", data=progress.dashboard(current_user.id))


@bp.route("/join", methods=["GET", "POST"])
@learner_page
def join():
    code = request.values.get("code", "")
    error = None
    if request.method == "POST":
        try:
            classroom, created = enrolment.join_class(current_user, code)
        except enrolment.JoinError as exc:
            error = str(exc)
        else:
            flash(
                f"You joined {classroom.name}." if created else f"You are already in {classroom.name}.",
                "success" if created else "info",
            )
            return redirect(url_for("learner.dashboard"))
    status = 400 if error else 200
    return render_template("learner/join.html", code=code[:16], error=error), status


@bp.route("/join/<code>")
@learner_page
def join_link(code: str):
    """A join link shows the class and asks to confirm (joining is a POST, never a GET)."""
    classroom = enrolment.find_class_by_code(code)
    if classroom is None:
        abort(404)
    joined = enrolment.is_enrolled(current_user.id, classroom.id)
    return render_template(
        "learner/join.html", code=classroom.join_code, classroom=classroom, joined=joined, error=None
    )
