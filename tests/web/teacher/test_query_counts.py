"""The gradebook, item analysis and SRS pages run the same number of SQL queries for 5 or 50 learners."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event

from quizapp.extensions import db
from quizapp.models import Card, ReviewLog
from tests.factories import make_article, make_assignment, make_class, make_user
from tests.web.teacher.helpers import add_attempt, login_as


@contextmanager
def counted(engine):
    statements = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


def _class_with(teacher, n_learners: int):
    learners = [make_user(name=f"Learner {i}") for i in range(n_learners)]
    classroom = make_class(teacher, learners, name=f"{n_learners} learners")
    article = make_article(teacher, 4)
    assignments = [make_assignment(classroom, article) for _ in range(3)]
    for i, learner in enumerate(learners):
        for assignment in assignments:
            add_attempt(
                assignment,
                learner,
                {q: (f"answer {i % 3}", (i + q) % 2 == 0) for q in assignment.question_ids},
            )
        card = Card(user_id=learner.id, question_id=article.questions[0].id, state=2, stability=5.0)
        db.session.add(card)
        db.session.flush()
        db.session.add(
            ReviewLog(card_id=card.id, user_id=learner.id, rating=3, state_before=2, state_after=2)
        )
    db.session.commit()
    return classroom, assignments[0]


def _queries(app, client, path: str) -> int:
    client.get(path)  # warm up: first-request work (template compiling, metadata) is not per learner
    with counted(db.engine) as statements:
        response = client.get(path)
    assert response.status_code == 200
    return len(statements)


def test_query_counts_do_not_grow_with_learners(app, client, auth):
    teacher = login_as(client, auth)
    small_class, small_assignment = _class_with(teacher, 5)
    big_class, big_assignment = _class_with(teacher, 50)
    for template in [
        "/teach/classes/{c}/gradebook",
        "/teach/classes/{c}/gradebook.csv",
        "/teach/assignments/{a}/stats",
        "/teach/classes/{c}/study",
    ]:
        small = _queries(app, client, template.format(c=small_class.id, a=small_assignment.id))
        big = _queries(app, client, template.format(c=big_class.id, a=big_assignment.id))
        assert small == big, f"{template}: {small} queries for 5 learners, {big} for 50"
        assert small < 15, f"{template}: {small} queries"
