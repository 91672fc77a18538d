"""The quiz page and an answer post run a fixed, small number of SQL statements, however many questions
the attempt holds or has answered: every learner of a class opens them at once."""

from __future__ import annotations

from quizapp.extensions import db
from tests.factories import PASSWORD
from tests.web.learner.test_quiz_flow import QUIZ_ORDER, post_answer, start
from tests.web.learner.world import RIGHT_ANSWERS, make_world
from tests.web.teacher.test_query_counts import counted

# The user (Flask-Login), the attempt with its assignment, the live questions with their answers.
QUIZ_PAGE_STATEMENTS = 3
# The post: those three again, the response, the attempt's counters, the card made and locked in one
# statement, the learner's recent answer times, the class's retention, the card's update, its review log.
ANSWER_STATEMENTS = 3 + 7


def _queries(statements: list[str]) -> int:
    """Statements but SQLite's BEGIN IMMEDIATE, its way to open a write transaction."""
    return sum(1 for s in statements if not s.startswith("BEGIN"))


def test_the_quiz_page_reads_the_attempt_its_questions_and_answers_in_three_statements(client, auth):
    world = make_world("practice", learner_email="ada@example.com")
    auth.login("ada@example.com", PASSWORD)
    attempt_id = start(client, world)
    counts = []
    for position, qtype in enumerate(QUIZ_ORDER, start=1):
        page = f"/learn/attempts/{attempt_id}/questions/{position}"
        client.get(page)  # warm up (templates)
        with counted(db.engine) as statements:
            assert client.get(page).status_code == 200
        counts.append(_queries(statements))
        post_answer(client, attempt_id, position, RIGHT_ANSWERS[qtype](world.questions[qtype]))
    assert counts == [QUIZ_PAGE_STATEMENTS] * len(QUIZ_ORDER)  # not one more per answered question


def test_a_practice_answer_and_its_card_review_commit_in_a_fixed_number_of_statements(client, auth):
    world = make_world("practice", learner_email="ada@example.com")
    auth.login("ada@example.com", PASSWORD)
    attempt_id = start(client, world)
    counts = {}
    for position, qtype in enumerate(QUIZ_ORDER[:4], start=1):
        data = RIGHT_ANSWERS[qtype](world.questions[qtype])  # read before counting: the test's own query
        with counted(db.engine) as statements:
            assert post_answer(client, attempt_id, position, data).status_code == 302
        counts[qtype] = _queries(statements)
    # the form's page, then the post; a choice, or a typed answer given exactly, needs no look at the
    # article's text
    assert counts == {qtype: QUIZ_PAGE_STATEMENTS + ANSWER_STATEMENTS for qtype in QUIZ_ORDER[:4]}, counts
