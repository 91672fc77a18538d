"""Every teacher-facing route, taken from the URL map: teacher pages, print and export (paper results
included), the API tokens pages and the JSON API.

Teacher A (and an admin, who is a teacher with account-management pages, not a reader of other
teachers' classes) gets 404 for teacher B's objects, and lists never show them; learners get 403/404
(401 from the API); visitors are sent to log in. Nothing of B's changes. New routes are covered
automatically; a route with a URL parameter this test does not know fails it, so whoever adds one
must say which object it names.
"""

from __future__ import annotations

import pytest

from quizapp.extensions import db
from quizapp.models import ApiToken, Assignment, Attempt, Classroom, Question, User
from quizapp.services.api_tokens import create_token
from tests.factories import make_article, make_assignment, make_class, make_user
from tests.support import csrf_token
from tests.web.teacher.helpers import add_attempt, login_as

SESSION_PREFIXES = ("/teach", "/account/tokens")
API_PREFIX = "/api/v1"
ADMIN_ONLY = {"teacher.admin_users", "teacher.admin_set_role", "teacher.admin_invites"}
PUBLIC = {"api.openapi", "teacher.signup"}
# URL parameters that are not object ids, and the values that exercise them.
FIXED_VALUES = {"fmt": "json", "action": "approve"}
# ``object_id`` names an article or an assignment: by ``source``, or by the route itself.
OBJECT_OF_ROUTE = {"exchange.paper": "assignment_id"}
SOURCE_OBJECTS = {"articles": "article_id", "assignments": "assignment_id"}
# Text that only teacher B's objects carry: no page or list of anyone else may show it.
MARKERS = ("Narwhal article", "Quokka class", "Axolotl assignment", "Zebedee learner", "Pangolin token")


def teacher_facing(app):
    """Every rule under /teach, /account/tokens and /api/v1."""
    rules = [r for r in app.url_map.iter_rules() if r.rule.startswith((*SESSION_PREFIXES, API_PREFIX))]
    endpoints = {r.endpoint.split(".")[0] for r in rules}
    assert {"teacher", "exchange", "tokens", "api"} <= endpoints, endpoints
    assert len(rules) > 40, "teacher-facing routes went missing"
    return rules


def _teacher_b():
    """Teacher B's objects: an article with questions, a class with a learner who answered, an
    assignment, an API token."""
    other = make_user("teacher")
    learner = make_user("learner", name="Zebedee learner")
    article = make_article(other, 2)
    article.title = "Narwhal article"
    classroom = make_class(other, [learner], name="Quokka class")
    assignment = make_assignment(classroom, article)
    assignment.title = "Axolotl assignment"
    db.session.commit()
    add_attempt(assignment, learner, {article.questions[0].id: ("seven 0", True)})
    token, _secret = create_token(other, "Pangolin token")
    ids = {
        "article_id": article.id,
        "question_id": article.questions[0].id,
        "class_id": classroom.id,
        "assignment_id": assignment.id,
        "user_id": learner.id,
        "token_id": token.id,
        # A queued PDF's id (without Redis no job exists; test_pdf_jobs checks B's real jobs with Redis).
        "job_id": "pdf-" + "0" * 40,
    }
    return ids, _snapshot(ids)


def _snapshot(ids) -> dict:
    """What B owns, to check that no request changed it."""
    db.session.expire_all()
    classroom = db.session.get(Classroom, ids["class_id"])
    return {
        "join_code": classroom.join_code,
        "learners": sorted(e.user_id for e in classroom.enrolments),
        "retention": classroom.desired_retention,
        "questions": sorted(
            (q.id, q.status, q.prompt, q.answer)
            for q in db.session.scalars(db.select(Question).where(Question.article_id == ids["article_id"]))
        ),
        "assignment": db.session.get(Assignment, ids["assignment_id"]).title,
        "attempts": db.session.scalar(db.select(db.func.count(Attempt.id))),
        "learner_role": db.session.get(User, ids["user_id"]).role,
        "token": db.session.get(ApiToken, ids["token_id"]).revoked_at,
    }


def _requests(app, ids):
    """(rule, method, path) for every teacher-facing route, its ids naming B's objects."""
    adapter = app.url_map.bind("localhost")
    for rule in teacher_facing(app):
        names = set(rule.arguments)
        known = set(ids) | set(FIXED_VALUES) | {"source", "object_id"}
        assert not names - known, f"{rule.endpoint}: teach this test which object {names - known} names"
        combos = [{}]
        if "source" in names:
            combos = [{"source": s, "object_id": ids[key]} for s, key in SOURCE_OBJECTS.items()]
        elif "object_id" in names:
            assert rule.endpoint in OBJECT_OF_ROUTE, f"{rule.endpoint}: which object does object_id name?"
            combos = [{"object_id": ids[OBJECT_OF_ROUTE[rule.endpoint]]}]
        for combo in combos:
            values = {n: FIXED_VALUES.get(n, ids.get(n)) for n in names} | combo
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule, method, adapter.build(rule.endpoint, values, method=method)


