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


def test_a_backup_is_one_consistent_snapshot_while_others_write(app, runner, tmp_path):
    """Writes commit between the backup's reads of one table and the next (after each table, a new
    learner with a card and a review, so a table-by-table read would file a card whose learner is
    missing and the restore would fail); a background thread keeps writing meanwhile too. The file
    is the database as it stood when the backup began, and it restores."""
    import threading

    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from quizapp.database import READ_ONLY_SNAPSHOT
    from quizapp.models import ReviewLog

    teacher, learner = make_user("teacher"), make_user("learner")
    article = make_article(teacher, n_questions=2)
    make_attempt(make_assignment(make_class(teacher, [learner]), article), learner)
    question_id = article.questions[0].id
    before = _snapshot()
    db.session.commit()  # on SQLite the test's own transaction would hold the writer lock
    engine, written = db.engine, []
    sequence = iter(range(10_000))

    def write_a_learner_with_a_card():
        n = next(sequence)
        with Session(engine) as other:
            user = User(email=f"during-{n}@example.com", name=f"During {n}", password_hash="x")
            other.add(user)
            other.flush()
            card = Card(user_id=user.id, question_id=question_id, reps=1)
            other.add(card)
            other.flush()
            other.add(ReviewLog(card_id=card.id, user_id=user.id, rating=3, state_before=1, state_after=2,
                                submission_id=f"during-{n}"))  # fmt: skip
            other.commit()
        written.append(n)

    def after_each_read(conn, cursor, statement, parameters, context, executemany):
        if conn.get_execution_options().get(READ_ONLY_SNAPSHOT) and statement.lstrip().startswith("SELECT"):
            write_a_learner_with_a_card()

    stop = threading.Event()

    def background_writer():
        while not stop.is_set():
            write_a_learner_with_a_card()

    event.listen(db.engine, "after_cursor_execute", after_each_read)
    thread = threading.Thread(target=background_writer)
    path = tmp_path / "busy.qzb"
    try:
        thread.start()
        result = runner.invoke(args=["backup", str(path)])
    finally:
        stop.set()
        thread.join(timeout=30)
        event.remove(db.engine, "after_cursor_execute", after_each_read)
    assert result.exit_code == 0, result.output
    assert len(written) > len(db.metadata.sorted_tables)  # writes did land during the backup
    db.session.expire_all()
    assert User.query.count() >= len(before["users"]) + len(written) - 1

    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()
    result = runner.invoke(args=["restore", str(path)])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    restored = _snapshot()
    # Exactly the rows of one moment: the background writer may have committed before the snapshot
    # began, but every learner in the file comes with their card and review, and nothing is torn.
    extra = [u for u in restored["users"] if u["email"].startswith("during-")]
    assert len(restored["cards"]) == len(before["cards"]) + len(extra)
    assert len(restored["review_logs"]) == len(before["review_logs"]) + len(extra)
    assert {k: v for k, v in restored.items() if k not in ("users", "cards", "review_logs")} == {
        k: v for k, v in before.items() if k not in ("users", "cards", "review_logs")
    }
    assert len(extra) < len(written)  # the writes made between the table reads are not in it


def test_a_damaged_backup_restores_nothing(app, runner, tmp_path):
    import gzip
    import json

    teacher = make_user("teacher")
    make_article(teacher, n_questions=2)
    path = tmp_path / "good.qzb"
    assert runner.invoke(args=["backup", str(path)]).exit_code == 0
    lines = gzip.open(path, "rt", encoding="utf-8").read().splitlines()
    question = next(json.loads(line) for line in lines[1:] if json.loads(line)["t"] == "questions")
    question["r"].update(id=999, article_id=999999)  # a question whose article is not in the file
    damaged = tmp_path / "damaged.qzb"
    with gzip.open(damaged, "wt", encoding="utf-8") as out:
        out.write("\n".join([*lines, json.dumps(question)]) + "\n")
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()
    result = runner.invoke(args=["restore", str(damaged)])
    assert (
        result.exit_code != 0 and "nothing was loaded" in result.output and "Traceback" not in result.output
    )
    db.session.expire_all()
    assert User.query.count() == 0 and Question.query.count() == 0
