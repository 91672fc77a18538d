"""The FSRS rating a learner's answer to a question earns."""

from __future__ import annotations

from collections.abc import Iterable

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATINGS = {AGAIN: "Again", HARD: "Hard", GOOD: "Good", EASY: "Easy"}

SLOW_FACTOR = 2.0  # a right answer slower than twice the learner's median time is rated Hard
MIN_HISTORY = 5  # fewer timed answers than this and we do not know what "usual" is


def median(values: Iterable[float]) -> float | None:
    """The median of ``values``, or None when there are none."""
    ordered = sorted(values)
    if not ordered:
        return None
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[mid])
    return (ordered[mid - 1] + ordered[mid]) / 2


def rating_for_answer(correct: bool, response_ms: int | None, recent_ms: Iterable[int]) -> int:
    """Again for a wrong answer; Good for a right one; Hard for a right one much slower than usual.

    "Usual" is the median of the learner's recent response times (``recent_ms``); with fewer than
    MIN_HISTORY of them, or no time for this answer, a right answer is simply Good.
    """
    if not correct:
        return AGAIN
    history = [ms for ms in recent_ms if ms is not None and ms > 0]
    if response_ms is None or response_ms <= 0 or len(history) < MIN_HISTORY:
        return GOOD
    usual = median(history)
    return HARD if usual and response_ms > SLOW_FACTOR * usual else GOOD
