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

from ..extensions import db

FORMAT = "quizapp-backup/1"


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


def _revision() -> str | None:
    try:
        return db.session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # noqa: BLE001 - an unmigrated database has no revision table
        db.session.rollback()
        return None


def write_backup(path: Path) -> dict[str, int]:
    """Write every row to ``path`` (gzip-compressed JSON lines); return the row count per table."""
    counts: dict[str, int] = {}
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(json.dumps({"format": FORMAT, "revision": _revision()}) + "\n")
        for table in db.metadata.sorted_tables:
            n = 0
            for row in db.session.execute(select(table).order_by(*table.primary_key.columns)).mappings():
                out.write(json.dumps({"t": table.name, "r": {k: _encode(v) for k, v in row.items()}}) + "\n")
                n += 1
            counts[table.name] = n
    db.session.rollback()
    return counts


def restore_backup(path: Path) -> dict[str, int]:
    """Load a backup into this (migrated, empty) database in one transaction; return rows per table."""
    tables = {t.name: t for t in db.metadata.sorted_tables}
    for table in tables.values():
        if db.session.execute(select(func.count()).select_from(table)).scalar():
            raise BackupError(
                f"The database is not empty (table {table.name!r} has rows); restore into a new one."
            )
    try:
        lines = gzip.open(path, "rt", encoding="utf-8")
        header = json.loads(lines.readline())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{path} is not a quizapp backup: {exc}") from exc
    if header.get("format") != FORMAT:
        raise BackupError(f"{path} is not a quizapp backup (format {header.get('format')!r}).")
    if header.get("revision") != _revision():
        raise BackupError(
            f"The backup is of schema {header.get('revision')}, this database is at {_revision()}: "
            "run `flask db upgrade` (or restore with the matching version of quizapp)."
        )
    counts = {name: 0 for name in tables}
    batch: dict[str, list[dict]] = {}
    with lines:
        for number, line in enumerate(lines, start=2):
            try:
                item = json.loads(line)
                table = tables[item["t"]]
            except (ValueError, KeyError) as exc:
                db.session.rollback()
                raise BackupError(f"line {number} of {path} is damaged: {exc}") from exc
            batch.setdefault(table.name, []).append({k: _decode(v) for k, v in item["r"].items()})
    for name, table in tables.items():  # dependency order
        if batch.get(name):
            db.session.execute(insert(table), batch[name])
            counts[name] = len(batch[name])
    _reset_sequences(tables)
    db.session.commit()
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
