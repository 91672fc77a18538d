"""Helpers shared by the tests: strict skips, CSRF tokens, factories."""

from __future__ import annotations

import os
import re

import pytest

CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def skip_or_fail(reason: str) -> None:
    """Skip with ``reason``; under CI (QUIZAPP_STRICT=1) a missing prerequisite is a failure instead."""
    if os.environ.get("QUIZAPP_STRICT") == "1":
        pytest.fail(f"required in CI but unavailable: {reason}")
    pytest.skip(reason)


def csrf_from(html: str) -> str:
    """The CSRF token embedded in a rendered page."""
    match = CSRF_RE.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)


def csrf_token(client, path: str = "/") -> str:
    """Fetch ``path`` and return the CSRF token of the client's session."""
    return csrf_from(client.get(path, follow_redirects=True).get_data(as_text=True))


class AuthActions:
    """Log a test client in and out through the real forms."""

    def __init__(self, client):
        self.client = client

    def login(self, email: str, password: str, follow_redirects: bool = False):
        token = csrf_token(self.client, "/login")
        return self.client.post(
            "/login",
            data={"email": email, "password": password, "csrf_token": token},
            follow_redirects=follow_redirects,
        )

    def logout(self):
        token = csrf_token(self.client, "/")
        return self.client.post("/logout", data={"csrf_token": token})
