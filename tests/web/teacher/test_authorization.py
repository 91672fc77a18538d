"""Every teacher route, taken from the URL map: another teacher's ids give 404, learners get 403/404.

New routes are covered automatically; a route with a URL parameter this test does not know fails it,
so whoever adds one must say which object it names.
"""

from __future__ import annotations

import pytest

from quizapp.extensions import db
from quizapp.models import Classroom, Question
from tests.factories import make_article, make_assignment, make_class, make_user
from tests.support import csrf_token
from tests.web.teacher.helpers import add_attempt, login_as

ADMIN_ONLY = {"teacher.admin_users", "teacher.admin_set_role", "teacher.admin_invites"}


def _teacher_routes(app):
    routes = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("teacher.")]
    assert len(routes) > 20, "the teacher blueprint lost its routes"
    return routes


def _foreign_objects():
    """Objects owned by teacher B: an article with a question, a class with a learner, an assignment."""
    other = make_user("teacher")
    learner = make_user("learner")
    article = make_article(other, 2)
    classroom = make_class(other, [learner], name="B's class")
    assignment = make_assignment(classroom, article)
    add_attempt(assignment, learner, {article.questions[0].id: ("seven 0", True)})
    return {
        "article_id": article.id,
        "question_id": article.questions[0].id,
        "class_id": classroom.id,
        "assignment_id": assignment.id,
        "user_id": learner.id,
    }, classroom.join_code


def _calls(app, ids):
    for rule in _teacher_routes(app):
        unknown = set(rule.arguments) - set(ids)
        assert not unknown, f"{rule.endpoint}: teach this test which object {unknown} names"
        path = rule.rule
        for name in rule.arguments:
            path = path.replace(f"<int:{name}>", str(ids[name]))
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method, path


def _request(client, method, path, token):
    if method == "GET":
        return client.get(path)
    return client.post(path, data={"csrf_token": token, "action": "approve", "role": "admin", "name": "x"})


def test_another_teachers_ids_are_not_found(app, client, auth):
    ids, code = _foreign_objects()
    login_as(client, auth, "teacher")
    token = csrf_token(client, "/teach/")
    checked = 0
    for rule, method, path in _calls(app, ids):
        if not rule.arguments:
            continue
        response = _request(client, method, path, token)
        expected = {403} if rule.endpoint in ADMIN_ONLY else {404}
        assert response.status_code in expected, (
            f"{method} {path} ({rule.endpoint}) gave {response.status_code}"
        )
        checked += 1
    assert checked >= 15
    db.session.expire_all()
    assert db.session.get(Classroom, ids["class_id"]).join_code == code
    assert db.session.get(Question, ids["question_id"]).status == "approved"
    assert db.session.get(Classroom, ids["class_id"]).enrolments


@pytest.mark.parametrize("role", ["learner"])
def test_learners_get_403_or_404_everywhere(app, client, auth, role):
    ids, code = _foreign_objects()
    login_as(client, auth, role)
    token = csrf_token(client, "/")
    for rule, method, path in _calls(app, ids):
        response = _request(client, method, path, token)
        assert response.status_code in (403, 404), (
            f"{method} {path} ({rule.endpoint}) gave {response.status_code}"
        )
    db.session.expire_all()
    assert db.session.get(Classroom, ids["class_id"]).join_code == code


def test_visitors_are_sent_to_log_in(app, client):
    ids, _ = _foreign_objects()
    for rule, method, path in _calls(app, ids):
        if rule.endpoint == "teacher.signup" or method != "GET":
            continue
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"], path


def test_admin_ownership_is_strict_too(app, client, auth):
    """An admin is a teacher here: another teacher's classes are not theirs either."""
    ids, _ = _foreign_objects()
    login_as(client, auth, "admin")
    assert client.get(f"/teach/classes/{ids['class_id']}").status_code == 404
    assert client.get(f"/teach/classes/{ids['class_id']}/gradebook").status_code == 404
    assert client.get(f"/teach/assignments/{ids['assignment_id']}/stats").status_code == 404
