"""The pure scheduling library: FSRS-6 reviews, ratings from answers, retention across classes."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from quizapp import srs

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_the_library_imports_neither_flask_nor_sqlalchemy():
    code = (
        "import sys, quizapp.srs; "
        "bad = [m for m in ('flask', 'sqlalchemy') if m in sys.modules]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_new_card_reviewed_good_moves_forward_and_keeps_its_database_id():
    outcome = srs.review(srs.CardState(card_id=42), srs.GOOD, NOW, fuzz=False)
    assert outcome.after.card_id == 42
    assert outcome.after.due > NOW
    assert outcome.after.last_review == NOW
    assert outcome.after.stability and outcome.after.difficulty
    assert outcome.retrievability is None  # never reviewed: nothing to predict
    assert outcome.scheduler_version.startswith("fsrs-6.")
    assert len(outcome.parameters) == 21
    assert outcome.scheduled_days == pytest.approx((outcome.after.due - NOW).total_seconds() / 86400)


def test_a_graduated_card_predicts_recall_and_grows_its_interval():
    card = srs.CardState(card_id=1)
    moment = NOW
    intervals = []
    for _ in range(4):
        outcome = srs.review(card, srs.GOOD, moment, fuzz=False)
        card, moment = outcome.after, outcome.after.due
        intervals.append(outcome.scheduled_days)
    assert intervals[-1] > intervals[-2] >= 1
    late = srs.review(card, srs.GOOD, card.due + timedelta(days=30), fuzz=False)
    assert 0 < late.retrievability < 0.9  # a month overdue: recall is less likely than desired


def test_again_shortens_what_good_would_schedule():
    card = srs.review(srs.CardState(card_id=1), srs.GOOD, NOW, fuzz=False).after
    card = srs.review(card, srs.GOOD, card.due, fuzz=False).after
    good = srs.review(card, srs.GOOD, card.due, fuzz=False)
    again = srs.review(card, srs.AGAIN, card.due, fuzz=False)
    assert again.after.due < good.after.due
    assert again.after.state == 3  # relearning


def test_higher_desired_retention_schedules_sooner():
    card = srs.review(srs.CardState(card_id=1), srs.GOOD, NOW, fuzz=False).after
    card = srs.review(card, srs.GOOD, card.due, fuzz=False).after
    relaxed = srs.review(card, srs.GOOD, card.due, desired_retention=0.8, fuzz=False)
    strict = srs.review(card, srs.GOOD, card.due, desired_retention=0.97, fuzz=False)
    assert strict.after.due < relaxed.after.due
    assert strict.desired_retention == 0.97


def test_without_fuzz_the_schedule_is_deterministic():
    card = srs.review(srs.CardState(card_id=9), srs.GOOD, NOW, fuzz=False).after
    a = srs.review(card, srs.EASY, card.due, fuzz=False)
    b = srs.review(card, srs.EASY, card.due, fuzz=False)
    assert a.after == b.after


def test_naive_datetimes_and_bad_ratings_are_refused():
    with pytest.raises(ValueError):
        srs.review(srs.CardState(card_id=1), srs.GOOD, datetime(2026, 3, 1))
    with pytest.raises(ValueError):
        srs.review(srs.CardState(card_id=1), 5, NOW)


@pytest.mark.parametrize(
    ("correct", "ms", "history", "expected"),
    [
        (False, 1000, [1000] * 10, srs.AGAIN),
        (False, None, [], srs.AGAIN),
        (True, 1000, [1000] * 10, srs.GOOD),
        (True, 2000, [1000] * 10, srs.GOOD),  # exactly twice is not "much slower"
        (True, 2500, [1000] * 10, srs.HARD),
        (True, 9000, [1000, 1200, 800], srs.GOOD),  # too little history to judge
        (True, None, [1000] * 10, srs.GOOD),
        (True, 5000, [1000, 1000, 1000, 9000, 9000, 1000], srs.HARD),  # median, not mean
    ],
)
def test_rating_for_an_answer(correct, ms, history, expected):
    assert srs.rating_for_answer(correct, ms, history) == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [([], 0.9), ([0.85], 0.85), ([0.8, 0.95, 0.9], 0.95), ([None, 0.92], 0.92), ([1.5], 0.99), ([0.2], 0.7)],
)
def test_the_highest_class_retention_applies(values, expected):
    assert srs.desired_retention_for(values) == expected


def test_fuzz_spreads_intervals_of_identical_cards():
    card = srs.review(srs.CardState(card_id=1), srs.GOOD, NOW, fuzz=False).after
    card = srs.review(card, srs.GOOD, card.due, fuzz=False).after
    card = srs.review(card, srs.GOOD, card.due, fuzz=False).after
    fuzzed = {srs.review(card, srs.GOOD, card.due, fuzz=True).after.due for _ in range(40)}
    plain = {srs.review(card, srs.GOOD, card.due, fuzz=False).after.due for _ in range(5)}
    assert len(fuzzed) > 1 and len(plain) == 1


def test_the_state_numbers_are_those_of_fsrs():
    import fsrs

    assert (srs.LEARNING, srs.REVIEW, srs.RELEARNING) == tuple(
        int(s) for s in (fsrs.State.Learning, fsrs.State.Review, fsrs.State.Relearning)
    )
