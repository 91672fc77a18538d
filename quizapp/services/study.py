"""Spaced-repetition cards: made from answered questions and flashcards, reviewed once per submission.

Every review locks its card's row (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite's BEGIN IMMEDIATE
already serialises writers), so two reviews of one card sent at once are applied one after the other
and neither is lost. A review's submission id is unique in the log: the same submission sent twice is
recorded once and the second call returns the first result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from .. import srs
from ..extensions import db
from ..models import Assignment, Attempt, Card, Question, Response, ReviewLog
from .clock import now as clock_now
from .clock import srs_fuzz
from .enrolment import desired_retention_of
from .grading import Grade, grade_question

RECENT_ANSWERS = 50  # how many of a learner's timed answers define their usual response time
QUESTION_REVIEW_TYPES = ("mcq", "true_false", "cloze", "short_answer", "matching")


class ReviewConflict(ValueError):
    """A submission id already used for another card or another learner."""


@dataclass(frozen=True)
class ReviewResult:
    log: ReviewLog
    created: bool  # False when this submission was already recorded
    grade: Grade | None = None  # for question cards: how the answer was graded


def ensure_card(user_id: int, question_id: int, when: datetime | None = None) -> Card:
    """The learner's card for a question, created (due now) if it does not exist yet."""
    card = db.session.scalar(select(Card).where(Card.user_id == user_id, Card.question_id == question_id))
    if card is not None:
        return card
    _insert_card(user_id, question_id, when or clock_now())  # a concurrent request may have made it
    return db.session.scalar(select(Card).where(Card.user_id == user_id, Card.question_id == question_id))


def _card_insert(user_id: int, question_id: int, moment: datetime):
    """The INSERT of the learner's card for a question, due now, in the database's own dialect (the two
    callers say what a (user, question) conflict does)."""
    insert = sqlite_insert if db.session.get_bind().dialect.name == "sqlite" else pg_insert
    return insert(Card).values(user_id=user_id, question_id=question_id, due=moment, created_at=moment)


def _insert_card(user_id: int, question_id: int, moment: datetime) -> None:
    """Make the learner's card for a question, due now, unless it exists: one INSERT that does nothing on
    the (user, question) conflict, with no savepoint."""
    statement = _card_insert(user_id, question_id, moment)
    db.session.execute(statement.on_conflict_do_nothing(index_elements=["user_id", "question_id"]))


def ensure_flashcards(user_id: int, question_ids: list[int]) -> int:
    """Give the learner a card for each approved flashcard among ``question_ids``; return how many."""
    ids = list(
        db.session.scalars(
            select(Question.id).where(
                Question.id.in_(question_ids or [0]),
                Question.qtype == "flashcard",
                Question.status == "approved",
            )
        )
    )
    for qid in ids:
        ensure_card(user_id, qid)
    db.session.commit()
    return len(ids)


def recent_response_times(user_id: int, exclude_response_id: int | None = None) -> list[int]:
    """The learner's most recent answer times in milliseconds (their "usual" pace)."""
    query = (
        select(Response.response_ms)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .where(Attempt.user_id == user_id, Response.response_ms.is_not(None))
        .order_by(Response.id.desc())
        .limit(RECENT_ANSWERS)
    )
    if exclude_response_id is not None:
        query = query.where(Response.id != exclude_response_id)
    return list(db.session.scalars(query))


def _existing_log(submission_id: str, user_id: int, card_id: int) -> ReviewLog | None:
    log = db.session.scalar(select(ReviewLog).where(ReviewLog.submission_id == submission_id))
    if log is not None and (log.user_id != user_id or log.card_id != card_id):
        raise ReviewConflict("This submission id was already used.")
    return log


def _apply_review(
    card: Card,
    user_id: int,
    rating: int,
    submission_id: str,
    duration_ms: int | None,
    source: str,
    when: datetime | None,
) -> ReviewLog:
    """Schedule the (locked) card with one rating and add its log entry; the caller commits."""
    moment = when or clock_now()
    retention = desired_retention_of(user_id)
    state = srs.CardState(
        card_id=card.id, state=card.state, step=card.step, stability=card.stability,
        difficulty=card.difficulty, due=card.due, last_review=card.last_review,
    )  # fmt: skip
    outcome = srs.review(
        state, rating, moment, desired_retention=retention, fuzz=srs_fuzz(), duration_ms=duration_ms
    )
    log = ReviewLog(
        card_id=card.id, user_id=user_id, rating=rating, reviewed_at=moment, duration_ms=duration_ms,
        state_before=state.state, state_after=outcome.after.state,
        stability_before=state.stability, stability_after=outcome.after.stability,
        difficulty_before=state.difficulty, difficulty_after=outcome.after.difficulty,
        scheduled_days=outcome.scheduled_days, retrievability=outcome.retrievability,
        scheduler_version=outcome.scheduler_version, parameters=list(outcome.parameters),
        desired_retention=retention, source=source, submission_id=submission_id,
    )  # fmt: skip
    after = outcome.after
    card.state, card.step = after.state, after.step
    card.stability, card.difficulty = after.stability, after.difficulty
    card.due, card.last_review = after.due, after.last_review
    card.reps = (card.reps or 0) + 1
    if rating == srs.AGAIN and state.state == 2:
        card.lapses = (card.lapses or 0) + 1
    db.session.add(log)
    return log


