"""gunicorn with several workers, started as a real subprocess on a free port, for production tests."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
import requests

from tests.support import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
REDIS_ENV = "QUIZAPP_TEST_REDIS_URL"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """A running gunicorn master; ``url`` is its base URL."""

    def __init__(
        self,
        database_uri: str,
        workers: int = 4,
        redis_url: str = "",
        extra_env: dict | None = None,
        wsgi: str = "quizapp.wsgi:app",
        chdir: Path = ROOT,
        ready_path: str = "/healthz",
    ):
        self.ready_path = ready_path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "DATABASE_URL": database_uri,
            # quizapp.wsgi runs in production mode: a real key, and plain-HTTP cookies because these
            # tests talk to gunicorn on the loopback with no TLS proxy in front.
            "SECRET_KEY": "gunicorn-test-secret-key-0123456789",
            "QUIZAPP_SECURE_COOKIES": "0",
            "QUIZAPP_BIND": f"127.0.0.1:{self.port}",
            "QUIZAPP_WORKERS": str(workers),
            "QUIZAPP_ACCESS_LOG": "/dev/null",
            "QUIZAPP_LOG_LEVEL": "warning",
            "QUIZAPP_RATELIMIT_PREFIX": f"qa-test-{uuid.uuid4().hex[:8]}",
            **(extra_env or {}),
        }
        if redis_url:
            env["REDIS_URL"] = redis_url
        else:
            env.pop("REDIS_URL", None)
        # The server's log goes to a file, never a pipe nobody drains: once a pipe's buffer is full
        # (a burst of tracebacks while PostgreSQL restarts), every worker blocks on its next log line.
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), wsgi],
            cwd=chdir,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_ready()

    def log_tail(self, chars: int = 3000) -> str:
        """The end of what the server has logged."""
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-chars:]

    def _wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log_tail()}")
            try:
                if requests.get(f"{self.url}{self.ready_path}", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not become ready")

    def worker_pids(self) -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True, check=False)
        return [int(p) for p in out.stdout.split()]

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        self.log.close()


@pytest.fixture
def served_database(backend, tmp_path, request) -> str:
    """A migrated database for a gunicorn subprocess (a SQLite file copy, or this worker's PG schema)."""
    if backend == "sqlite":
        path = tmp_path / "served.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    return request.getfixturevalue("database_uri")


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get(REDIS_ENV)
    if not url:
        skip_or_fail(f"Redis tests need {REDIS_ENV} (e.g. redis://127.0.0.1:6379/15)")
    import redis

    try:
        redis.Redis.from_url(url).ping()
    except redis.RedisError as exc:
        skip_or_fail(f"Redis at {url} does not answer: {exc}")
    return url


@pytest.fixture
def gunicorn_factory():
    servers: list[Gunicorn] = []

    def start(database_uri: str, **kwargs) -> Gunicorn:
        server = Gunicorn(database_uri, **kwargs)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
