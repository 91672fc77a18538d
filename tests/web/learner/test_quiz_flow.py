"""Taking an assignment through the learner pages: every question type, feedback, results, rules."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Attempt, Card, Question, Response, ReviewLog, utcnow
from tests.factories import PASSWORD
from tests.support import csrf_from
from tests.web.learner.world import RIGHT_ANSWERS, make_world

QUIZ_ORDER = ["mcq", "true_false", "cloze", "short_answer", "matching"]


def start(client, world) -> int:
    page = client.get(f"/learn/assignments/{world.assignment.id}").get_data(as_text=True)
    r = client.post(f"/learn/assignments/{world.assignment.id}/start", data={"csrf_token": csrf_from(page)})
    assert r.status_code == 302, r.get_data(as_text=True)
    return int(re.search(r"/learn/attempts/(\d+)", r.headers["Location"]).group(1))


def post_answer(client, attempt_id, position, data):
    url = f"/learn/attempts/{attempt_id}/questions/{position}"
    page = client.get(url).get_data(as_text=True)
    sid = re.search(r'name="submission_id" value="([^"]+)"', page).group(1)
    shown = re.search(r'name="shown_at" value="(\d+)"', page).group(1)
    return client.post(
        url, data={**data, "csrf_token": csrf_from(page), "submission_id": sid, "shown_at": shown}
    )


def test_practice_quiz_with_every_type_feedback_evidence_results_and_cards(client, auth):
    world = make_world("practice", learner_email="ada@example.com")
    auth.login("ada@example.com", PASSWORD)
    home = client.get("/learn/").get_data(as_text=True)
    assert "Grain convoy quiz" in home
    attempt_id = start(client, world)
    for position, qtype in enumerate(QUIZ_ORDER, start=1):
        q = world.questions[qtype]
        r = post_answer(client, attempt_id, position, RIGHT_ANSWERS[qtype](q))
        assert r.status_code == 302
        page = client.get(r.headers["Location"]).get_data(as_text=True)
        assert "Right" in page, (qtype, page)
        evidence = world.questions[qtype].evidence_text()
        assert f"<mark>{evidence}</mark>" in page  # the evidence sentence, highlighted in its paragraph
        if qtype == "short_answer":  # ... and the rest of its paragraph around it
            assert "The convoy carried 9,000 tonnes of grain." in page
    finish = client.get(f"/learn/attempts/{attempt_id}/finish").get_data(as_text=True)
    r = client.post(f"/learn/attempts/{attempt_id}/finish", data={"csrf_token": csrf_from(finish)})
    assert r.headers["Location"].endswith(f"/learn/attempts/{attempt_id}/results")
    results = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "Results: 5 of 5" in results
    assert "Mayor Ana Ruiz thanked the drivers." in results
    db.session.expire_all()
    attempt = db.session.get(Attempt, attempt_id)
    assert attempt.submitted_at is not None and attempt.correct_count == 5
    cards = db.session.scalars(select(Card).where(Card.user_id == world.learner.id)).all()
    assert len(cards) == 6  # five answered questions and the assignment's flashcard
    logs = db.session.scalars(select(ReviewLog).where(ReviewLog.user_id == world.learner.id)).all()
    assert len(logs) == 5 and {log.source for log in logs} == {"quiz"}
    assert all(log.rating == 3 for log in logs)  # right (no timing history yet): Good


def test_a_wrong_matching_answer_shows_which_pairs_were_right(client, auth):
    world = make_world("practice", learner_email="ada@example.com")
    auth.login("ada@example.com", PASSWORD)
    attempt_id = start(client, world)
    r = post_answer(
        client, attempt_id, 5, {"pair-0": "mayor", "pair-1": "council member", "pair-2": "treasurer"}
    )
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "Partly right" in page and "1 of 3 right" in page
    response = db.session.scalar(select(Response).where(Response.attempt_id == attempt_id))
    assert response.correct is False
    assert '"Ana Ruiz": "mayor"' in response.given_answer


def test_test_mode_shows_no_key_until_the_attempt_is_finished(client, auth):
    world = make_world("test", learner_email="ada@example.com")
    auth.login("ada@example.com", PASSWORD)
    attempt_id = start(client, world)
    r = post_answer(client, attempt_id, 4, {"answer": "Someone Else"})
    assert r.status_code == 302
    page = client.get(f"/learn/attempts/{attempt_id}/questions/4").get_data(as_text=True)
    assert "Your answer is saved" in page
    assert "Ana Ruiz" not in page and "<mark>" not in page and "Not quite" not in page
    r = client.get(f"/learn/attempts/{attempt_id}/results")
    assert r.status_code == 302  # not before finishing
    finish = client.get(f"/learn/attempts/{attempt_id}/finish").get_data(as_text=True)
    client.post(f"/learn/attempts/{attempt_id}/finish", data={"csrf_token": csrf_from(finish)})
    results = client.get(f"/learn/attempts/{attempt_id}/results").get_data(as_text=True)
    assert "Someone Else" in results and "Ana Ruiz" in results and "Not quite" in results
    # a finished attempt takes no more answers
    r = client.post(
        f"/learn/attempts/{attempt_id}/questions/1",
        data={"answer": "x", "csrf_token": csrf_from(finish), "submission_id": "z" * 20},
    )
    assert r.status_code == 302 and r.headers["Location"].endswith("/results")
    assert db.session.query(Response).count() == 1


def test_an_empty_answer_is_asked_again_and_a_repeated_form_is_recorded_once(client, auth):
    world = make_world("practice", learner_email="ada@example.com")
    auth.login("ada@example.com", PASSWORD)
    attempt_id = start(client, world)
    url = f"/learn/attempts/{attempt_id}/questions/4"
    page = client.get(url).get_data(as_text=True)
    sid = re.search(r'name="submission_id" value="([^"]+)"', page).group(1)
    form = {"csrf_token": csrf_from(page), "submission_id": sid, "answer": "   "}
    client.post(url, data=form)
    assert "Please give an answer" in client.get(url).get_data(as_text=True)
    assert db.session.query(Response).count() == 0
    for given in ("Ruiz", "<script>alert(1)</script>"):  # double click, then back button with a new answer
        client.post(url, data={**form, "answer": given})
    db.session.expire_all()
    assert db.session.query(Response).count() == 1
    assert db.session.query(ReviewLog).count() == 1
    assert db.session.get(Attempt, attempt_id).answered_count == 1
    assert db.session.scalar(select(Response.given_answer)) == "Ruiz"


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ({"opens_at": utcnow() + timedelta(days=2)}, "not open yet"),
        ({"due_at": utcnow() - timedelta(days=1)}, "due date has passed"),
    ],
)
def test_dates_are_respected(client, auth, rules, message):
    world = make_world("practice", learner_email="ada@example.com", **rules)
    auth.login("ada@example.com", PASSWORD)
    page = client.get(f"/learn/assignments/{world.assignment.id}").get_data(as_text=True)
    assert message in page
    r = client.post(f"/learn/assignments/{world.assignment.id}/start", data={"csrf_token": csrf_from(page)})
    assert message in client.get(r.headers["Location"]).get_data(as_text=True)
    assert db.session.query(Attempt).count() == 0
    dashboard = client.get("/learn/").get_data(as_text=True)
    assert ("Missing" if "due_at" in rules else "Not open yet") in dashboard


def test_attempts_allowed_is_respected(client, auth):
    world = make_world("practice", learner_email="ada@example.com", attempts_allowed=1)
    auth.login("ada@example.com", PASSWORD)
    attempt_id = start(client, world)
    assert start(client, world) == attempt_id  # an unfinished attempt is resumed, not doubled
    finish = client.get(f"/learn/attempts/{attempt_id}/finish").get_data(as_text=True)
    client.post(f"/learn/attempts/{attempt_id}/finish", data={"csrf_token": csrf_from(finish)})
    page = client.get(f"/learn/assignments/{world.assignment.id}").get_data(as_text=True)
    assert "used every attempt" in page
    client.post(f"/learn/assignments/{world.assignment.id}/start", data={"csrf_token": csrf_from(page)})
    assert db.session.query(Attempt).count() == 1


def test_shuffle_and_pool_draw_are_stored_per_attempt_and_deterministic(client, auth):
    world = make_world("practice", learner_email="ada@example.com", shuffle=True, pool_draw=3)
    auth.login("ada@example.com", PASSWORD)
    attempt_id = start(client, world)
    attempt = db.session.get(Attempt, attempt_id)
    assert len(attempt.question_order) == 3
    assert set(attempt.question_order) <= {world.questions[t].id for t in QUIZ_ORDER}
    first = client.get(f"/learn/attempts/{attempt_id}/questions/1").get_data(as_text=True)
    again = client.get(f"/learn/attempts/{attempt_id}/questions/1").get_data(as_text=True)
    strip = re.compile(r'name="(submission_id|shown_at|csrf_token)" value="[^"]*"')
    assert strip.sub("", first) == strip.sub("", again)  # a reload shows the same screen
    from quizapp.services import quizzes

    db.session.delete(attempt)
    db.session.commit()
    redo = quizzes.start_attempt(world.assignment, world.learner.id)
    assert redo.question_order == attempt.question_order  # same learner and attempt number: same draw


def test_only_approved_questions_are_shown(client, auth):
    world = make_world("practice", learner_email="ada@example.com")
    world.questions["mcq"].status = "draft"
    world.questions["short_answer"].status = "rejected"
    db.session.commit()
    auth.login("ada@example.com", PASSWORD)
    attempt_id = start(client, world)
    prompts = "".join(
        client.get(f"/learn/attempts/{attempt_id}/questions/{i}").get_data(as_text=True) for i in range(1, 6)
    )
    assert "Who said the convoy" not in prompts and "Who thanked the drivers" not in prompts
    assert client.get(f"/learn/attempts/{attempt_id}/questions/4").status_code == 404
    # a question withdrawn after the attempt started disappears from it as well
    q = db.session.get(Question, world.questions["cloze"].id)
    q.status = "draft"
    db.session.commit()
    assert "tonnes of grain" not in client.get(f"/learn/attempts/{attempt_id}/questions/2").get_data(
        as_text=True
    )


def test_an_attempt_finished_after_the_due_date_is_marked_late(client, auth):
    world = make_world("practice", learner_email="ada@example.com", due_at=utcnow() + timedelta(hours=1))
    auth.login("ada@example.com", PASSWORD)
    attempt_id = start(client, world)
    post_answer(client, attempt_id, 4, {"answer": "Ana Ruiz"})
    world.assignment.due_at = utcnow() - timedelta(minutes=1)  # the due date passes mid-attempt
    db.session.commit()
    page = client.get(f"/learn/assignments/{world.assignment.id}").get_data(as_text=True)
    assert "Continue your attempt" in page  # an unfinished attempt may still be finished
    finish = client.get(f"/learn/attempts/{attempt_id}/finish").get_data(as_text=True)
    client.post(f"/learn/attempts/{attempt_id}/finish", data={"csrf_token": csrf_from(finish)})
    dashboard = client.get("/learn/").get_data(as_text=True)
    assert "badge-late" in dashboard and "last attempt: 1 of 5 right" in dashboard


def test_a_retry_in_progress_is_shown_as_in_progress_on_the_dashboard(client, auth):
    """Finished once, then started again: the dashboard lists the retry as open with a way back into it,
    and says the same as the assignment page (not "Done" and "No open assignments")."""
    world = make_world("practice", learner_email="ada@example.com")
    auth.login("ada@example.com", PASSWORD)
    first = start(client, world)
    post_answer(client, first, 4, {"answer": "Ana Ruiz"})
    finish = client.get(f"/learn/attempts/{first}/finish").get_data(as_text=True)
    client.post(f"/learn/attempts/{first}/finish", data={"csrf_token": csrf_from(finish)})
    assert "badge-done" in client.get("/learn/").get_data(as_text=True)
    second = start(client, world)
    assert second != first
    dashboard = client.get("/learn/").get_data(as_text=True)
    assert "No open assignments" not in dashboard
    assert "badge-in_progress" in dashboard and "badge-done" not in dashboard
    assert f'href="/learn/attempts/{second}"' in dashboard  # a Continue link straight into the retry
    assert "Continue attempt 2" in dashboard
    page = client.get(f"/learn/assignments/{world.assignment.id}").get_data(as_text=True)
    assert "badge-in_progress" in page and "Continue your attempt" in page
    assert f'href="/learn/attempts/{first}/results"' in page  # the finished attempt is still listed


def _finish(client, attempt_id):
    page = client.get(f"/learn/attempts/{attempt_id}/finish").get_data(as_text=True)
    client.post(f"/learn/attempts/{attempt_id}/finish", data={"csrf_token": csrf_from(page)})


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


ONE_PAIR_RIGHT = {"pair-0": "mayor", "pair-1": "council member", "pair-2": "treasurer"}


def test_the_score_reads_the_same_on_the_results_dashboard_and_assignment_pages(client, auth):
    """One score, one wording: whole questions right out of the attempt's questions, and a partly
    right matching answer shown with its pairs (never as 3.33 on one page and 3 on another)."""
    world = make_world("practice", learner_email="ada@example.com")
    auth.login("ada@example.com", PASSWORD)
    first = start(client, world)
    for position, qtype in enumerate(QUIZ_ORDER, start=1):
        given = RIGHT_ANSWERS[qtype](world.questions[qtype])
        if qtype == "true_false":
            given = {"answer": "False"}
        elif qtype == "matching":
            given = ONE_PAIR_RIGHT
        post_answer(client, first, position, given)
    _finish(client, first)
    second = start(client, world)
    post_answer(client, second, 5, ONE_PAIR_RIGHT)  # only a partly right matching answer
    _finish(client, second)

    wanted = {first: "3 of 5 right (matching: 1 of 3 pairs)", second: "0 of 5 right (matching: 1 of 3 pairs)"}
    for attempt_id in (first, second):
        results = _text(client.get(f"/learn/attempts/{attempt_id}/results").get_data(as_text=True))
        assert f"Results: {wanted[attempt_id]}" in results
        assert "3.33" not in results and "0.33" not in results
    assignment = _text(client.get(f"/learn/assignments/{world.assignment.id}").get_data(as_text=True))
    assert f"Attempt 1 : {wanted[first]}" in assignment
    assert f"Attempt 2 : {wanted[second]}" in assignment
    dashboard = _text(client.get("/learn/").get_data(as_text=True))
    assert f"last attempt: {wanted[second]}" in dashboard


@pytest.mark.parametrize(
    ("prompt", "header", "quoted"),
    [
        ("Match each person with their role in the article.", "Person", False),
        ("Match each person with what they said in the article.", "Person", True),
        ("Match each country with its capital.", "Country", False),
        ("Pair the words up.", "Item", False),
    ],
)
def test_the_matching_table_names_what_its_pairs_are(client, auth, prompt, header, quoted):
    world = make_world("practice", learner_email="ada@example.com")
    world.questions["matching"].prompt = prompt
    db.session.commit()
    auth.login("ada@example.com", PASSWORD)
    attempt_id = start(client, world)
    r = post_answer(client, attempt_id, 5, ONE_PAIR_RIGHT)
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    assert f'<th scope="col" role="columnheader">{header}</th>' in page
    assert ("Person" in page) is (header == "Person")  # never "Person" for pairs that are not people
    assert ("<q>treasurer</q>" in page) is quoted  # what people said is shown as a quotation
