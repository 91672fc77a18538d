"""The database's lifecycle: engine options per backend and the SQLite transaction discipline.

Python's sqlite3 driver opens a transaction only at the first write, so a read-modify-write under
concurrent requests silently loses updates. We take the driver's transaction handling away and open
every transaction with BEGIN IMMEDIATE: the writer lock is taken up front, other writers wait on the
busy timeout instead of failing or overwriting. WAL keeps readers of other connections unblocked.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Engine

READ_ONLY_SNAPSHOT = "quizapp_read_only_snapshot"  # an execution option, see snapshot_options()


def snapshot_options(dialect: str) -> dict:
    """Execution options for a connection whose one transaction reads a consistent, read-only snapshot.

    PostgreSQL: SERIALIZABLE READ ONLY DEFERRABLE, which waits (if need be) for a moment when no
    serialization anomaly is possible and then never fails nor blocks writers (what pg_dump uses).
    SQLite: a deferred BEGIN in WAL mode (see ``install_sqlite_discipline``).
    """
    if dialect == "postgresql":
        return {
            READ_ONLY_SNAPSHOT: True,
            "isolation_level": "SERIALIZABLE",
            "postgresql_readonly": True,
            "postgresql_deferrable": True,
        }
    return {READ_ONLY_SNAPSHOT: True}


def engine_options(uri: str, busy_timeout_ms: int) -> dict:
    """SQLAlchemy engine options suited to the database behind ``uri``."""
    if uri.startswith("sqlite"):
        return {"connect_args": {"timeout": busy_timeout_ms / 1000, "check_same_thread": False}}
    return {"pool_pre_ping": True, "pool_recycle": 1800}


def install_sqlite_discipline(engine: Engine, busy_timeout_ms: int) -> None:
    """WAL, foreign keys, a busy timeout, and BEGIN IMMEDIATE for every transaction on SQLite."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        if engine.url.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        # PRAGMA values cannot be bound parameters; this one is an int from our own config
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")  # nosemgrep: sql-text-from-string-building
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        if conn.get_execution_options().get(READ_ONLY_SNAPSHOT):
            # A read-only snapshot (a backup): a deferred BEGIN reads one consistent WAL snapshot from
            # its first SELECT on, without taking the writer lock, so writers go on meanwhile.
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
