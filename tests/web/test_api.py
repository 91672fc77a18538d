"""The JSON API: token authentication, ownership, problem details, and the OpenAPI description."""

from __future__ import annotations

import pytest

from quizapp.extensions import db
from quizapp.models import ApiToken, Question
from quizapp.services.api_tokens import create_token
from tests.factories import PASSWORD, make_article, make_assignment, make_attempt, make_class, make_user
from tests.support import csrf_token


@pytest.fixture
def teacher_token(app):
    teacher = make_user("teacher", email="tess@example.com")
    _row, token = create_token(teacher, "tests")
    return teacher, {"Authorization": f"Bearer {token}"}


def test_requests_without_a_valid_token_get_401_problem(client, teacher_token):
    for headers in [{}, {"Authorization": "Bearer qz_not-a-token"}, {"Authorization": "Basic abc"}]:
        response = client.get("/api/v1/articles", headers=headers)
        assert response.status_code == 401
        assert response.mimetype == "application/problem+json"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_session_cookie_does_not_open_the_api(client, auth, teacher_token):
    auth.login("tess@example.com", PASSWORD)
    assert client.get("/api/v1/articles").status_code == 401


def test_learner_tokens_are_refused(app, client):
    learner = make_user("learner")
    _row, token = create_token(learner, "sneaky")
    assert client.get("/api/v1/articles", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_revoked_tokens_stop_working(client, teacher_token):
    teacher, headers = teacher_token
    assert client.get("/api/v1/articles", headers=headers).status_code == 200
    from quizapp.services.api_tokens import revoke_token

    assert revoke_token(teacher, ApiToken.query.one().id)
    assert client.get("/api/v1/articles", headers=headers).status_code == 401


def test_only_a_hash_of_the_token_is_stored(app, teacher_token):
    _teacher, headers = teacher_token
    token = headers["Authorization"].split()[1]
    row = ApiToken.query.one()
    assert token not in (row.token_hash, row.prefix) and row.token_hash != token


def test_list_and_review_own_questions(client, teacher_token):
    teacher, headers = teacher_token
    article = make_article(teacher, n_questions=2)
    question_id = article.questions[0].id
    db.session.execute(db.update(Question).values(status="draft"))
    db.session.commit()
    listed = client.get("/api/v1/articles", headers=headers).get_json()
    assert [a["id"] for a in listed] == [article.id] and listed[0]["question_counts"]["draft"] == 2
    drafts = client.get(f"/api/v1/articles/{article.id}/questions?status=draft", headers=headers).get_json()
    assert len(drafts) == 2 and drafts[0]["evidence"]["text"]
    approved = client.post(f"/api/v1/questions/{question_id}/approve", headers=headers)
    assert approved.status_code == 200 and approved.get_json()["status"] == "approved"
    assert db.session.get(Question, question_id).status == "approved"
    bad = client.get(f"/api/v1/articles/{article.id}/questions?status=nonsense", headers=headers)
    assert bad.status_code == 422


def test_another_teachers_objects_are_not_found(client, teacher_token):
    _teacher, headers = teacher_token
    other = make_user("teacher")
    article = make_article(other, n_questions=1)
    classroom = make_class(other, [make_user("learner")])
    assignment = make_assignment(classroom, article)
    for path in [
        f"/api/v1/articles/{article.id}",
        f"/api/v1/articles/{article.id}/questions",
        f"/api/v1/classes/{classroom.id}/assignments",
        f"/api/v1/assignments/{assignment.id}/results",
    ]:
        assert client.get(path, headers=headers).status_code == 404, path
    assert (
        client.post(f"/api/v1/questions/{article.questions[0].id}/approve", headers=headers).status_code
        == 404
    )


def test_classes_assignments_and_results(client, teacher_token):
    teacher, headers = teacher_token
    learner = make_user("learner", name="Ada")
    article = make_article(teacher, n_questions=2)
    classroom = make_class(teacher, [learner], name="Year 9")
    assignment = make_assignment(classroom, article)
    make_attempt(assignment, learner)
    classes = client.get("/api/v1/classes", headers=headers).get_json()
    assert classes[0]["name"] == "Year 9" and classes[0]["learners"] == 1
    listed = client.get(f"/api/v1/classes/{classroom.id}/assignments", headers=headers).get_json()
    assert [a["id"] for a in listed] == [assignment.id]
    results = client.get(f"/api/v1/assignments/{assignment.id}/results", headers=headers).get_json()
    assert results["results"][0]["name"] == "Ada"


@pytest.mark.parametrize(
    "body,status",
    [
        (b"not json", 400),
        (b"[1, 2]", 400),
        (b'{"text": ""}', 422),
        (b'{"text": 5}', 422),
        (b'{"text": "x", "title": 3}', 422),
    ],
)
def test_bad_article_bodies_get_clear_problems(client, teacher_token, body, status):
    _teacher, headers = teacher_token
    response = client.post(
        "/api/v1/articles", data=body, headers={**headers, "Content-Type": "application/json"}
    )
    assert response.status_code == status
    assert response.get_json()["detail"]


def test_openapi_document_is_public_and_lists_the_operations(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    assert {"/articles", "/classes", "/assignments/{assignment_id}/results"} <= set(doc["paths"])


def test_tokens_page_shows_a_new_token_once(client, auth, app):
    make_user("teacher", email="tess@example.com")
    auth.login("tess@example.com", PASSWORD)
    page = client.post(
        "/account/tokens/", data={"name": "grades", "csrf_token": csrf_token(client, "/account/tokens/")}
    )
    body = page.get_data(as_text=True)
    assert "Your new token" in body and "qz_" in body
    again = client.get("/account/tokens/").get_data(as_text=True)
    assert "Your new token" not in again and "grades" in again


def test_learners_have_no_tokens_page(client, auth, app):
    make_user("learner", email="ada@example.com")
    auth.login("ada@example.com", PASSWORD)
    assert client.get("/account/tokens/").status_code == 403


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_creating_an_article_generates_draft_questions_with_evidence(client, teacher_token):
    """POST /articles runs the real question engine (inline without Redis): 201, drafts to review."""
    from pathlib import Path

    _teacher, headers = teacher_token
    seed = Path(__file__).resolve().parents[2] / "seeds" / "000_87cfecf9a415b49a.txt"
    title, _, text = seed.read_text(encoding="utf-8").partition("\n")
    response = client.post("/api/v1/articles", json={"title": title, "text": text}, headers=headers)
    assert response.status_code == 201, response.get_data(as_text=True)
    body = response.get_json()
    assert body["status"] == "ready" and body["title"] == title
    assert body["question_counts"]["draft"] > 0 and body["question_counts"]["approved"] == 0
    listed = client.get(f"/api/v1/articles/{body['id']}/questions", headers=headers).get_json()
    questions = listed["questions"] if isinstance(listed, dict) else listed
    assert len(questions) == body["question_counts"]["draft"]
    for q in questions:
        assert q["status"] == "draft" and q["prompt"] and q["answer"]
        evidence = q["evidence"]
        flat = " ".join(text.split())  # the stored text is normalized (line breaks, spaces)
        assert evidence["text"] and " ".join(evidence["text"].split()) in flat  # grounded in the article
        assert evidence["end"] - evidence["start"] == len(evidence["text"])
    again = client.post("/api/v1/articles", json={"title": title, "text": text}, headers=headers)
    assert again.get_json()["id"] == body["id"]  # the same text is the same article
