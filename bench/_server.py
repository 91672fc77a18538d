"""Helpers for benchmarks that run quizapp under gunicorn against a database of their own."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
PG_URL = os.environ.get("QUIZAPP_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def pg_schema_url(schema: str) -> str:
    """A fresh PostgreSQL schema ``schema`` (dropped and created), as a URL whose search_path is it."""
    from urllib.parse import quote

    from sqlalchemy import create_engine, text

    from quizapp.config import normalize_database_url

    base = normalize_database_url(PG_URL)
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    return f"{base}?options={quote(f'-csearch_path={schema}')}"


def migrated_app(database_uri: str):
    """The app on ``database_uri`` with the migrations applied (rate limits off for load)."""
    from flask_migrate import upgrade

    from quizapp import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_uri, "RATELIMIT_ENABLED": False})
    with app.app_context():
        upgrade()
    return app


def log_in(base: str, email: str, password: str) -> tuple[requests.Session, str]:
    """A requests session logged in as ``email`` and a CSRF token for its posts."""
    s = requests.Session()
    token = CSRF_RE.search(s.get(f"{base}/login", timeout=30).text).group(1)
    r = s.post(
        f"{base}/login",
        data={"email": email, "password": password, "csrf_token": token},
        allow_redirects=False,
        timeout=30,
    )
    if r.status_code != 302:
        raise RuntimeError(f"log-in of {email} failed: {r.status_code}")
    return s, CSRF_RE.search(s.get(f"{base}/account", timeout=30).text).group(1)
