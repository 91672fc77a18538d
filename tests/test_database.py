"""The database layer's transaction discipline, asserted directly.

SQLite: WAL, a busy timeout, and BEGIN IMMEDIATE for every transaction, so a read-modify-write takes
the writer lock before it reads. PostgreSQL: a read-modify-write locks its row (SELECT ... FOR UPDATE),
the pattern the services use. Each race below also runs without the protection, to show that the test
would catch its loss: there the same two transactions lose an update every time.
"""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import create_engine, event, select, text
from sqlalchemy.orm import Session

from quizapp.extensions import db
from quizapp.models import Attempt
from tests.factories import make_article, make_assignment, make_attempt, make_class, make_user

BARRIER_WAIT_S = 2.0  # how long a transaction waits for its twin to have read too


def _attempt_id() -> int:
    teacher = make_user("teacher")
    learner = make_user("learner")
    attempt = make_attempt(make_assignment(make_class(teacher, [learner]), make_article(teacher)), learner)
    attempt_id = attempt.id
    db.session.commit()
    db.session.remove()  # the test holds no transaction (nor SQLite's lock) while the threads run
    return attempt_id


def _race(open_session, attempt_id: int, lock: bool, threads: int = 2) -> list[BaseException]:
    """Each thread reads the counter, waits until every thread has read it (or the wait times out
    because the others are blocked behind its lock), then writes what it read plus one."""
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []

    def bump() -> None:
        try:
            with open_session() as session:
                query = select(Attempt).where(Attempt.id == attempt_id)
                attempt = session.scalar(query.with_for_update() if lock else query)
                seen = attempt.answered_count
                try:
                    barrier.wait(BARRIER_WAIT_S)
                except threading.BrokenBarrierError:
                    pass  # the others wait for our lock: go on alone
                attempt.answered_count = seen + 1
                session.commit()
        except BaseException as exc:  # noqa: BLE001 - reported by the caller
            errors.append(exc)

    workers = [threading.Thread(target=bump) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    return errors


def _app_session(app):
    """A session of the app's own database layer, in its own app context (as a request has)."""

    class AppSession:
        def __enter__(self):
            self.context = app.app_context()
            self.context.push()
            return db.session

        def __exit__(self, *exc):
            db.session.remove()
            self.context.pop()

    return AppSession


def _count(attempt_id: int) -> int:
    db.session.expire_all()
    return db.session.get(Attempt, attempt_id).answered_count


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_sqlite_runs_in_wal_with_a_busy_timeout_and_foreign_keys(app):
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == app.config["SQLITE_BUSY_TIMEOUT_MS"]
        assert app.config["SQLITE_BUSY_TIMEOUT_MS"] >= 1000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_every_sqlite_transaction_begins_immediate_and_takes_the_write_lock_before_reading(app):
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731 - (conn, cursor, statement, ...)
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        db.session.execute(select(Attempt.id)).all()  # a transaction that has only read so far
        assert statements[0] == "BEGIN IMMEDIATE"
        # ... already holds the writer lock: another connection cannot start writing meanwhile
        other = sqlite3.connect(db.engine.url.database, timeout=0.2)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        db.session.commit()
        other.execute("BEGIN IMMEDIATE")  # released at the commit
        other.rollback()
        other.close()
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)


def test_a_read_modify_write_race_loses_no_update(app, backend):
    """Two transactions read the same counter and both write it: the second must read after the first
    wrote (BEGIN IMMEDIATE on SQLite, the row lock on PostgreSQL), so both increments land."""
    attempt_id = _attempt_id()
    assert _race(_app_session(app), attempt_id, lock=True) == []
    assert _count(attempt_id) == 2


def test_the_race_does_lose_an_update_without_the_discipline(app, backend):
    """The same race with the protection taken away: SQLite's driver on its own (no BEGIN IMMEDIATE)
    and PostgreSQL without the row lock. Both transactions read 0 and write 1: one update is lost."""
    attempt_id = _attempt_id()
    if backend == "sqlite":
        bare = create_engine(db.engine.url, connect_args={"timeout": 30, "check_same_thread": False})
        try:
            assert _race(lambda: Session(bare), attempt_id, lock=True) == []  # FOR UPDATE: no-op here
        finally:
            bare.dispose()
    else:
        assert _race(_app_session(app), attempt_id, lock=False) == []
    assert _count(attempt_id) == 1


def test_many_concurrent_read_modify_writes_all_land(app, backend):
    """Eight threads, each incrementing one counter 15 times by reading it and writing it back."""
    attempt_id = _attempt_id()
    errors: list[BaseException] = []
    open_session = _app_session(app)

    def worker() -> None:
        try:
            for _ in range(15):
                with open_session() as session:
                    query = select(Attempt).where(Attempt.id == attempt_id).with_for_update()
                    attempt = session.scalar(query)
                    attempt.answered_count = attempt.answered_count + 1
                    session.commit()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    workers = [threading.Thread(target=worker) for _ in range(8)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert errors == []
    assert _count(attempt_id) == 8 * 15


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_postgresql_connections_are_checked_before_use(app):
    assert db.engine.pool._pre_ping is True
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT 1")).scalar() == 1
