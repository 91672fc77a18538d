"""Learner pages: dashboard, quizzes, flashcards, reviews, progress."""

from flask import Blueprint, render_template

from ..access import role_required

bp = Blueprint("learner", __name__, url_prefix="/learn")


@bp.route("/")
@role_required("learner", "teacher", "admin")
def dashboard():
    return render_template("learner/dashboard.html")
