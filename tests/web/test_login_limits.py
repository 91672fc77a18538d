"""Log-in limits: tight per address and account (so a stranger cannot lock the owner out), looser per
account from anywhere, and log-in keeps working, still limited, when Redis is down."""

from __future__ import annotations

import logging

import pytest

from quizapp import create_app
from quizapp.extensions import limiter
from tests.conftest import BASE_TEST_CONFIG
from tests.factories import PASSWORD, make_user
from tests.support import csrf_token

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


@pytest.fixture
def limited(database_uri, tmp_path, request):
    """An app with rate limits on; ``request.param`` may name a storage URI (default in memory)."""

    def build(storage: str = "memory://"):
        app = create_app({**BASE_TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": database_uri,
                          "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": storage,
                          "RATELIMIT_STORAGE_OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
                          if storage.startswith("redis") else {}})  # fmt: skip
        app.instance_path = str(tmp_path)
        return app

    yield build
    limiter._storage_dead = False  # the extension object is shared by every app of this process


def _attempt(app, address: str, email: str, password: str) -> int:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    token = csrf_token(client, "/login")
    response = client.post("/login", data={"email": email, "password": password, "csrf_token": token})
    return response.status_code


def test_a_stranger_failing_on_purpose_does_not_lock_the_owner_out(limited):
    app = limited()
    with app.app_context():
        make_user(email="owner@example.com")
    stranger = [_attempt(app, "198.51.100.7", "owner@example.com", "wrong guess") for _ in range(12)]
    assert stranger[:10] == [200] * 10 and stranger[10:] == [429, 429]
    assert _attempt(app, "203.0.113.5", "owner@example.com", PASSWORD) == 302  # from the owner's own address


def test_guessing_one_account_from_many_addresses_is_limited_too(limited):
    app = limited()
    with app.app_context():
        make_user(email="owner@example.com")
    statuses = [_attempt(app, f"198.51.100.{n % 200}", "owner@example.com", "guess") for n in range(62)]
    assert statuses[:60] == [200] * 60 and statuses[60:] == [429, 429]  # 60 per minute per account


def test_log_in_works_and_is_still_limited_when_redis_is_down(limited, caplog):
    app = limited("redis://127.0.0.1:1/0")  # nothing listens there
    with app.app_context():
        make_user(email="owner@example.com")
    with caplog.at_level(logging.WARNING):
        assert _attempt(app, "203.0.113.5", "owner@example.com", PASSWORD) == 302
    assert any("falling back to in-memory storage" in r.getMessage() for r in caplog.records)
    statuses = [_attempt(app, "198.51.100.7", "owner@example.com", "wrong") for _ in range(11)]
    assert statuses[:10] == [200] * 10 and statuses[10] == 429  # limited in this worker's memory
