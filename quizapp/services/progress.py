"""What a learner sees of their own progress: the dashboard's figures and the progress charts' data.

Days are UTC days. A streak counts the days in a row, up to today, on which the learner reviewed a
card or answered a question; a streak whose last day is yesterday is still alive today.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from .. import srs
from ..extensions import db
from ..models import Article, Attempt, Card, Question, Response, ReviewLog
from .clock import now as clock_now
from .enrolment import classes_of, desired_retention_of
from .quizzes import assignment_state, learner_assignments
from .scores import attempt_scores
from .study import count_due, reviewable_cards

CHART_DAYS = 30
STREAK_LOOKBACK_DAYS = 400


def end_of_day(moment: datetime) -> datetime:
    """The last instant of ``moment``'s UTC day."""
    return datetime.combine(moment.date(), time.max, tzinfo=moment.tzinfo)


def activity_days(user_id: int, since: datetime) -> set[date]:
    """The UTC days since ``since`` on which the learner reviewed or answered anything."""
    reviews = db.session.scalars(
        select(ReviewLog.reviewed_at).where(ReviewLog.user_id == user_id, ReviewLog.reviewed_at >= since)
    )
    answers = db.session.scalars(
        select(Response.created_at)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .where(Attempt.user_id == user_id, Response.created_at >= since)
    )
    return {moment.date() for moment in [*reviews, *answers]}


def streak(user_id: int, when: datetime | None = None) -> int:
    """Days in a row with at least one review or answer, ending today (or yesterday)."""
    moment = when or clock_now()
    days = activity_days(user_id, moment - timedelta(days=STREAK_LOOKBACK_DAYS))
    day = moment.date()
    if day not in days:
        day -= timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def dashboard(user_id: int) -> dict:
    """The dashboard: the learner's classes, assignments with their status (and the score of each one's
    last finished attempt), reviews due today, streak."""
    moment = clock_now()
    states = [assignment_state(a, user_id, moment) for a in learner_assignments(user_id)]
    return {
        "scores": attempt_scores([s.submitted[-1] for s in states if s.submitted]),
        "classes": classes_of(user_id),
        "open": [s for s in states if s.status in ("open", "in_progress", "upcoming", "missing")],
        "finished": [s for s in states if s.status in ("done", "late")],
        "due_today": count_due(user_id, end_of_day(moment)),
        "due_now": count_due(user_id, moment),
        "streak": streak(user_id, moment),
        "cards": db.session.query(Card).filter(Card.user_id == user_id).count(),
        "now": moment,
    }


def _card_state(card: Card) -> srs.CardState:
    return srs.CardState(
        card_id=card.id, state=card.state, step=card.step, stability=card.stability,
        difficulty=card.difficulty, due=card.due, last_review=card.last_review,
    )  # fmt: skip


def chart_data(user_id: int) -> dict:
    """JSON-ready data of the progress charts (each with the figures a table can show as well)."""
    moment = clock_now()
    today = moment.date()
    first_day = today - timedelta(days=CHART_DAYS - 1)
    since = datetime.combine(first_day, time.min, tzinfo=moment.tzinfo)
    logs = db.session.execute(
        select(ReviewLog.card_id, ReviewLog.reviewed_at, ReviewLog.rating, ReviewLog.state_before)
        .where(ReviewLog.user_id == user_id, ReviewLog.reviewed_at >= since)
        .order_by(ReviewLog.reviewed_at, ReviewLog.id)
    ).all()
    days = [first_day + timedelta(days=i) for i in range(CHART_DAYS)]
    per_day = Counter(log.reviewed_at.date() for log in logs)
    # Retention as FSRS and Anki measure it: the first review of the day of cards already in review.
    # A new card's first answers (and relearning steps) are learning, not recall.
    first_of_day: dict[tuple[date, int], tuple[int, int]] = {}
    for log in logs:
        first_of_day.setdefault((log.reviewed_at.date(), log.card_id), (log.state_before, log.rating))
    right, total = Counter(), Counter()
    for (day, _card), (state, rating) in first_of_day.items():
        if state == srs.REVIEW:
            total[day] += 1
            right[day] += rating > srs.AGAIN
    retention = [round(right[d] / total[d], 3) if total[d] else None for d in days]

    forecast = Counter()  # the same cards as the review queue (none held back by an unfinished test)
    for due in db.session.scalars(reviewable_cards(user_id).with_only_columns(Card.due)):
        offset = max(0, (due.date() - today).days)
        if offset < CHART_DAYS:
            forecast[offset] += 1

    cards = db.session.execute(
        select(Card, Article.id, Article.title)
        .join(Question, Question.id == Card.question_id)
        .join(Article, Article.id == Question.article_id)
        .where(Card.user_id == user_id, Question.status == "approved")
    ).all()
    recall: dict[int, list[float]] = defaultdict(list)
    titles = {}
    for card, article_id, title in cards:
        titles[article_id] = title
        recall[article_id].append(srs.retrievability(_card_state(card), moment) if card.last_review else 0.0)
    mastery = [
        {"article": titles[a], "cards": len(v), "recall": round(100 * sum(v) / len(v), 1)}
        for a, v in sorted(recall.items(), key=lambda item: titles[item[0]].lower())
    ]
    return {
        "days": [d.isoformat() for d in days],
        "reviews": [per_day[d] for d in days],
        "retention": retention,
        "desired_retention": desired_retention_of(user_id),
        "forecast_days": [(today + timedelta(days=i)).isoformat() for i in range(CHART_DAYS)],
        "forecast": [forecast[i] for i in range(CHART_DAYS)],
        "mastery": mastery,
    }
