"""Spaced repetition on top of the fsrs package (FSRS-6): pure, no Flask, no SQLAlchemy.

- ``scheduler``: review a card's state with a rating and report what changed (for the review log).
- ``ratings``: the rating a quiz answer earns (wrong = Again, right = Good, right but slow = Hard).
- ``retention``: which desired retention applies to a learner in several classes.
"""

from .ratings import AGAIN, EASY, GOOD, HARD, RATINGS, median, rating_for_answer
from .retention import DEFAULT_RETENTION, desired_retention_for
from .scheduler import (
    LEARNING,
    RELEARNING,
    REVIEW,
    CardState,
    ReviewOutcome,
    make_scheduler,
    retrievability,
    review,
    scheduler_version,
)

__all__ = [
    "AGAIN",
    "CardState",
    "DEFAULT_RETENTION",
    "EASY",
    "GOOD",
    "HARD",
    "LEARNING",
    "RATINGS",
    "RELEARNING",
    "REVIEW",
    "ReviewOutcome",
    "desired_retention_for",
    "make_scheduler",
    "median",
    "rating_for_answer",
    "retrievability",
    "review",
    "scheduler_version",
]
