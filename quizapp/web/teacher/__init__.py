"""Teacher pages: articles, question review, classes, assignments, gradebook, statistics."""

from flask import Blueprint, render_template

from ..access import teacher_required

bp = Blueprint("teacher", __name__, url_prefix="/teach")


@bp.route("/")
@teacher_required
def dashboard():
    return render_template("teacher/dashboard.html")
