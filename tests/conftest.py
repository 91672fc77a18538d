"""Fixtures: an app on a freshly migrated database (SQLite always, PostgreSQL when configured)."""

from __future__ import annotations

import os
import shutil
from urllib.parse import quote

import pytest
from flask import has_app_context
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text

from quizapp import create_app
from quizapp.config import normalize_database_url
from tests.support import AuthActions, skip_or_fail

PG_ENV = "QUIZAPP_TEST_POSTGRES_URL"
BASE_TEST_CONFIG = {
    "TESTING": True,
    "SECRET_KEY": "test-secret-key-not-for-production",
    "RATELIMIT_ENABLED": False,
    "SRS_FUZZ": False,
}


def _migrate(uri: str, instance_path: str) -> None:
    from flask_migrate import upgrade

    from quizapp.extensions import db

    app = create_app({**BASE_TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": uri})
    app.instance_path = instance_path
    with app.app_context():
        upgrade()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> str:
    """A SQLite file migrated once per test process; each test gets a copy."""
    folder = tmp_path_factory.mktemp("template")
    path = folder / "template.db"
    _migrate(f"sqlite:///{path}", str(folder))
    return str(path)


@pytest.fixture(scope="session")
def pg_schema_url(tmp_path_factory, worker_id):
    """A PostgreSQL schema of this test process, migrated once; None when no server is configured.

    The name carries the process id, so test runs that share a server never touch each other's tables.
    """
    raw = os.environ.get(PG_ENV)
    if not raw:
        yield None
        return
    schema = f"qa_test_{worker_id}_{os.getpid()}".replace("-", "_")
    base = normalize_database_url(raw)
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    url = f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    _migrate(url, str(tmp_path_factory.mktemp("pg")))
    yield url
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


def _truncate_all(uri: str) -> None:
    from quizapp.extensions import db

    engine = create_engine(uri)
    tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    """The database backend a test runs on."""
    return request.param


@pytest.fixture
def database_uri(backend, tmp_path, request) -> str:
    if backend == "sqlite":
        path = tmp_path / "app.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("pg_schema_url")
    if url is None:
        skip_or_fail(f"PostgreSQL tests need {PG_ENV} (e.g. postgresql://postgres@127.0.0.1:5432/test)")
    request.addfinalizer(lambda: _truncate_all(url))
    return url


class RequestScopedClient(FlaskClient):
    """A test client whose every request runs in its own app context, as in production.

    Without this, requests reuse the test's app context: ``g`` (and Flask-WTF's cached CSRF token)
    and the database session would leak from one request into the next. The test's own open
    transaction is committed first so it never holds SQLite's write lock while a request runs.
    """

    def open(self, *args, **kwargs):
        from quizapp.extensions import db

        if has_app_context():
            db.session.commit()
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture
def app(database_uri, tmp_path):
    """The application on a migrated, empty database, inside an app context."""
    from quizapp.extensions import db

    app = create_app({**BASE_TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": database_uri})
    app.instance_path = str(tmp_path)
    app.test_client_class = RequestScopedClient
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)
