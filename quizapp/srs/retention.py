"""The desired retention that schedules a learner's cards."""

from __future__ import annotations

from collections.abc import Iterable

DEFAULT_RETENTION = 0.9
MIN_RETENTION, MAX_RETENTION = 0.7, 0.99


def desired_retention_for(class_retentions: Iterable[float | None]) -> float:
    """The highest desired retention among the learner's classes (DEFAULT_RETENTION with none).

    A learner has one deck across classes; the most demanding class wins, so no teacher's goal is
    undercut. Values are clamped to the range FSRS schedules sensibly.
    """
    values = [float(v) for v in class_retentions if v is not None]
    chosen = max(values) if values else DEFAULT_RETENTION
    return min(MAX_RETENTION, max(MIN_RETENTION, chosen))
