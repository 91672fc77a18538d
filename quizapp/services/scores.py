"""An attempt's score, worded the same on every page: "3 of 5 right (matching: 1 of 3 pairs)".

A question counts as right only when it is fully right, as in the teacher's gradebook; a matching
answer that is partly right is reported beside the count with its pairs, never as a fraction of a
question. The score comes from the same graded rows as the results page, so no page can disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Attempt
from .quizzes import ResultRow, results, results_of


@dataclass(frozen=True)
class Score:
    right: int  # questions answered fully right
    total: int  # questions of the attempt
    partial: tuple[tuple[int, int], ...] = ()  # (pairs right, pairs) of partly right matching answers

    @property
    def text(self) -> str:
        """The score in words, e.g. "3 of 5 right"."""
        return f"{self.right} of {self.total} right"

    @property
    def detail(self) -> str:
        """Partly right matching answers in words, e.g. "matching: 1 of 3 pairs"; "" when none."""
        if not self.partial:
            return ""
        return "matching: " + ", ".join(f"{good} of {pairs} pairs" for good, pairs in self.partial)

    def __str__(self) -> str:
        return f"{self.text} ({self.detail})" if self.detail else self.text


def score_of(rows: list[ResultRow]) -> Score:
    """The score of graded result rows (``quizzes.results``)."""
    partial = tuple(
        (sum(p.correct for p in row.grade.pairs), len(row.grade.pairs))
        for row in rows
        if row.question.qtype == "matching" and not row.grade.correct and row.grade.score > 0
    )
    return Score(sum(row.grade.correct for row in rows), len(rows), partial)


def attempt_score(attempt: Attempt) -> Score:
    """The score of one attempt, graded as its results page grades it."""
    return score_of(results(attempt))


def attempt_scores(attempts: list[Attempt]) -> dict[int, Score]:
    """The scores of several attempts by attempt id (a dashboard's worth in a few queries)."""
    return {attempt_id: score_of(rows) for attempt_id, rows in results_of(attempts).items()}
