"""Reviewing a card with FSRS-6 and reporting the state before and after, for the review log."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache, lru_cache
from importlib.metadata import version

import fsrs

from .retention import DEFAULT_RETENTION

LEARNING, REVIEW, RELEARNING = 1, 2, 3  # fsrs.State numbers, as stored in cards and review logs


@dataclass(frozen=True)
class CardState:
    """A card's scheduling state as stored in the database (fsrs.State numbers: 1, 2, 3)."""

    card_id: int
    state: int = 1
    step: int | None = 0
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None


@dataclass(frozen=True)
class ReviewOutcome:
    """What one review did: the new state and everything the review log records."""

    before: CardState
    after: CardState
    rating: int
    reviewed_at: datetime
    retrievability: float | None  # the recall probability predicted just before the review
    scheduled_days: float
    scheduler_version: str
    parameters: tuple[float, ...]
    desired_retention: float


@cache
def scheduler_version() -> str:
    """ "fsrs-<installed version>", recorded with every review."""
    return "fsrs-" + version("fsrs")


@lru_cache(maxsize=64)
def make_scheduler(desired_retention: float = DEFAULT_RETENTION, fuzz: bool = True) -> fsrs.Scheduler:
    """An FSRS-6 scheduler with the default parameters; ``fuzz`` spreads intervals in production.

    Schedulers hold only their settings, so one per (retention, fuzz) is shared.
    """
    return fsrs.Scheduler(desired_retention=desired_retention, enable_fuzzing=fuzz)


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None:
        raise ValueError(f"{name} must be a timezone-aware datetime")


def _to_fsrs(card: CardState) -> fsrs.Card:
    return fsrs.Card(
        card_id=card.card_id,
        state=fsrs.State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def _from_fsrs(card: fsrs.Card) -> CardState:
    return CardState(
        card_id=card.card_id,
        state=int(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def retrievability(card: CardState, now: datetime, desired_retention: float = DEFAULT_RETENTION) -> float:
    """The probability of recalling ``card`` at ``now`` (0 for a card never reviewed)."""
    _require_aware(now, "now")
    return float(make_scheduler(desired_retention, fuzz=False).get_card_retrievability(_to_fsrs(card), now))


def review(
    card: CardState,
    rating: int,
    now: datetime,
    *,
    desired_retention: float = DEFAULT_RETENTION,
    fuzz: bool = True,
    duration_ms: int | None = None,
) -> ReviewOutcome:
    """Review ``card`` with ``rating`` (1 Again .. 4 Easy) at ``now``; return before, after, prediction."""
    _require_aware(now, "now")
    if rating not in (1, 2, 3, 4):
        raise ValueError(f"rating must be 1..4, not {rating!r}")
    if card.due is None:
        card = replace(card, due=now)
    scheduler = make_scheduler(desired_retention, fuzz)
    current = _to_fsrs(card)
    predicted = float(scheduler.get_card_retrievability(current, now)) if card.last_review else None
    updated, _log = scheduler.review_card(current, fsrs.Rating(rating), now, duration_ms)
    after = _from_fsrs(updated)
    return ReviewOutcome(
        before=card,
        after=after,
        rating=rating,
        reviewed_at=now,
        retrievability=predicted,
        scheduled_days=(after.due - now).total_seconds() / 86400,
        scheduler_version=scheduler_version(),
        parameters=tuple(float(p) for p in scheduler.parameters),
        desired_retention=desired_retention,
    )