def _form(token: str, ids) -> dict:
    """A form that would change something if a route accepted it for B's object."""
    return {
        "csrf_token": token,
        "action": "approve",
        "role": "admin",
        "name": "x",
        "title": "x",
        "prompt": "changed",
        "answer": "changed",
        "retention": "70",
        "learner": str(ids["user_id"]),
        "version": "A",
        "entry_id": "attack",
        "answer-1": "A",
        "ids": str(ids["question_id"]),
    }


def _send(client, method, path, form, headers=None):
    if method == "GET":
        return client.get(path, headers=headers)
    if path.startswith(API_PREFIX):
        return client.open(path, method=method, json={"title": "x", "text": "x"}, headers=headers)
    return client.open(path, method=method, data=form, headers=headers)


def _shows_b(response) -> list[str]:
    body = response.get_data(as_text=True)
    return [m for m in MARKERS if m in body]


@pytest.mark.parametrize("role", ["teacher", "admin"])
def test_another_teachers_objects_are_not_found_or_shown(app, client, auth, role):
    ids, before = _teacher_b()
    me = login_as(client, auth, role)
    _row, secret = create_token(me, "mine")
    api_headers = {"Authorization": f"Bearer {secret}"}
    form = _form(csrf_token(client, "/teach/"), ids)
    checked = set()
    for rule, method, path in _requests(app, ids):
        if rule.endpoint in PUBLIC or (role == "admin" and rule.endpoint in ADMIN_ONLY):
            continue  # account management is what admins are for
        api = path.startswith(API_PREFIX)
        response = _send(client, method, path, form, api_headers if api else None)
        where = f"{role}: {method} {path} ({rule.endpoint}) gave {response.status_code}"
        if rule.arguments - set(FIXED_VALUES):  # the route names one of B's objects
            expected = {403} if rule.endpoint in ADMIN_ONLY else {404}
            assert response.status_code in expected, where
        else:  # a list or a form of one's own: it may work, but never shows B's objects
            assert response.status_code < 500, where
            assert not _shows_b(response), f"{where} and shows {_shows_b(response)}"
        checked.add(rule.endpoint)
    assert {"exchange.paper", "exchange.pdf", "exchange.export", "tokens.revoke", "api.results"} <= checked
    assert _snapshot(ids) == before


def test_learners_get_403_or_404_everywhere(app, client, auth):
    ids, before = _teacher_b()
    learner = login_as(client, auth, "learner")
    _row, secret = create_token(learner, "learner's")
    form = _form(csrf_token(client, "/"), ids)
    for rule, method, path in _requests(app, ids):
        if rule.endpoint in PUBLIC:
            continue
        api = path.startswith(API_PREFIX)
        response = _send(client, method, path, form, {"Authorization": f"Bearer {secret}"} if api else None)
        allowed = {401} if api else {403, 404}
        assert response.status_code in allowed, (
            f"{method} {path} ({rule.endpoint}) gave {response.status_code}"
        )
    assert _snapshot(ids) == before


def test_visitors_are_sent_to_log_in(app, client):
    ids, before = _teacher_b()
    for rule, method, path in _requests(app, ids):
        if rule.endpoint in PUBLIC:
            continue
        response = _send(client, method, path, {})
        if path.startswith(API_PREFIX):
            assert response.status_code == 401, path
        elif method == "GET":
            assert response.status_code == 302 and "/login" in response.headers["Location"], path
        else:
            assert response.status_code in (302, 400, 401, 403), path  # CSRF refuses a form without a token
    assert _snapshot(ids) == before


def test_admin_ownership_is_strict_too(app, client, auth):
    """An admin is a teacher here: another teacher's classes are not theirs either, on any page."""
    ids, _ = _teacher_b()
    login_as(client, auth, "admin")
    assert client.get(f"/teach/classes/{ids['class_id']}").status_code == 404
    assert client.get(f"/teach/classes/{ids['class_id']}/gradebook").status_code == 404
    assert client.get(f"/teach/assignments/{ids['assignment_id']}/stats").status_code == 404
    assert client.get(f"/teach/exchange/assignments/{ids['assignment_id']}/paper").status_code == 404
    assert client.get(f"/teach/exchange/articles/{ids['article_id']}/export/json").status_code == 404
    assert client.get("/teach/admin/users").status_code == 200  # what admins are for
