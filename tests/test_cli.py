"""The commands a school admin runs: create users, load seeds, demo accounts."""

from __future__ import annotations

import pytest

from quizapp.extensions import db
from quizapp.models import Article, Assignment, Classroom, Enrolment, Question, User


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


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_demo_is_set_up_once_and_kept(runner, app):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    teacher = User.query.filter_by(email="teacher@example.com").one()
    question = Question.query.filter_by(status="approved").first()
    question.prompt = "Edited by the teacher?"
    db.session.commit()
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0, second.output
    assert "teacher@example.com" in first.output and "password:" in first.output
    assert User.query.count() == 3
    assert Classroom.query.count() == 1
    assert Enrolment.query.count() == 2
    article = Article.query.one()  # the sample article from seeds/, owned by the demo teacher
    assert article.owner_id == teacher.id and article.status == "ready"
    assignment = Assignment.query.one()
    assert 0 < len(assignment.question_ids) <= 12
    assert db.session.get(Question, question.id).prompt == "Edited by the teacher?"
