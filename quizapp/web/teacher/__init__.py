"""Teacher pages: articles, question review, classes, assignments, gradebook, statistics.

One small module per area registers its views on ``bp``; every view checks the role and that the
objects it touches belong to the logged-in teacher (another teacher's ids answer 404).
"""

from flask import Blueprint, render_template
from flask_login import current_user

from ..access import teacher_required

bp = Blueprint("teacher", __name__, url_prefix="/teach")


@bp.route("/")
@teacher_required
def dashboard():
    from ...services.articles import list_articles
    from ...services.classes import list_classes

    return render_template(
        "teacher/dashboard.html",
        articles=list_articles(current_user)[:5],
        classes=list_classes(current_user),
    )


from . import accounts, articles, assignments, classes, gradebook, review, stats  # noqa: E402, F401