def review_card(
    user_id: int,
    card_id: int,
    rating: int,
    submission_id: str,
    *,
    duration_ms: int | None = None,
    source: str = "review",
    when: datetime | None = None,
) -> ReviewResult:
    """Apply one rated review to the learner's card and log it; the same submission is applied once."""
    existing = _existing_log(submission_id, user_id, card_id)
    if existing is not None:
        db.session.rollback()
        return ReviewResult(existing, created=False)
    card = db.session.scalar(
        select(Card)
        .where(Card.id == card_id, Card.user_id == user_id)
        .with_for_update()
        .execution_options(populate_existing=True)  # the row as the previous lock holder left it
    )
    if card is None:
        raise LookupError("no such card")
    existing = _existing_log(submission_id, user_id, card_id)  # a twin may have committed while we waited
    if existing is not None:
        db.session.rollback()
        return ReviewResult(existing, created=False)
    log = _apply_review(card, user_id, rating, submission_id, duration_ms, source, when)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        existing = _existing_log(submission_id, user_id, card_id)
        if existing is None:
            raise
        return ReviewResult(existing, created=False)
    return ReviewResult(log, created=True)


def _locked_card(user_id: int, question_id: int, moment: datetime) -> Card:
    """The learner's card for a question, made (due now) if new, its row locked until the commit.

    One statement: an INSERT that, when the card exists (or a concurrent request makes it), updates
    the row to itself, which locks it as FOR UPDATE would, and returns it. No savepoint, no second
    round trip.
    """
    statement = _card_insert(user_id, question_id, moment)
    statement = statement.on_conflict_do_update(
        index_elements=["user_id", "question_id"], set_={"user_id": statement.excluded.user_id}
    ).returning(Card)
    return db.session.scalars(statement, execution_options={"populate_existing": True}).one()


def review_answer(
    user_id: int, question_id: int, response: Response, source: str = "quiz", when: datetime | None = None
) -> ReviewLog:
    """Review the card of a question with a just-recorded answer, in the answer's own transaction.

    The response's submission id was claimed by that answer a moment ago, so no earlier review can
    carry it; the log's unique submission id still guards the commit. The caller commits.
    """
    moment = when or clock_now()
    card = _locked_card(user_id, question_id, moment)
    rating = srs.rating_for_answer(
        response.correct, response.response_ms, recent_response_times(user_id, response.id)
    )
    return _apply_review(card, user_id, rating, response.submission_id, response.response_ms, source, moment)


def review_from_response(
    user_id: int, question: Question, response: Response, source: str = "quiz"
) -> ReviewResult:
    """Turn a quiz answer into a review of the learner's card for that question (made if new).

    ``source`` is logged with the review: "quiz" online, "paper" for results typed in from a worksheet.
    """
    card = ensure_card(user_id, question.id)
    db.session.commit()
    rating = srs.rating_for_answer(
        response.correct, response.response_ms, recent_response_times(user_id, response.id)
    )
    return review_card(
        user_id, card.id, rating, response.submission_id, duration_ms=response.response_ms, source=source
    )


def locked_question_ids(user_id: int) -> set[int]:
    """Questions of the learner's unfinished test-mode attempts: their cards wait until the test is
    finished, so a review cannot show a key (or its evidence) that the test keeps back."""
    orders = db.session.scalars(
        select(Attempt.question_order)
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .where(Attempt.user_id == user_id, Attempt.submitted_at.is_(None), Assignment.mode == "test")
    )
    return {int(q) for order in orders for q in order or []}


def own_card(user_id: int, card_id: int) -> Card | None:
    """The card if it is the learner's, its question still approved and not held back by a test."""
    card = db.session.get(Card, card_id)
    if card is None or card.user_id != user_id or card.question.status != "approved":
        return None
    if card.question_id in locked_question_ids(user_id):
        return None
    return card


def answer_card(
    user_id: int, card: Card, given: str, submission_id: str, duration_ms: int | None
) -> ReviewResult:
    """Grade a typed or chosen answer to a question card on the server, then review the card."""
    result = grade_question(card.question, given)
    rating = srs.rating_for_answer(result.correct, duration_ms, recent_response_times(user_id))
    reviewed = review_card(user_id, card.id, rating, submission_id, duration_ms=duration_ms)
    return ReviewResult(reviewed.log, reviewed.created, result)


def reviewable_cards(user_id: int):
    """The query of the learner's cards that a review session may show: approved questions of a
    reviewable type, none held back by an unfinished test. Every "due" figure is counted from it."""
    query = (
        select(Card)
        .join(Question, Question.id == Card.question_id)
        .where(Card.user_id == user_id, Question.status == "approved")
        .where(Question.qtype.in_((*QUESTION_REVIEW_TYPES, "flashcard")))
    )
    locked = locked_question_ids(user_id)
    if locked:
        query = query.where(Card.question_id.not_in(locked))
    return query


def due_cards(user_id: int, when: datetime | None = None, limit: int = 200) -> list[Card]:
    """The learner's cards due now (those a review session shows), most overdue first."""
    moment = when or clock_now()
    query = reviewable_cards(user_id).where(Card.due <= moment).order_by(Card.due, Card.id).limit(limit)
    return list(db.session.scalars(query))


def count_due(user_id: int, until: datetime) -> int:
    """How many of the learner's cards a review session would show by ``until``."""
    due = reviewable_cards(user_id).where(Card.due <= until).subquery()
    return db.session.scalar(select(func.count()).select_from(due))
