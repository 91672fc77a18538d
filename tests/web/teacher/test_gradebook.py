"""Gradebook: best attempt, late and missing, a learner's answers, and a CSV a spreadsheet opens safely."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

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
