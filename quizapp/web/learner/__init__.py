"""Learner pages: dashboard, joining classes, quizzes, reviews (flashcards too) and progress.

One small module per area registers its views on ``bp``. Every view needs a log-in, and every object
id in a URL is checked against the logged-in learner (another learner's ids answer 404).
"""

from flask import Blueprint

from ...services.matching import matching_columns
from ..access import role_required

bp = Blueprint("learner", __name__, url_prefix="/learn")
bp.add_app_template_global(matching_columns)
learner_page = role_required("learner", "teacher", "admin")

from . import home, progress, quiz, review  # noqa: E402, F401
