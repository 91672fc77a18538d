"""Settings read from the environment, with safe embedded defaults for development."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEV_SECRET_KEY = "dev-only-insecure-secret-key"  # noqa: S105 - refused in production


class ConfigError(RuntimeError):
    """The configuration cannot run safely (for example a production app without a secret key)."""


def normalize_database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs given as postgres:// or postgresql://."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def load_config(instance_path: str) -> dict:
    """Build the settings dictionary from the environment; defaults need no external service."""
    env = os.environ.get("QUIZAPP_ENV", "development").strip().lower()
    default_db = "sqlite:///" + str(Path(instance_path) / "quizapp.db")
    production = env == "production"
    return {
        "QUIZAPP_ENV": env,
        "SECRET_KEY": os.environ.get("SECRET_KEY", "" if production else DEV_SECRET_KEY),
        "SQLALCHEMY_DATABASE_URI": normalize_database_url(os.environ.get("DATABASE_URL", default_db)),
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
        "SQLITE_BUSY_TIMEOUT_MS": int(os.environ.get("QUIZAPP_SQLITE_BUSY_TIMEOUT_MS", "30000")),
        "MAX_CONTENT_LENGTH": int(os.environ.get("QUIZAPP_MAX_UPLOAD_BYTES", str(2 * 1024 * 1024))),
        "WTF_CSRF_ENABLED": True,
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool("QUIZAPP_SECURE_COOKIES", production),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": _bool("QUIZAPP_SECURE_COOKIES", production),
        "SRS_FUZZ": _bool("QUIZAPP_SRS_FUZZ", True),
        "RATELIMIT_STORAGE_URI": os.environ.get("REDIS_URL") or "memory://",
        "RATELIMIT_ENABLED": _bool("QUIZAPP_RATELIMIT", True),
        "RATELIMIT_KEY_PREFIX": os.environ.get("QUIZAPP_RATELIMIT_PREFIX", "quizapp"),
        "RATELIMIT_HEADERS_ENABLED": True,
        # Redis down must not lock everyone out of log-in: limits fall back to each worker's memory (Flask-
        # Limiter logs "Rate limit storage unreachable - falling back to in-memory storage") and Redis is
        # tried again with backoff; a dead host is given up on after a second, not a request timeout.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_SWALLOW_ERRORS": True,
        "RATELIMIT_STORAGE_OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}
        if os.environ.get("REDIS_URL")
        else {},
        "INVITE_CODE": os.environ.get("QUIZAPP_TEACHER_INVITE_CODE", ""),
        # How many reverse proxies sit in front of the app (0 = none): trust that many X-Forwarded-* hops.
        "PROXY_COUNT": int(os.environ.get("QUIZAPP_PROXY_COUNT", "0")),
    }


def check_production_safety(config: dict) -> None:
    """Refuse to start a production app whose secret key is missing or the development default."""
    if config.get("QUIZAPP_ENV") != "production":
        return
    key = config.get("SECRET_KEY") or ""
    if not key or key == DEV_SECRET_KEY or len(key) < 16:
        raise ConfigError(
            "SECRET_KEY must be set to a long random value in production "
            '(for example: python -c "import secrets; print(secrets.token_hex(32))").'
        )
