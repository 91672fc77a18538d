"""Two tabs, double clicks and back buttons at once: every answer and review is recorded exactly once."""

from __future__ import annotations

import re
import threading
import uuid

from quizapp.extensions import db
from quizapp.models import Attempt, Card, Response, ReviewLog
from quizapp.services import quizzes, study
from tests.factories import PASSWORD
from tests.support import AuthActions, csrf_from
from tests.web.learner.world import make_world

THREADS = 6


def _run(workers):
    barrier = threading.Barrier(len(workers))
    errors = []

    def wrap(fn):
        def run():
            try:
                fn(barrier)
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        return run

    threads = [threading.Thread(target=wrap(fn)) for fn in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors


def test_the_quiz_form_sent_from_several_tabs_at_once_is_recorded_once(app):
    world = make_world("practice", learner_email="ada@example.com")
    attempt = quizzes.start_attempt(world.assignment, world.learner.id)
    attempt_id, question_id = attempt.id, world.questions["short_answer"].id
    db.session.remove()
    url = f"/learn/attempts/{attempt_id}/questions/4"  # short answer
    statuses = []
    shared_sid = uuid.uuid4().hex

    def worker(n):
        def go(barrier):
            client = app.test_client()
            AuthActions(client).login("ada@example.com", PASSWORD)
            page = client.get(url).get_data(as_text=True)
            own_sid = re.search(r'name="submission_id" value="([^"]+)"', page).group(1)
            data = {
                "answer": "Ana Ruiz" if n % 2 else "somebody else",
                "submission_id": shared_sid if n % 2 else own_sid,  # double click vs another tab
                "csrf_token": csrf_from(page),
            }
            barrier.wait()
            for _ in range(3):  # and the back button
                statuses.append(client.post(url, data=data).status_code)

        return go

    _run([worker(n) for n in range(THREADS)])
    assert set(statuses) == {302}
    db.session.expire_all()
    assert db.session.query(Response).filter_by(attempt_id=attempt_id).count() == 1
    assert db.session.get(Attempt, attempt_id).answered_count == 1
    assert db.session.query(ReviewLog).filter_by(source="quiz").count() == 1
    card = db.session.query(Card).filter_by(question_id=question_id).one()
    assert card.reps == 1


def test_concurrent_reviews_of_one_card_are_each_applied_once_and_none_is_lost(app):
    world = make_world("practice", learner_email="ada@example.com")
    card = study.ensure_card(world.learner.id, world.questions["flashcard"].id)
    db.session.commit()
    card_id, path = card.id, f"/learn/review/cards/{card.id}"
    db.session.remove()
    same = uuid.uuid4().hex
    distinct = [uuid.uuid4().hex for _ in range(THREADS)]

    def worker(n):
        def go(barrier):
            client = app.test_client()
            AuthActions(client).login("ada@example.com", PASSWORD)
            page = client.get(path).get_data(as_text=True)
            token = csrf_from(page)
            barrier.wait()
            for sid in (same, distinct[n], distinct[n]):
                r = client.post(
                    f"{path}/rate", data={"rating": "3", "submission_id": sid, "csrf_token": token}
                )
                assert r.status_code == 302, r.status_code

        return go

    _run([worker(n) for n in range(THREADS)])
    db.session.expire_all()
    logs = db.session.query(ReviewLog).filter_by(card_id=card_id).order_by(ReviewLog.id).all()
    assert len(logs) == THREADS + 1  # one for the shared submission, one per tab
    card = db.session.get(Card, card_id)
    assert card.reps == THREADS + 1  # no review lost to a concurrent one
    # each review started from the state the previous one left: the chain of stabilities is unbroken
    for before, after in zip(logs, logs[1:], strict=False):
        assert after.stability_before == before.stability_after
        assert after.state_before == before.state_after
    assert card.stability == logs[-1].stability_after


def test_start_clicked_in_several_tabs_at_once_makes_one_attempt(app):
    world = make_world("practice", learner_email="ada@example.com", attempts_allowed=1)
    assignment_id = world.assignment.id
    db.session.remove()
    locations = []

    def worker(barrier):
        client = app.test_client()
        AuthActions(client).login("ada@example.com", PASSWORD)
        page = client.get(f"/learn/assignments/{assignment_id}").get_data(as_text=True)
        barrier.wait()
        r = client.post(f"/learn/assignments/{assignment_id}/start", data={"csrf_token": csrf_from(page)})
        locations.append(r.headers.get("Location", ""))

    _run([worker] * THREADS)
    assert db.session.query(Attempt).filter_by(assignment_id=assignment_id).count() == 1
    attempt_id = db.session.query(Attempt.id).scalar()
    assert locations == [f"/learn/attempts/{attempt_id}"] * THREADS  # every tab continues the same attempt
