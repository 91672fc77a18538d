"""The commands a school admin runs: create users, load seeds, demo accounts."""

from __future__ import annotations

from quizapp.models import Classroom, Enrolment, User


def test_create_user_with_a_role(runner, app):
    result = runner.invoke(
        args=[
            "create-user",
            "--email",
            "T@School.org",
            "--name",
            "Tess",
            "--role",
            "teacher",
            "--password",
            "a long enough password",
        ]
    )
    assert result.exit_code == 0, result.output
    user = User.query.one()
    assert (user.email, user.role) == ("t@school.org", "teacher")


def test_create_user_reports_a_duplicate_clearly(runner, app):
    args = ["create-user", "--email", "t@school.org", "--password", "a long enough password"]
    assert runner.invoke(args=args).exit_code == 0
    result = runner.invoke(args=args)
    assert result.exit_code != 0
    assert "already exists" in result.output
    assert "Traceback" not in result.output


def test_demo_accounts_are_created_once(runner, app):
    first = runner.invoke(args=["demo"])
    second = runner.invoke(args=["demo"])
    assert first.exit_code == 0 and second.exit_code == 0
    assert "teacher@example.com" in first.output and "password:" in first.output
    assert User.query.count() == 3
    assert Classroom.query.count() == 1
    assert Enrolment.query.count() == 2
