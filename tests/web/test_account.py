"""Password rules, password change, and sessions that end when they should."""

from __future__ import annotations

import pytest

from quizapp.models import User
from quizapp.services.passwords import password_problem
from tests.factories import PASSWORD, make_user
from tests.support import AuthActions, csrf_token


@pytest.mark.parametrize(
    "password",
    ["short", "123456789012", "passwordpassword", "iloveyou1234", "qwertyuiopasdf", "ada@example.com1"],
)
def test_weak_or_common_passwords_are_refused(password):
    assert password_problem(password, email="ada@example.com", name="Ada") is not None


@pytest.mark.parametrize(
    "password", ["a long enough password", "Summer2024!! kettle", "correct horse battery"]
)
def test_long_unguessable_passwords_are_accepted(password):
    assert password_problem(password, email="ada@example.com", name="Ada") is None


def test_signup_with_a_common_password_says_why(client, app):
    token = csrf_token(client, "/signup")
    response = client.post(
        "/signup",
        data={
            "name": "Ada",
            "email": "ada@example.com",
            "password": "123456789012",
            "confirm": "123456789012",
            "csrf_token": token,
        },
    )
    assert response.status_code == 200
    assert "commonly used password" in response.get_data(as_text=True)
    assert User.query.count() == 0


def _session_cookie(client) -> str:
    return client.get_cookie("session").value


def test_replayed_cookie_after_logout_is_refused(app):
    make_user(email="ada@example.com", name="Ada")
    first, thief = app.test_client(), app.test_client()
    AuthActions(first).login("ada@example.com", PASSWORD)
    thief.set_cookie("session", _session_cookie(first))
    assert "Hello, Ada" in thief.get("/", follow_redirects=True).get_data(as_text=True)
    AuthActions(first).logout()
    assert "Hello, Ada" not in thief.get("/", follow_redirects=True).get_data(as_text=True)


def test_login_issues_a_new_session(app):
    make_user(email="ada@example.com")
    client = app.test_client()
    client.get("/login")
    before = _session_cookie(client)
    AuthActions(client).login("ada@example.com", PASSWORD)
    assert _session_cookie(client) != before


def test_password_change_ends_other_sessions_but_not_this_one(app):
    make_user(email="ada@example.com", name="Ada")
    here, elsewhere = app.test_client(), app.test_client()
    AuthActions(here).login("ada@example.com", PASSWORD)
    AuthActions(elsewhere).login("ada@example.com", PASSWORD)
    response = here.post(
        "/account",
        data={
            "current": PASSWORD,
            "password": "a brand new passphrase",
            "confirm": "a brand new passphrase",
            "csrf_token": csrf_token(here, "/account"),
        },
        follow_redirects=True,
    )
    assert "Other devices have been logged out." in response.get_data(as_text=True)
    assert "Hello, Ada" in here.get("/", follow_redirects=True).get_data(as_text=True)
    assert "Hello, Ada" not in elsewhere.get("/", follow_redirects=True).get_data(as_text=True)
    fresh = app.test_client()
    assert AuthActions(fresh).login("ada@example.com", "a brand new passphrase").status_code == 302


def test_password_change_needs_the_current_password(client, auth, app):
    make_user(email="ada@example.com")
    auth.login("ada@example.com", PASSWORD)
    response = client.post(
        "/account",
        data={
            "current": "not my password",
            "password": "a brand new passphrase",
            "confirm": "a brand new passphrase",
            "csrf_token": csrf_token(client, "/account"),
        },
    )
    assert "The current password is not right." in response.get_data(as_text=True)
    assert User.query.one().check_password(PASSWORD)
