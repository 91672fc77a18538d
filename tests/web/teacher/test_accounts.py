"""Teacher accounts: sign-up only with a valid invitation code; an admin creates teachers and codes."""

from __future__ import annotations

import re

from quizapp.extensions import db
from quizapp.models import User
from quizapp.models.user import InviteCode
from tests.factories import make_user
from tests.support import csrf_token
from tests.web.teacher.helpers import login_as, post

PASSWORD = "purple giraffe orbits lantern"


def _signup(client, code, email="teach@example.com"):
    return client.post(
        "/teach/signup",
        data={"name": "Tess", "email": email, "password": PASSWORD, "confirm": PASSWORD, "code": code,
              "csrf_token": csrf_token(client, "/teach/signup")},
    )  # fmt: skip


def test_shared_invite_code_makes_a_teacher(app, client):
    app.config["INVITE_CODE"] = "staff-room-2026"
    response = _signup(client, "staff-room-2026")
    assert response.status_code == 302 and response.headers["Location"] == "/teach/"
    assert User.query.filter_by(email="teach@example.com").one().role == "teacher"
    assert client.get("/teach/").status_code == 200


def test_wrong_or_missing_code_creates_nothing(app, client):
    app.config["INVITE_CODE"] = "staff-room-2026"
    for code in ["", "staff-room-2025", "x" * 100]:
        response = _signup(client, code)
        body = response.get_data(as_text=True)
        assert response.status_code == 422 and "invitation code is not valid" in body
        assert 'value="teach@example.com"' in body
    app.config["INVITE_CODE"] = ""  # no shared code configured: an empty code must not match it
    assert _signup(client, "").status_code == 422
    assert User.query.count() == 0


def test_admin_invite_is_single_use(app, client, auth):
    admin = login_as(client, auth, "admin")
    post(client, "/teach/admin/invites", {"note": "For Tess"})
    invite = InviteCode.query.one()
    assert invite.created_by_id == admin.id and invite.note == "For Tess"
    assert invite.code in client.get("/teach/admin/invites").get_data(as_text=True)
    auth.logout()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", invite.code)
    assert _signup(client, f"  {invite.code.lower()} ").status_code == 302  # typed loosely
    db.session.expire_all()
    tess = User.query.filter_by(email="teach@example.com").one()
    assert tess.role == "teacher" and invite.used_by_id == tess.id and invite.used_at is not None
    auth.logout()
    again = _signup(client, invite.code, email="second@example.com")
    assert again.status_code == 422 and User.query.filter_by(email="second@example.com").count() == 0


def test_failed_signup_does_not_burn_the_invite(app, client):
    admin = make_user("admin")
    invite = InviteCode(created_by_id=admin.id)
    db.session.add(invite)
    db.session.commit()
    make_user(email="taken@example.com")
    response = _signup(client, invite.code, email="taken@example.com")
    assert response.status_code == 422 and "already exists" in response.get_data(as_text=True)
    db.session.expire_all()
    assert invite.used_at is None
    assert _signup(client, invite.code, email="fresh@example.com").status_code == 302


def test_logged_in_learner_cannot_use_teacher_signup(app, client, auth):
    login_as(client, auth, "learner")
    response = client.get("/teach/signup")
    assert response.status_code == 403 and "Log out first" in response.get_data(as_text=True)


def test_admin_creates_a_teacher_and_changes_roles(app, client, auth):
    admin = login_as(client, auth, "admin")
    response = post(
        client,
        "/teach/admin/users",
        {"name": "New T", "email": "newt@example.com", "password": PASSWORD, "role": "teacher"},
    )
    assert response.status_code == 302
    newt = User.query.filter_by(email="newt@example.com").one()
    assert newt.role == "teacher"
    weak = post(
        client,
        "/teach/admin/users",
        {"name": "W", "email": "weak@example.com", "password": "short", "role": "teacher"},
    )
    assert weak.status_code == 422 and User.query.filter_by(email="weak@example.com").count() == 0
    post(client, f"/teach/admin/users/{newt.id}/role", {"role": "learner"})
    db.session.expire_all()
    assert newt.role == "learner"
    post(client, f"/teach/admin/users/{admin.id}/role", {"role": "learner"})
    db.session.expire_all()
    assert admin.role == "admin"
    post(client, f"/teach/admin/users/{newt.id}/role", {"role": "superuser"})
    db.session.expire_all()
    assert newt.role == "learner"


def test_teachers_are_not_admins(app, client, auth):
    login_as(client, auth, "teacher")
    assert client.get("/teach/admin/users").status_code == 403
    assert client.get("/teach/admin/invites").status_code == 403
    assert "Admin" not in client.get("/teach/").get_data(as_text=True).split("<main")[0]
