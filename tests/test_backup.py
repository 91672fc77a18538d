"""Backup and restore round-trip every row, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from quizapp.extensions import db
from quizapp.models import Card, Question, User
from tests.factories import make_article, make_assignment, make_attempt, make_class, make_user


def _snapshot():
    return {
        table.name: [
            dict(r) for r in db.session.execute(table.select().order_by(*table.primary_key)).mappings()
        ]
        for table in db.metadata.sorted_tables
    }


def test_backup_then_restore_into_an_empty_database(app, runner, tmp_path):
    teacher = make_user("teacher", name="Tess <b>&</b> “quotes”")
    learner = make_user("learner")
    article = make_article(teacher, n_questions=3)
    make_attempt(make_assignment(make_class(teacher, [learner]), article), learner)
    db.session.add(
        Card(
            user_id=learner.id,
            question_id=article.questions[0].id,
            due=datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC),
            stability=2.5,
        )
    )
    db.session.commit()
    before = _snapshot()

    path = tmp_path / "school.qzb"
    result = runner.invoke(args=["backup", str(path)])
    assert result.exit_code == 0, result.output

    # empty every table (children first), then restore
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()
    assert User.query.count() == 0
    result = runner.invoke(args=["restore", str(path)])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert _snapshot() == before

    # new rows get fresh ids after a restore (sequences moved past restored ids on PostgreSQL)
    extra = make_user("learner")
    assert extra.id > max(u["id"] for u in before["users"])
    assert Question.query.count() == 3


def test_restore_refuses_a_database_with_data(app, runner, tmp_path):
    make_user()
    path = tmp_path / "b.qzb"
    assert runner.invoke(args=["backup", str(path)]).exit_code == 0
    result = runner.invoke(args=["restore", str(path)])
    assert result.exit_code != 0
    assert "not empty" in result.output


def test_restore_refuses_a_file_that_is_not_a_backup(app, runner, tmp_path):
    path = tmp_path / "junk.qzb"
    path.write_bytes(b"\x00\x01 not gzip")
    result = runner.invoke(args=["restore", str(path)])
    assert result.exit_code != 0
    assert "not a quizapp backup" in result.output
    assert "Traceback" not in result.output
