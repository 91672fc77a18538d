"""Configuration: embedded defaults for development, refusal to run production unsafely."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from quizapp import create_app
from quizapp.config import DEV_SECRET_KEY, REPO_ROOT, ConfigError, normalize_database_url


def test_development_defaults_need_no_services(monkeypatch, tmp_path):
    for name in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "QUIZAPP_ENV"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("QUIZAPP_INSTANCE_PATH", str(tmp_path))
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/quizapp.db"
    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"
    assert app.config["SESSION_COOKIE_SECURE"] is False


@pytest.mark.parametrize("key", [None, "", DEV_SECRET_KEY, "short"])
def test_production_refuses_a_missing_or_default_secret_key(monkeypatch, tmp_path, key):
    monkeypatch.setenv("QUIZAPP_ENV", "production")
    monkeypatch.setenv("QUIZAPP_INSTANCE_PATH", str(tmp_path))
    if key is None:
        monkeypatch.delenv("SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("SECRET_KEY", key)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app()


def test_production_with_a_real_key_has_secure_cookies(monkeypatch, tmp_path):
    monkeypatch.setenv("QUIZAPP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    monkeypatch.setenv("QUIZAPP_INSTANCE_PATH", str(tmp_path))
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_HTTPONLY"]
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_postgres_urls_use_psycopg3():
    assert normalize_database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_interval_fuzzing_is_on_by_default_and_in_production(monkeypatch, tmp_path):
    """Fuzz spreads the due dates of cards learnt together (FSRS's advice for real use); only the test
    configuration turns it off, so scheduling is repeatable there."""
    monkeypatch.setenv("QUIZAPP_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("QUIZAPP_SRS_FUZZ", raising=False)
    monkeypatch.delenv("QUIZAPP_ENV", raising=False)
    assert create_app().config["SRS_FUZZ"] is True
    monkeypatch.setenv("QUIZAPP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    assert create_app().config["SRS_FUZZ"] is True
    monkeypatch.setenv("QUIZAPP_SRS_FUZZ", "0")
    assert create_app().config["SRS_FUZZ"] is False


def _import_wsgi(tmp_path, **env) -> subprocess.CompletedProcess:
    """Import quizapp.wsgi as gunicorn does, in a fresh interpreter with only ``env`` set."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("QUIZAPP_") and k != "SECRET_KEY"}
    clean.update(QUIZAPP_INSTANCE_PATH=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path}/wsgi.db", **env)
    code = "from quizapp.wsgi import app; c = app.config; print(c['QUIZAPP_ENV'], c['SESSION_COOKIE_SECURE'])"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def test_the_wsgi_entry_defaults_to_production_and_refuses_the_development_key(tmp_path):
    """gunicorn started without QUIZAPP_ENV must not serve on the development key."""
    for key in ({}, {"SECRET_KEY": DEV_SECRET_KEY}):
        refused = _import_wsgi(tmp_path, **key)
        assert refused.returncode != 0 and "SECRET_KEY must be set" in refused.stderr
    served = _import_wsgi(tmp_path, SECRET_KEY="k" * 64)
    assert served.returncode == 0, served.stderr
    assert served.stdout.split() == ["production", "True"]
    chosen = _import_wsgi(tmp_path, QUIZAPP_ENV="development")  # an explicit choice is respected
    assert chosen.returncode == 0, chosen.stderr
    assert chosen.stdout.split() == ["development", "False"]
