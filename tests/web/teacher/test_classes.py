"""Classes: creation, join code and link, roster, desired retention; assignments set to them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from quizapp.extensions import db
from quizapp.models import Assignment, Classroom, Enrolment
from quizapp.services.assignments import AssignmentError, AssignmentInput, create_assignment
from quizapp.services.classes import ClassError, parse_retention
from tests.factories import make_article, make_class, make_user
from tests.web.teacher.helpers import login_as, post


def test_create_class_shows_code_and_join_link(app, client, auth):
    teacher = login_as(client, auth)
    response = post(client, "/teach/classes", {"name": "  Year 9   history ", "retention": "0.85"})
    assert response.status_code == 302
    classroom = Classroom.query.one()
    assert classroom.teacher_id == teacher.id and classroom.name == "Year 9 history"
    assert classroom.desired_retention == pytest.approx(0.85)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert classroom.join_code in page and f"/learn/join/{classroom.join_code}" in page


@pytest.mark.parametrize("value", ["0.5", "1.2", "abc", "", "99.5"])
def test_retention_outside_the_range_is_refused(app, client, auth, value):
    login_as(client, auth)
    response = post(client, "/teach/classes", {"name": "History", "retention": value})
    assert response.status_code == 422 and "between 0.70 and 0.99" in response.get_data(as_text=True)
    assert Classroom.query.count() == 0


def test_retention_accepts_percent():
    assert parse_retention("90") == pytest.approx(0.9)
    assert parse_retention("0.7") == pytest.approx(0.7)
    with pytest.raises(ClassError):
        parse_retention("0.995")


def test_regenerate_code_and_settings(app, client, auth):
    teacher = login_as(client, auth)
    classroom = make_class(teacher)
    old = classroom.join_code
    post(client, f"/teach/classes/{classroom.id}/code")
    db.session.expire_all()
    assert classroom.join_code != old and len(classroom.join_code) == 8
    post(client, f"/teach/classes/{classroom.id}/settings", {"name": "Renamed", "retention": "0.95"})
    db.session.expire_all()
    assert classroom.name == "Renamed" and classroom.desired_retention == pytest.approx(0.95)


def test_remove_a_learner(app, client, auth):
    teacher = login_as(client, auth)
    ada, ben = make_user(name="Ada"), make_user(name="Ben")
    classroom = make_class(teacher, [ada, ben])
    page = client.get(f"/teach/classes/{classroom.id}").get_data(as_text=True)
    assert "Ada" in page and "Ben" in page
    post(client, f"/teach/classes/{classroom.id}/learners/{ada.id}/remove")
    assert [e.user_id for e in Enrolment.query.all()] == [ben.id]
    assert post(client, f"/teach/classes/{classroom.id}/learners/{ada.id}/remove").status_code == 404


def test_create_assignment_with_pool_dates_and_mode(app, client, auth):
    teacher = login_as(client, auth)
    article = make_article(teacher, 4)
    article.questions[3].status = "draft"
    db.session.commit()
    classroom = make_class(teacher)
    ids = [str(q.id) for q in article.questions[:3]]
    response = post(
        client,
        f"/teach/classes/{classroom.id}/assignments/new",
        {"article_id": article.id, "title": "Vote quiz", "question_ids": ids, "pool_draw": "2",
         "opens_at": "2026-12-01T09:30", "due_at": "2026-12-08T17:00", "mode": "test",
         "attempts_allowed": "0", "shuffle": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    assignment = Assignment.query.one()
    assert assignment.question_ids == [int(i) for i in ids] and assignment.pool_draw == 2
    assert assignment.opens_at == datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    assert assignment.due_at == datetime(2026, 12, 8, 17, 0, tzinfo=UTC)
    assert assignment.mode == "test" and assignment.attempts_allowed == 0 and assignment.shuffle
    page = client.get(f"/teach/classes/{classroom.id}").get_data(as_text=True)
    assert "Vote quiz" in page and "2 of 3" in page and "2026-12-08 17:00" in page


@pytest.mark.parametrize(
    "change,message",
    [
        ({"pool_draw": "9"}, "between 1 and 3"),
        ({"due_at": "2026-11-01T09:00", "opens_at": "2026-11-02T09:00"}, "after the opening"),
        ({"due_at": "next tuesday"}, "use a date and time"),
        ({"mode": "exam"}, "practice or test"),
        ({"attempts_allowed": "-1"}, "between 0 and 100"),
        ({"question_ids": [999999]}, "Only approved questions"),
    ],
)
def test_assignment_validation(app, client, auth, change, message):
    teacher = login_as(client, auth)
    article = make_article(teacher, 3)
    classroom = make_class(teacher)
    data = {"article_id": article.id, "title": "Quiz", "mode": "practice", "attempts_allowed": "1", **change}
    response = post(client, f"/teach/classes/{classroom.id}/assignments/new", data)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert Assignment.query.count() == 0


def test_assignment_needs_approved_questions(app):
    teacher = make_user("teacher")
    article = make_article(teacher, 2)
    for q in article.questions:
        q.status = "draft"
    db.session.commit()
    with pytest.raises(AssignmentError, match="no approved questions"):
        create_assignment(make_class(teacher), article, AssignmentInput(article_id=article.id))


def test_another_teachers_article_cannot_be_assigned(app, client, auth):
    teacher = login_as(client, auth)
    foreign = make_article(make_user("teacher"), 2)
    classroom = make_class(teacher)
    response = post(client, f"/teach/classes/{classroom.id}/assignments/new", {"article_id": foreign.id})
    assert response.status_code == 404 and Assignment.query.count() == 0


def test_delete_assignment(app, client, auth):
    teacher = login_as(client, auth)
    classroom = make_class(teacher)
    assignment = create_assignment(classroom, make_article(teacher, 2), AssignmentInput(article_id=None))
    post(client, f"/teach/assignments/{assignment.id}/delete")
    assert Assignment.query.count() == 0
