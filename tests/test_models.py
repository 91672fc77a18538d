"""The data model: aware UTC datetimes, constraints, and the migration matching the models."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError

from quizapp.extensions import db
from quizapp.models import Card, ReviewLog
from tests.factories import make_article, make_user


def test_datetimes_come_back_aware_utc(app):
    user = make_user()
    article = make_article(user)
    plus_five = timezone(timedelta(hours=5))
    due = datetime(2026, 3, 1, 17, 30, tzinfo=plus_five)
    card = Card(user_id=user.id, question_id=article.questions[0].id, due=due)
    db.session.add(card)
    db.session.commit()
    card_id = card.id
    db.session.expire_all()
    loaded = db.session.get(Card, card_id)
    assert loaded.due.tzinfo is not None
    assert loaded.due.utcoffset() == timedelta(0)
    assert loaded.due == datetime(2026, 3, 1, 12, 30, tzinfo=UTC)
    assert loaded.created_at.tzinfo is not None


def test_naive_datetimes_are_refused(app):
    user = make_user()
    article = make_article(user)
    db.session.add(Card(user_id=user.id, question_id=article.questions[0].id, due=datetime(2026, 1, 1)))
    with pytest.raises(Exception, match="naive datetime"):
        db.session.commit()
    db.session.rollback()


def test_one_card_per_learner_and_question(app):
    user = make_user()
    question = make_article(user).questions[0]
    db.session.add(Card(user_id=user.id, question_id=question.id))
    db.session.commit()
    db.session.add(Card(user_id=user.id, question_id=question.id))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_review_log_keeps_the_prediction_and_scheduler(app):
    user = make_user()
    question = make_article(user).questions[0]
    card = Card(user_id=user.id, question_id=question.id)
    db.session.add(card)
    db.session.flush()
    db.session.add(
        ReviewLog(
            card_id=card.id,
            user_id=user.id,
            rating=3,
            state_before=1,
            state_after=2,
            stability_after=2.3,
            difficulty_after=5.1,
            scheduled_days=2.0,
            retrievability=0.87,
            scheduler_version="fsrs-6.3.2",
            parameters=[0.2, 1.2],
        )
    )
    db.session.commit()
    log = ReviewLog.query.one()
    assert log.retrievability == pytest.approx(0.87)
    assert log.parameters == [0.2, 1.2]
    assert log.reviewed_at.tzinfo is not None


def test_migrations_match_the_models(app):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
    assert diff == []
