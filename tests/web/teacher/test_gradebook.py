"""Gradebook: best attempt, late and missing, a learner's answers, and a CSV a spreadsheet opens safely."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from quizapp.extensions import db
from quizapp.models import utcnow
from quizapp.services.gradebook import build_gradebook, safe_cell
from tests.factories import make_article, make_assignment, make_class, make_user
from tests.web.teacher.helpers import add_attempt, login_as


def _setup(teacher):
    now = utcnow()
    ada, ben, cy = make_user(name="Ada"), make_user(name="Ben"), make_user(name="Cy")
    classroom = make_class(teacher, [ada, ben, cy])
    article = make_article(teacher, 3)
    past = make_assignment(classroom, article)
    past.title, past.due_at = "Past quiz", now - timedelta(days=1)
    future = make_assignment(classroom, article)
    future.title, future.due_at = "Future quiz", now + timedelta(days=7)
    db.session.commit()
    q = past.question_ids
    add_attempt(
        past, ada, {q[0]: ("seven 0", True), q[1]: ("x", False), q[2]: ("x", False)}, now - timedelta(days=3)
    )
    add_attempt(past, ada, {i: ("ok", True) for i in q}, now - timedelta(days=2), number=2)
    add_attempt(past, ben, {q[0]: ("seven 0", True), q[1]: ("7 1", True), q[2]: ("no", False)}, now)
    add_attempt(future, cy, {q[0]: ("seven 0", True)}, submitted_at=None)
    return classroom, past, future, (ada, ben, cy)


def test_best_attempt_late_missing_and_in_progress(app):
    teacher = make_user("teacher")
    classroom, past, future, (ada, ben, cy) = _setup(teacher)
    book = build_gradebook(classroom)
    assert [learner.name for learner in book.learners] == ["Ada", "Ben", "Cy"]
    assert book.cell(ada.id, past.id).status == "done" and book.cell(ada.id, past.id).percent == 100.0
    assert book.cell(ada.id, past.id).attempts == 2
    assert book.cell(ben.id, past.id).status == "late" and book.cell(ben.id, past.id).percent == 66.7
    assert book.cell(cy.id, past.id).status == "missing" and book.cell(cy.id, past.id).percent is None
    assert book.cell(cy.id, future.id).status == "in_progress" and book.cell(cy.id, future.id).answered == 1
    assert book.cell(ada.id, future.id).status == "not_started"
    assert book.average(past.id) == 83.3 and book.completion(past.id) == 2


def test_gradebook_page_and_a_learners_answers(app, client, auth):
    teacher = login_as(client, auth)
    classroom, past, _, (ada, ben, _) = _setup(teacher)
    page = client.get(f"/teach/classes/{classroom.id}/gradebook").get_data(as_text=True)
    assert "100%" in page and "67%" in page
    assert 'class="badge badge-late">late' in page and 'class="badge badge-missing">missing' in page
    answers = client.get(f"/teach/assignments/{past.id}/learners/{ben.id}").get_data(as_text=True)
    assert "Question 2: how many council members" in answers
    assert "no" in answers and "seven 2" in answers  # given answer and key
    assert "The city council voted 7 to 2 on Monday to build a new library." in answers  # evidence
    assert answers.count("badge-rejected") == 1 and 'class="badge badge-late"' in answers
    stranger = make_user()
    assert client.get(f"/teach/assignments/{past.id}/learners/{stranger.id}").status_code == 404


def test_csv_opens_cleanly_and_defuses_formulas(app, client, auth):
    teacher = login_as(client, auth)
    classroom, past, _, (ada, ben, _) = _setup(teacher)
    ada.name = '=HYPERLINK("http://evil.example","Ada")'
    ben.name = 'Zoë "Ben", Jr.'
    past.title = "+Past, quiz"
    db.session.commit()
    response = client.get(f"/teach/classes/{classroom.id}/gradebook.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Learner", "E-mail", "'+Past, quiz (%)", "'+Past, quiz (status)"]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name['\'=HYPERLINK("http://evil.example","Ada")'][2:4] == ["100.0", "submitted"]
    assert by_name['Zoë "Ben", Jr.'][2:4] == ["66.7", "late"]
    assert by_name["Cy"][2:4] == ["", "missing"]


def test_safe_cell():
    for text in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]:
        assert safe_cell(text) == "'" + text
    assert safe_cell("Ada") == "Ada" and safe_cell(-5) == -5 and safe_cell(None) == ""


def test_gradebook_pages_learners_but_averages_cover_everyone(app, client, auth):
    from quizapp.services import gradebook as service

    teacher = login_as(client, auth)
    learners = [make_user(name=f"P{i:03d}") for i in range(5)]
    classroom = make_class(teacher, learners)
    assignment = make_assignment(classroom, make_article(teacher, 2))
    for i, learner in enumerate(learners):
        add_attempt(assignment, learner, {q: ("x", i % 2 == 0) for q in assignment.question_ids})
    book = service.build_gradebook(classroom, page=2, per_page=2)
    assert [learner.name for learner, _ in book.rows] == ["P002", "P003"] and book.pages == 3
    assert book.averages[assignment.id] == 60.0 and book.completions[assignment.id] == 5
    old = service.LEARNERS_PER_PAGE
    service.LEARNERS_PER_PAGE = 2
    try:
        page = client.get(f"/teach/classes/{classroom.id}/gradebook?page=3").get_data(as_text=True)
    finally:
        service.LEARNERS_PER_PAGE = old
    assert "P004" in page and "P000" not in page and "Learners 5–5 of 5" in page
    assert "60%" in page and "5/5 submitted" in page


def test_matching_answers_show_as_pairs(app, client, auth):
    import json

    from quizapp.models import Question

    teacher = login_as(client, auth)
    learner = make_user(name="Mo")
    classroom = make_class(teacher, [learner])
    article = make_article(teacher, 0)
    pairs = [{"left": "Ruiz", "right": "mayor"}, {"left": "Diaz", "right": "critic"}]
    question = Question(article_id=article.id, qtype="matching", prompt="Match the people", status="approved",
                        answer="Ruiz = mayor; Diaz = critic", choices=pairs)  # fmt: skip
    db.session.add(question)
    db.session.commit()
    assignment = make_assignment(classroom, article)
    assignment.question_ids = [question.id]
    db.session.commit()
    add_attempt(assignment, learner, {question.id: (json.dumps({"Ruiz": "critic", "Diaz": "mayor"}), False)})
    page = client.get(f"/teach/assignments/{assignment.id}/learners/{learner.id}").get_data(as_text=True)
    assert "Ruiz = critic; Diaz = mayor" in page and "Ruiz = mayor; Diaz = critic" in page


def _perfect_learner_on_a_mixed_assignment(teacher):
    """A learner who answers right every question they are actually given, on an assignment that also
    holds a flashcard (self-rated, never graded), a question rejected before they started, a question
    they answered wrong that was rejected afterwards, and a pool draw larger than what can be drawn."""
    from quizapp.models import Question
    from quizapp.services import quizzes
    from tests.web.teacher.helpers import make_mcq

    learner = make_user(name="Ada")
    classroom = make_class(teacher, [learner])
    article = make_article(teacher, 3)
    flashcard = Question(article_id=article.id, qtype="flashcard", prompt="Ana Ruiz", answer="the mayor",
                         status="approved", position=50)  # fmt: skip
    db.session.add(flashcard)
    rejected_first = make_mcq(article, prompt="Rejected before the learner started?")
    rejected_later = make_mcq(article, prompt="Rejected after the learner answered?")
    assignment = make_assignment(classroom, article)
    assignment.pool_draw, assignment.shuffle = 9, False  # more than the pool holds: everyone gets all
    rejected_first.status = "rejected"
    db.session.commit()
    attempt = quizzes.start_attempt(assignment, learner.id)
    for n, question in enumerate(quizzes.live_questions(attempt)):
        given = "Ben Ortiz" if question.id == rejected_later.id else question.answer
        quizzes.answer(attempt, question.id, given, f"perfect-{n}", 4000)
    quizzes.finish(attempt)
    rejected_later.status = "rejected"
    db.session.commit()
    return classroom, assignment, learner


def test_score_counts_only_the_graded_questions_the_learner_was_given(app, client, auth):
    teacher = login_as(client, auth)
    classroom, assignment, learner = _perfect_learner_on_a_mixed_assignment(teacher)
    cell = build_gradebook(classroom).cell(learner.id, assignment.id)
    assert (cell.best, cell.total, cell.percent, cell.status) == (3, 3, 100.0, "done")
    assert build_gradebook(classroom).average(assignment.id) == 100.0
    page = client.get(f"/teach/classes/{classroom.id}/gradebook").get_data(as_text=True)
    assert "<b>100%</b> <small>3/3</small>" in page
    rows = list(csv.reader(io.StringIO(client.get(f"/teach/classes/{classroom.id}/gradebook.csv")
                                       .get_data(as_text=True).lstrip("\ufeff"))))  # fmt: skip
    assert rows[1][2:4] == ["100.0", "submitted"]
    answers = client.get(f"/teach/assignments/{assignment.id}/learners/{learner.id}").get_data(as_text=True)
    assert "3/3 right" in answers
    stats = client.get(f"/teach/assignments/{assignment.id}/stats").get_data(as_text=True)
    assert "3 questions per learner" in stats


def test_api_results_use_the_same_score(app, client):
    from quizapp.services.api_tokens import create_token

    teacher = make_user("teacher")
    classroom, assignment, learner = _perfect_learner_on_a_mixed_assignment(teacher)
    _row, token = create_token(teacher, "tests")
    body = client.get(
        f"/api/v1/assignments/{assignment.id}/results", headers={"Authorization": f"Bearer {token}"}
    ).get_json()
    (row,) = body["results"]
    assert (row["best_score"], row["total"], row["percent"]) == (3, 3, 100.0)


def test_a_pool_draws_graded_questions_only(app, client, auth):
    from quizapp.models import Assignment, Question
    from quizapp.services.assignments import AssignmentError, AssignmentInput, create_assignment

    teacher = make_user("teacher")
    classroom = make_class(teacher, [make_user()])
    article = make_article(teacher, 2)
    db.session.add(Question(article_id=article.id, qtype="flashcard", prompt="Ruiz", answer="mayor",
                            status="approved", position=9))  # fmt: skip
    db.session.commit()
    with pytest.raises(AssignmentError, match="between 1 and 2"):
        create_assignment(classroom, article, AssignmentInput(article.id, pool_draw="3"))
    made = create_assignment(classroom, article, AssignmentInput(article.id, pool_draw="2"))
    assert db.session.get(Assignment, made.id).pool_draw is None  # 2 of 2: everyone gets both


def test_a_cell_rounds_the_exact_share_not_a_rounded_one(app, client, auth):
    """6 of 11 right is 54.54...%: the page shows 55%, not 54% (54.5 rounded again, half to even)."""
    teacher = login_as(client, auth)
    ada = make_user(name="Ada")
    classroom = make_class(teacher, [ada])
    assignment = make_assignment(classroom, make_article(teacher, 11))
    q = assignment.question_ids
    add_attempt(assignment, ada, {qid: ("x", n < 6) for n, qid in enumerate(q)})
    page = client.get(f"/teach/classes/{classroom.id}/gradebook").get_data(as_text=True)
    assert "<b>55%</b> <small>6/11</small>" in page
