"""quizapp under gunicorn with 4 workers: shared rate limits, concurrent submissions, killed workers."""

from __future__ import annotations

import os
import random
import re
import signal
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import Attempt, Response
from tests.factories import PASSWORD, make_article, make_assignment, make_attempt, make_class, make_user

pytestmark = pytest.mark.slow
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _logged_in_session(base: str, email: str, retries: int = 20) -> tuple[requests.Session, str]:
    for _ in range(retries):
        try:
            return _log_in(base, email)
        except requests.RequestException:
            time.sleep(0.1)  # a worker was killed mid-request: log in again
    raise AssertionError(f"{email} could not log in")


def _log_in(base: str, email: str) -> tuple[requests.Session, str]:
    s = requests.Session()
    token = CSRF_RE.search(s.get(f"{base}/login", timeout=30).text).group(1)
    r = s.post(
        f"{base}/login",
        data={"email": email, "password": PASSWORD, "csrf_token": token},
        allow_redirects=False,
        timeout=30,
    )
    assert r.status_code == 302, r.text[:500]
    page = s.get(f"{base}/account", timeout=30).text
    return s, CSRF_RE.search(page).group(1)


def _build_class(learners: int, questions: int):
    teacher = make_user("teacher")
    article = make_article(teacher, n_questions=questions)
    users = [
        make_user("learner", email=f"load{i}-{uuid.uuid4().hex[:6]}@example.com") for i in range(learners)
    ]
    assignment = make_assignment(make_class(teacher, users), article)
    attempts = [make_attempt(assignment, u) for u in users]
    plan = [
        (u.email, a.id, [(q.id, q.answer) for q in article.questions])
        for u, a in zip(users, attempts, strict=True)
    ]
    db.session.commit()
    db.session.remove()  # the test must hold no transaction (SQLite's write lock) while the server works
    return plan


def _post_answer(session, base, token, attempt_id, qid, answer, sid, retries=20):
    for _ in range(retries):
        try:
            r = session.post(
                f"{base}/attempts/{attempt_id}/answers",
                data={"question_id": qid, "answer": answer, "submission_id": sid},
                headers={"X-CSRFToken": token},
                timeout=30,
            )
            if r.status_code == 200:
                return r.json()
        except requests.RequestException:
            pass  # a worker died under us (refused, reset, half a response): send the same submission again
        time.sleep(0.05)
    raise AssertionError(f"submission {sid} never succeeded")


def _run_clients(base, plan, duplicate: bool):
    def client(item):
        email, attempt_id, questions = item
        session, token = _logged_in_session(base, email)
        recorded = 0
        for i, (qid, key) in enumerate(questions):
            sid = uuid.uuid4().hex
            given = key if i % 3 else "wrong answer"
            recorded += _post_answer(session, base, token, attempt_id, qid, given, sid)["recorded"]
            if duplicate and i % 5 == 0:  # the same submission again: a double click
                assert _post_answer(session, base, token, attempt_id, qid, given, sid)["recorded"] is False
        return recorded

    with ThreadPoolExecutor(max_workers=len(plan)) as pool:
        return list(pool.map(client, plan))


def _assert_every_answer_once(plan):
    db.session.expire_all()
    for _email, attempt_id, questions in plan:
        attempt = db.session.get(Attempt, attempt_id)
        stored = db.session.scalar(
            select(func.count()).select_from(Response).where(Response.attempt_id == attempt_id)
        )
        right = db.session.scalar(
            select(func.count())
            .select_from(Response)
            .where(Response.attempt_id == attempt_id, Response.correct)
        )
        assert stored == len(questions)
        assert (attempt.answered_count, attempt.correct_count) == (stored, right)
        assert right == sum(1 for i in range(len(questions)) if i % 3)


def test_two_thousand_submissions_from_16_clients_are_each_recorded_once(app, database_uri, gunicorn_factory):
    plan = _build_class(learners=16, questions=125)  # 2,000 answers, every fifth sent twice
    server = gunicorn_factory(database_uri, workers=4)
    recorded = _run_clients(server.url, plan, duplicate=True)
    assert recorded == [125] * 16
    _assert_every_answer_once(plan)


def test_killed_workers_leave_no_partial_write(app, database_uri, gunicorn_factory):
    plan = _build_class(learners=8, questions=60)
    server = gunicorn_factory(database_uri, workers=4)
    stop = threading.Event()
    killed = []

    def killer():
        rng = random.Random(7)
        while not stop.is_set() and len(killed) < 6:
            time.sleep(0.3)
            pids = server.worker_pids()
            if pids:
                pid = rng.choice(pids)
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

    thread = threading.Thread(target=killer)
    thread.start()
    try:
        recorded = _run_clients(server.url, plan, duplicate=False)
    finally:
        stop.set()
        thread.join()
    assert killed, "no worker was killed during the load"
    assert sum(recorded) <= 8 * 60  # a retried submission that had landed answers recorded=False
    _assert_every_answer_once(plan)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_login_rate_limit_holds_across_workers(app, database_uri, gunicorn_factory, redis_url):
    server = gunicorn_factory(database_uri, workers=4, redis_url=redis_url)
    base = server.url
    seed = requests.Session()
    token = CSRF_RE.search(seed.get(f"{base}/login", timeout=30).text).group(1)
    cookie = seed.cookies.get("session")

    def attempt(_):
        # a new connection each time, so the attempts spread over the workers
        r = requests.post(
            f"{base}/login",
            data={"email": "nobody@example.com", "password": "wrong password", "csrf_token": token},
            cookies={"session": cookie},
            headers={"Connection": "close"},
            timeout=30,
        )
        return r.status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(attempt, range(40)))
    assert statuses.count(200) == 10  # "10 per minute", counted once for all four workers
    assert statuses.count(429) == 30
