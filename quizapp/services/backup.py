"""Backup and restore of the whole database as portable JSON lines (SQLite or PostgreSQL, either way).

The file holds the schema revision and every row of every table in dependency order, so a backup of
the embedded SQLite database restores into PostgreSQL when a school outgrows one machine.
"""

from __future__ import annotations

import base64
import gzip
import json
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Integer, func, insert, select, text
from sqlalchemy.exc import SQLAlchemyError

from ..database import snapshot_options
from ..extensions import db

FORMAT = "quizapp-backup/1"
RESTORE_BATCH = 1000


class BackupError(RuntimeError):
    """A backup file that cannot be restored here; the message says why."""


def _encode(value):
    if isinstance(value, datetime | date):
        return {"$dt": value.isoformat()}
    if isinstance(value, bytes):
        return {"$b64": base64.b64encode(value).decode()}
    return value


def _decode(value):
    if isinstance(value, dict) and "$dt" in value:
        return datetime.fromisoformat(value["$dt"])
    if isinstance(value, dict) and "$b64" in value:
        return base64.b64decode(value["$b64"])
    return value


def _revision(conn=None) -> str | None:
    try:
        return (conn or db.session).execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # noqa: BLE001 - an unmigrated database has no revision table
        if conn is None:
            db.session.rollback()
        return None


def write_backup(path: Path) -> dict[str, int]:
    """Write every row to ``path`` (gzip-compressed JSON lines); return the row count per table.

    Every table is read in one read-only snapshot transaction (see ``database.snapshot_options``), so
    the file is the database as it stood at one moment even while learners and teachers keep writing:
    no answer without its attempt, no card without its learner.
    """
    counts: dict[str, int] = {}
    options = snapshot_options(db.engine.dialect.name)
    with db.engine.connect().execution_options(**options) as conn, conn.begin():
        if db.engine.dialect.name == "sqlite":
            conn.exec_driver_sql("SELECT 1 FROM sqlite_master LIMIT 1").all()  # the snapshot starts here
        with gzip.open(path, "wt", encoding="utf-8") as out:
            out.write(json.dumps({"format": FORMAT, "revision": _revision(conn)}) + "\n")
            for table in db.metadata.sorted_tables:
                n = 0
                rows = conn.execution_options(yield_per=1000).execute(
                    select(table).order_by(*table.primary_key.columns)
                )
                for row in rows.mappings():
                    out.write(
                        json.dumps({"t": table.name, "r": {k: _encode(v) for k, v in row.items()}}) + "\n"
                    )
                    n += 1
                counts[table.name] = n
    return counts


def _header(path: Path):
    try:
        lines = gzip.open(path, "rt", encoding="utf-8")
        return lines, json.loads(lines.readline())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{path} is not a quizapp backup: {exc}") from exc


def restore_backup(path: Path) -> dict[str, int]:
    """Load a backup into this (migrated, empty) database in one transaction; return rows per table.

    Rows are streamed into the database in batches (the file lists tables in dependency order), so a
    large backup never has to fit in memory; any error rolls the whole restore back.
    """
    tables = {t.name: t for t in db.metadata.sorted_tables}
    for table in tables.values():
        if db.session.execute(select(func.count()).select_from(table)).scalar():
            raise BackupError(
                f"The database is not empty (table {table.name!r} has rows); restore into a new one."
            )
    lines, header = _header(path)
    if header.get("format") != FORMAT:
        raise BackupError(f"{path} is not a quizapp backup (format {header.get('format')!r}).")
    if header.get("revision") != _revision():
        raise BackupError(
            f"The backup is of schema {header.get('revision')}, this database is at {_revision()}: "
            "run `flask db upgrade` (or restore with the matching version of quizapp)."
        )
    counts = {name: 0 for name in tables}
    batch: list[dict] = []
    current = None

    def flush():
        if batch:
            db.session.execute(insert(current), batch)
            counts[current.name] += len(batch)
            batch.clear()

    try:
        with lines:
            for number, line in enumerate(lines, start=2):
                try:
                    item = json.loads(line)
                    table = tables[item["t"]]
                except (ValueError, KeyError, OSError, EOFError) as exc:
                    raise BackupError(f"line {number} of {path} is damaged: {exc}") from exc
                if table is not current or len(batch) >= RESTORE_BATCH:
                    flush()
                    current = table
                batch.append({k: _decode(v) for k, v in item["r"].items()})
            flush()
        _reset_sequences(tables)
        db.session.commit()
    except BackupError:
        db.session.rollback()
        raise
    except (SQLAlchemyError, OSError, EOFError) as exc:
        db.session.rollback()
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]  # the driver's message, not the SQL
        raise BackupError(f"{path} could not be restored, nothing was loaded: {reason}") from exc
    return counts


def _reset_sequences(tables) -> None:
    """After explicit ids were inserted, PostgreSQL's id sequences must move past them."""
    if db.engine.dialect.name != "postgresql":
        return
    for table in tables.values():
        pk = list(table.primary_key.columns)
        if len(pk) == 1 and isinstance(pk[0].type, Integer):
            next_id = select(func.coalesce(func.max(pk[0]), 0) + 1).scalar_subquery()
            sequence = func.pg_get_serial_sequence(table.name, pk[0].name)
            db.session.execute(select(func.setval(sequence, next_id, False)))
