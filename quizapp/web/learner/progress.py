"""The learner's progress page: charts drawn from JSON data, each with a table beside it."""

from __future__ import annotations

from flask import jsonify, render_template
from flask_login import current_user

from ...services import progress as progress_service
from . import bp, learner_page


@bp.route("/progress")
@learner_page
def progress():
    data = progress_service.chart_data(current_user.id)
    return render_template("learner/progress.html", data=data)


@bp.route("/progress.json")
@learner_page
def progress_json():
    return jsonify(progress_service.chart_data(current_user.id))
