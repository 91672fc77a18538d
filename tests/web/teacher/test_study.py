"""A class's spaced-repetition picture: retention against the goal, due forecast, leeches, mastery."""

from __future__ import annotations

from datetime import timedelta

from quizapp.extensions import db
from quizapp.models import Card, Enrolment, ReviewLog, utcnow
from quizapp.services.teacher_srs import class_study
from tests.factories import make_article, make_assignment, make_class, make_user
from tests.web.teacher.helpers import login_as


def _card(user, question, **kw) -> Card:
    card = Card(user_id=user.id, question_id=question.id, **kw)
    db.session.add(card)
    db.session.flush()
    return card


def _log(card, rating, state_before=2, days_ago=1):
    when = utcnow() - timedelta(days=days_ago)
    db.session.add(
        ReviewLog(card_id=card.id, user_id=card.user_id, rating=rating, state_before=state_before,
                  state_after=2, reviewed_at=when)
    )  # fmt: skip


def _setup(teacher):
    now = utcnow()
    ada, ben = make_user(name="Ada"), make_user(name="Ben")
    outsider = make_user(name="Out")
    classroom = make_class(teacher, [ada, ben])
    article = make_article(teacher, 3)
    make_assignment(classroom, article)
    q0, q1, q2 = article.questions
    mature = _card(ada, q0, state=2, stability=30.0, due=now + timedelta(days=20))
    young = _card(ada, q1, state=2, stability=3.0, due=now - timedelta(hours=1))
    leech_lapses = _card(ben, q1, state=3, stability=0.5, lapses=9, due=now + timedelta(days=2))
    leech_log = _card(ben, q2, state=2, stability=2.0, lapses=2, due=now + timedelta(days=9))
    for rating in (3, 3, 3, 1):
        _log(mature, rating)
    _log(young, 2, days_ago=40)
    _log(young, 1, state_before=1)  # a learning-state review: not counted in retention
    for _ in range(8):
        _log(leech_log, 1, state_before=3)
    other = _card(outsider, q0, state=2, stability=50.0)  # not in the class: never counted
    _log(other, 1)
    db.session.commit()
    return classroom, (q0, q1, q2), (mature, young, leech_lapses, leech_log)


def test_retention_forecast_leeches_and_mastery(app):
    teacher = make_user("teacher")
    classroom, (q0, q1, q2), _ = _setup(teacher)
    study = class_study(classroom)
    assert (study.reviews, study.passed) == (5, 4) and study.retention == 0.8
    assert (study.recent_reviews, study.recent_passed) == (4, 3)
    assert [n for _, n in study.forecast] == [1, 1, 1, 1, 0]
    assert {leech["question_id"] for leech in study.leeches} == {q1.id, q2.id}
    assert [(r["name"], r["mastered"], r["cards"], r["due"]) for r in study.learners] == [
        ("Ada", 1, 2, 1),
        ("Ben", 0, 2, 0),
    ]
    assert [(r["mastered"], r["cards"]) for r in study.articles] == [(1, 4)]


def test_study_page_shows_the_goal_and_bars(app, client, auth):
    teacher = login_as(client, auth)
    classroom, (q0, q1, q2), _ = _setup(teacher)
    classroom.desired_retention = 0.9
    db.session.commit()
    page = client.get(f"/teach/classes/{classroom.id}/study").get_data(as_text=True)
    assert "80%" in page and "90%" in page and "below the goal" in page
    assert f'href="/teach/questions/{q1.id}/edit"' in page
    assert 'class="bar-fill w-50"' in page  # Ada: 1 of 2 mastered
    assert "style=" not in page


def test_leeches_of_two_learners_are_grouped_under_their_question(app, client, auth):
    teacher = login_as(client, auth)
    classroom, (q0, q1, q2), _ = _setup(teacher)
    cy = make_user(name="Cy")
    db.session.add(Enrolment(classroom_id=classroom.id, user_id=cy.id))
    by_log = _card(cy, q1, state=2, stability=1.0, lapses=1)  # a leech by failures, not by lapses
    for _ in range(8):
        _log(by_log, 1, state_before=3)
    db.session.commit()
    leeches = {leech["question_id"]: leech for leech in class_study(classroom).leeches}
    assert leeches[q1.id]["cards"] == 2 and leeches[q1.id]["max_lapses"] == 9  # Ben's and Cy's cards
    assert leeches[q2.id]["cards"] == 1
    assert list(leeches)[0] == q1.id  # the question most learners are stuck on comes first
    page = client.get(f"/teach/classes/{classroom.id}/study").get_data(as_text=True)
    row = page[page.index(f'href="/teach/questions/{q1.id}/edit"') :]
    assert row.index("<td>2</td><td>9</td>") < row.index("</tr>")
    assert page.count(f'href="/teach/questions/{q1.id}/edit"') == 1
