"""Answers submitted at once from many threads are each recorded exactly once."""

from __future__ import annotations

import threading
import uuid

from quizapp.extensions import db
from quizapp.models import Attempt, Response
from tests.factories import PASSWORD, make_article, make_assignment, make_attempt, make_class, make_user
from tests.support import AuthActions, csrf_token

THREADS = 8
QUESTIONS = 24


def test_concurrent_submissions_are_recorded_once(app):
    teacher = make_user("teacher")
    learner = make_user("learner", email="ada@example.com")
    article = make_article(teacher, n_questions=QUESTIONS)
    attempt = make_attempt(make_assignment(make_class(teacher, [learner]), article), learner)
    questions = [(q.id, q.answer) for q in article.questions]
    attempt_id = attempt.id
    db.session.remove()

    # Every question is sent by every thread: the same submission id (double click, back button) and
    # a fresh one (another tab). Odd questions are answered wrongly.
    submission_ids = {qid: uuid.uuid4().hex for qid, _ in questions}
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []
    statuses: list[int] = []

    def worker(n: int) -> None:
        try:
            client = app.test_client()
            AuthActions(client).login("ada@example.com", PASSWORD)
            token = csrf_token(client)
            barrier.wait()
            # each thread starts at a different question, so distinct answers race for the counters
            offset = n * QUESTIONS // THREADS
            for i, (qid, key) in sorted(
                enumerate(questions), key=lambda item: (item[0] - offset) % QUESTIONS
            ):
                sid = submission_ids[qid] if n % 2 == 0 else uuid.uuid4().hex
                given = key if i % 2 == 0 else "wrong"
                r = client.post(
                    f"/attempts/{attempt_id}/answers",
                    data={"question_id": qid, "answer": given, "submission_id": sid, "csrf_token": token},
                )
                statuses.append(r.status_code)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)

    assert not errors, errors
    assert statuses == [200] * (THREADS * QUESTIONS)
    db.session.expire_all()
    attempt = db.session.get(Attempt, attempt_id)
    assert db.session.query(Response).filter_by(attempt_id=attempt_id).count() == QUESTIONS
    assert attempt.answered_count == QUESTIONS
    assert attempt.correct_count == QUESTIONS // 2


def test_a_repeated_submission_returns_the_first_result(client, auth, app):
    teacher = make_user("teacher")
    learner = make_user("learner", email="ada@example.com")
    article = make_article(teacher, n_questions=1)
    attempt = make_attempt(make_assignment(make_class(teacher, [learner]), article), learner)
    question = article.questions[0]
    auth.login("ada@example.com", PASSWORD)
    token = csrf_token(client)
    data = {
        "question_id": question.id,
        "answer": question.answer,
        "submission_id": "s" * 20,
        "csrf_token": token,
    }
    first = client.post(f"/attempts/{attempt.id}/answers", data=data).get_json()
    again = client.post(f"/attempts/{attempt.id}/answers", data={**data, "answer": "changed"}).get_json()
    assert first["recorded"] is True and first["correct"] is True
    assert again["recorded"] is False
    db.session.expire_all()
    assert db.session.get(Attempt, attempt.id).answered_count == 1


def test_another_learners_attempt_is_not_found(client, auth, app):
    teacher = make_user("teacher")
    owner = make_user("learner")
    make_user("learner", email="eve@example.com")
    article = make_article(teacher, n_questions=1)
    attempt = make_attempt(make_assignment(make_class(teacher, [owner]), article), owner)
    auth.login("eve@example.com", PASSWORD)
    token = csrf_token(client)
    response = client.post(
        f"/attempts/{attempt.id}/answers",
        data={
            "question_id": article.questions[0].id,
            "answer": "x",
            "submission_id": "e" * 20,
            "csrf_token": token,
        },
    )
    assert response.status_code == 404
    assert db.session.query(Response).count() == 0
