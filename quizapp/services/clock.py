"""The current time for the learner's schedule, movable in tests.

``QUIZAPP_CLOCK_OFFSET_DAYS`` shifts "now" by some days so a browser test can find tomorrow's due
cards. It is honoured only when the app runs with TESTING; production always uses the real clock.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app, has_app_context

from ..models.types import utcnow


def now() -> datetime:
    """The current aware UTC time (shifted by QUIZAPP_CLOCK_OFFSET_DAYS in a testing app)."""
    moment = utcnow()
    if has_app_context() and current_app.config.get("TESTING"):
        offset = float(current_app.config.get("QUIZAPP_CLOCK_OFFSET_DAYS") or 0)
        moment += timedelta(days=offset)
    return moment


def srs_fuzz() -> bool:
    """Whether intervals are fuzzed (on in production, off in the test configuration)."""
    return bool(current_app.config.get("SRS_FUZZ", True)) if has_app_context() else True
