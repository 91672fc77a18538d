"""Builders for the teacher-page tests: a logged-in teacher and learners' attempts made in the database."""

from __future__ import annotations

import itertools
from datetime import datetime

from quizapp.extensions import db
from quizapp.models import Attempt, Question, Response, utcnow
from tests.factories import PASSWORD, make_user
from tests.support import csrf_token

_sub = itertools.count(1)


def login_as(client, auth, role: str = "teacher", email: str | None = None):
    """Create a user of ``role`` and log the client in as them."""
    user = make_user(role, email=email)
    response = auth.login(user.email, PASSWORD)
    assert response.status_code == 302
    return user


def post(client, path: str, data: dict | None = None, page: str = "/teach/", **kwargs):
    """POST ``data`` with a valid CSRF token taken from ``page``."""
    payload = {"csrf_token": csrf_token(client, page), **(data or {})}
    return client.post(path, data=payload, **kwargs)


def add_attempt(
    assignment,
    learner,
    answers: dict[int, tuple[str, bool]],
    submitted_at: datetime | None = "now",
    number: int = 1,
) -> Attempt:
    """An attempt whose responses are ``{question_id: (given, correct)}``, with consistent counters."""
    attempt = Attempt(
        assignment_id=assignment.id,
        user_id=learner.id,
        number=number,
        question_order=list(assignment.question_ids),
        answered_count=len(answers),
        correct_count=sum(1 for _, ok in answers.values() if ok),
        submitted_at=utcnow() if submitted_at == "now" else submitted_at,
    )
    db.session.add(attempt)
    db.session.flush()
    for qid, (given, ok) in answers.items():
        db.session.add(
            Response(
                attempt_id=attempt.id,
                question_id=qid,
                given_answer=given,
                correct=ok,
                submission_id=f"sub-{next(_sub):08d}",
            )
        )
    db.session.commit()
    return attempt


def make_mcq(
    article, prompt: str = "Who opened the library?", answer: str = "Ana Ruiz", status: str = "approved"
) -> Question:
    """A multiple-choice question on ``article`` with four options."""
    question = Question(
        article_id=article.id,
        qtype="mcq",
        prompt=prompt,
        answer=answer,
        choices=[answer, "Ben Ortiz", "Carla Diaz", "Dan Moss"],
        accepted=[],
        evidence_start=0,
        evidence_end=20,
        status=status,
        position=99,
    )
    db.session.add(question)
    db.session.commit()
    return question
