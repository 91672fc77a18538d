"""How much the pure srs wrapper costs over calling fsrs directly, and the FSRS intervals it yields.

Prints a ratio measured in the same run (no absolute timing is asserted anywhere):
    .venv/bin/python bench/srs_bench.py
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

import fsrs

from quizapp import srs

N = 3000
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def direct() -> float:
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    start = time.perf_counter()
    for i in range(N):
        card, moment = fsrs.Card(card_id=i + 1, due=NOW), NOW
        for _ in range(3):
            scheduler.get_card_retrievability(card, moment)
            card, _ = scheduler.review_card(card, fsrs.Rating.Good, moment)
            moment = card.due
    return time.perf_counter() - start


def wrapped() -> tuple[float, list[float]]:
    start = time.perf_counter()
    intervals = []
    for i in range(N):
        card, moment = srs.CardState(card_id=i + 1), NOW
        for _ in range(3):
            outcome = srs.review(card, srs.GOOD, moment, fuzz=False)
            card, moment = outcome.after, outcome.after.due
        intervals.append(outcome.scheduled_days)
    return time.perf_counter() - start, intervals


if __name__ == "__main__":
    base = direct()
    mine, intervals = wrapped()
    print(f"{N} cards x 3 Good reviews: srs wrapper / direct fsrs = {mine / base:.2f}x")
    print(f"third interval after three Good ratings (desired retention 0.9): {intervals[0]:.1f} days")
