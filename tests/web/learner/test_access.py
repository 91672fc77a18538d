"""Every learner page needs a log-in; a learner reaches only their own attempts, cards and classes."""

from __future__ import annotations

import re

import pytest

from quizapp.extensions import db
from quizapp.models import Attempt, Card, Enrolment, ReviewLog
from quizapp.services import quizzes, study
from tests.factories import PASSWORD, make_class, make_user
from tests.support import csrf_from, csrf_token
from tests.web.learner.world import make_world


def _learner_routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("learner."):
            values = {arg: ("ABCD2345" if arg == "code" else 1) for arg in rule.arguments}
            path = rule.build(values)[1]
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield method, path


def test_every_learner_route_sends_anonymous_visitors_to_log_in(app, client):
    routes = list(_learner_routes(app))
    assert len(routes) >= 15
    app.config["WTF_CSRF_ENABLED"] = False  # reach the login check, not the CSRF check, for POSTs
    for method, path in routes:
        response = client.open(path, method=method)
        assert response.status_code == 302, (method, path, response.status_code)
        assert "/login" in response.headers["Location"], (method, path)


def test_another_learners_attempt_and_cards_are_not_found(client, auth):
    world = make_world("practice")
    attempt = quizzes.start_attempt(world.assignment, world.learner.id)
    card = db.session.query(Card).filter_by(user_id=world.learner.id).one()  # the flashcard
    make_user("learner", email="eve@example.com")
    auth.login("eve@example.com", PASSWORD)
    token = csrf_token(client, "/learn/")
    gets = [
        f"/learn/attempts/{attempt.id}",
        f"/learn/attempts/{attempt.id}/questions/1",
        f"/learn/attempts/{attempt.id}/finish",
        f"/learn/attempts/{attempt.id}/results",
        f"/learn/assignments/{world.assignment.id}",
        f"/learn/review/cards/{card.id}",
        f"/learn/review/cards/{card.id}?reveal=1",
        f"/learn/review/cards/{card.id}/back",
    ]
    for path in gets:
        assert client.get(path).status_code == 404, path
    posts = {
        f"/learn/attempts/{attempt.id}/questions/1": {"answer": "x", "submission_id": "e" * 20},
        f"/learn/attempts/{attempt.id}/finish": {},
        f"/learn/assignments/{world.assignment.id}/start": {},
        f"/learn/review/cards/{card.id}/rate": {"rating": "4", "submission_id": "f" * 20},
        f"/learn/review/cards/{card.id}/answer": {"answer": "x", "submission_id": "g" * 20},
        f"/attempts/{attempt.id}/answers": {
            "question_id": attempt.question_order[0],
            "submission_id": "h" * 20,
        },
    }
    for path, data in posts.items():
        assert client.post(path, data={**data, "csrf_token": token}).status_code == 404, path
    db.session.expire_all()
    assert db.session.get(Attempt, attempt.id).submitted_at is None
    assert db.session.query(ReviewLog).count() == 0
    assert db.session.query(Attempt).count() == 1
    # Eve's own review queue and progress show nothing of Ada's
    assert "No cards are due" in client.get("/learn/review").get_data(as_text=True)
    assert client.get("/learn/progress.json").get_json()["mastery"] == []


def test_a_learner_cannot_take_an_assignment_of_a_class_they_are_not_in(client, auth):
    world = make_world("practice")
    outsider = make_user("learner", email="eve@example.com")
    make_class(world.teacher, [outsider], name="Another class")
    auth.login("eve@example.com", PASSWORD)
    assert "Grain convoy quiz" not in client.get("/learn/").get_data(as_text=True)
    assert client.get(f"/learn/assignments/{world.assignment.id}").status_code == 404
    token = csrf_token(client, "/learn/")
    r = client.post(f"/learn/assignments/{world.assignment.id}/start", data={"csrf_token": token})
    assert r.status_code == 404
    assert db.session.query(Attempt).count() == 0


def test_join_by_code_typed_loosely_and_twice(client, auth):
    teacher = make_user("teacher")
    classroom = make_class(teacher, [], name="History 9B")
    make_user("learner", email="ada@example.com")
    auth.login("ada@example.com", PASSWORD)
    page = client.get("/learn/join").get_data(as_text=True)
    loose = " " + classroom.join_code[:4].lower() + "-" + classroom.join_code[4:] + " "
    r = client.post("/learn/join", data={"code": loose, "csrf_token": csrf_from(page)})
    assert r.status_code == 302
    assert "You joined History 9B." in client.get("/learn/").get_data(as_text=True)
    client.post("/learn/join", data={"code": classroom.join_code, "csrf_token": csrf_from(page)})
    assert db.session.query(Enrolment).filter_by(classroom_id=classroom.id).count() == 1


@pytest.mark.parametrize("code", ["", "NOPE1234", "<script>x</script>", "{{7*7}}", "A" * 5000, "\x00\xff"])
def test_join_with_a_bad_code_explains_and_enrols_nobody(client, auth, code):
    make_user("learner", email="ada@example.com")
    auth.login("ada@example.com", PASSWORD)
    page = client.get("/learn/join").get_data(as_text=True)
    r = client.post("/learn/join", data={"code": code, "csrf_token": csrf_from(page)})
    body = r.get_data(as_text=True)
    assert r.status_code == 400
    assert "No class has that code" in body
    assert "<script>x" not in body
    if code == "{{7*7}}":
        assert 'value="{{7*7}}"' in body  # shown back as typed, never evaluated
    assert db.session.query(Enrolment).count() == 0


def test_a_join_link_survives_sign_up_and_asks_before_joining(client):
    teacher = make_user("teacher")
    classroom = make_class(teacher, [], name="History 9B")
    link = f"/learn/join/{classroom.join_code}"
    r = client.get(link)
    assert r.status_code == 302 and "/login" in r.headers["Location"]
    signup = client.get(r.headers["Location"], follow_redirects=True).get_data(as_text=True)
    next_link = re.search(r'href="(/signup\?next=[^"]*)"', signup).group(1).replace("&amp;", "&")
    page = client.get(next_link).get_data(as_text=True)
    r = client.post(
        next_link,
        data={
            "name": "Grace",
            "email": "grace@example.com",
            "password": "a long enough password 93!",
            "confirm": "a long enough password 93!",
            "csrf_token": csrf_from(page),
        },
    )
    assert r.status_code == 302 and r.headers["Location"].endswith(link), r.get_data(as_text=True)[:2000]
    confirm = client.get(link).get_data(as_text=True)
    assert "Join History 9B" in confirm
    assert db.session.query(Enrolment).count() == 0  # a GET never enrols
    client.post("/learn/join", data={"code": classroom.join_code, "csrf_token": csrf_from(confirm)})
    assert db.session.query(Enrolment).count() == 1
    assert client.get("/learn/join/NOSUCH99").status_code == 404


def test_review_ids_of_another_learner_cannot_be_rated_even_with_a_known_submission(client, auth):
    world = make_world("practice", learner_email="ada@example.com")
    quizzes.start_attempt(world.assignment, world.learner.id)
    card = db.session.query(Card).filter_by(user_id=world.learner.id).one()
    study.review_card(world.learner.id, card.id, 3, "k" * 20)
    other = make_user("learner", email="eve@example.com")
    eve_card = study.ensure_card(other.id, world.questions["flashcard"].id)
    db.session.commit()
    with pytest.raises(study.ReviewConflict):
        study.review_card(other.id, eve_card.id, 3, "k" * 20)
