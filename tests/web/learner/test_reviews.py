"""Spaced repetition in the app: cards from answers, ratings, the review log, due cards, flashcards."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Attempt, Card, Response, ReviewLog, utcnow
from quizapp.services import clock, enrolment, progress, quizzes, study
from tests.factories import PASSWORD, make_class, make_user
from tests.support import csrf_from
from tests.web.learner.world import RIGHT_ANSWERS, make_world


def _answer_all(world, wrong=()):
    attempt = quizzes.start_attempt(world.assignment, world.learner.id)
    for n, qid in enumerate(attempt.question_order):
        q = next(q for q in world.questions.values() if q.id == qid)
        given = RIGHT_ANSWERS[q.qtype](q).get("answer", "")
        if q.qtype == "matching":
            given = '{"Ana Ruiz": "mayor", "Bo Chen": "treasurer", "Cy Diaz": "council member"}'
        if q.qtype in wrong:
            given = "False" if q.qtype == "true_false" else "nobody"
        quizzes.answer(attempt, qid, given, f"sub-{attempt.id}-{n}-xxxx", 4000)
    return attempt


def test_review_log_records_the_whole_scheduling_decision(app):
    world = make_world("practice")
    world.classroom.desired_retention = 0.85
    db.session.commit()
    _answer_all(world, wrong=("short_answer",))
    logs = db.session.scalars(select(ReviewLog).order_by(ReviewLog.id)).all()
    assert len(logs) == 5
    by_rating = {log.rating for log in logs}
    assert by_rating == {1, 3}  # the wrong answer: Again; the right ones: Good
    for log in logs:
        card = db.session.get(Card, log.card_id)
        assert log.state_before == 1 and log.state_after == card.state
        assert log.stability_before is None and log.stability_after == card.stability
        assert log.difficulty_after == card.difficulty
        assert log.scheduler_version.startswith("fsrs-6.") and len(log.parameters) == 21
        assert log.desired_retention == 0.85
        assert log.retrievability is None  # first review: nothing to predict yet
        assert log.scheduled_days == pytest.approx((card.due - log.reviewed_at).total_seconds() / 86400)
        assert card.reps == 1 and card.last_review == log.reviewed_at


def test_the_prediction_is_taken_before_the_review_and_fuzz_is_off_in_tests(app):
    assert app.config["SRS_FUZZ"] is False
    world = make_world("practice")
    card = study.ensure_card(world.learner.id, world.questions["flashcard"].id)
    db.session.commit()
    t0 = utcnow()
    study.review_card(world.learner.id, card.id, 3, "first-review", when=t0)
    study.review_card(world.learner.id, card.id, 3, "second-review", when=t0 + timedelta(minutes=10))
    card = db.session.get(Card, card.id)
    later = card.due + timedelta(days=3)
    expected = study.srs.retrievability(
        study.srs.CardState(card.id, card.state, card.step, card.stability, card.difficulty, card.due,
                            card.last_review), later)  # fmt: skip
    result = study.review_card(world.learner.id, card.id, 3, "third-review", when=later)
    assert result.log.retrievability == pytest.approx(expected)
    assert 0 < expected < 1


def test_a_right_answer_much_slower_than_usual_is_rated_hard(app):
    world = make_world("practice")
    attempt = quizzes.start_attempt(world.assignment, world.learner.id)
    other = make_world("practice", learner_email=None)  # history: a previous quiz answered at ~2 s each
    for i in range(6):
        db.session.add(
            Response(attempt_id=attempt.id, question_id=other.questions["mcq"].id if i == 0 else
                     list(other.questions.values())[i].id, given_answer="x", correct=False,
                     response_ms=2000, submission_id=f"history-{i}-xxxx")
        )  # fmt: skip
    db.session.commit()
    mcq, tf = world.questions["mcq"], world.questions["true_false"]
    quizzes.answer(attempt, mcq.id, "Dana Voss", "slow-answer-1", 9000)  # 4.5x the median
    quizzes.answer(attempt, tf.id, "True", "quick-answer-1", 2500)
    ratings = dict(db.session.execute(select(ReviewLog.submission_id, ReviewLog.rating)).all())
    assert ratings == {"slow-answer-1": 2, "quick-answer-1": 3}


def test_the_highest_retention_of_a_learners_classes_applies(app):
    world = make_world("practice")
    world.classroom.desired_retention = 0.8
    second = make_class(world.teacher, [world.learner], name="Class B")
    second.desired_retention = 0.95
    db.session.commit()
    assert enrolment.desired_retention_of(world.learner.id) == 0.95
    loner = make_user("learner")
    assert enrolment.desired_retention_of(loner.id) == 0.9


def test_reviews_are_idempotent_per_submission(app):
    world = make_world("practice")
    card = study.ensure_card(world.learner.id, world.questions["flashcard"].id)
    db.session.commit()
    first = study.review_card(world.learner.id, card.id, 3, "same-submission")
    again = study.review_card(world.learner.id, card.id, 1, "same-submission")
    assert first.created and not again.created and again.log.rating == 3
    assert db.session.get(Card, card.id).reps == 1
    assert db.session.query(ReviewLog).count() == 1


def test_moving_the_clock_a_day_forward_brings_cards_due(app):
    world = make_world("practice")
    _answer_all(world)
    assert study.due_cards(world.learner.id) == [
        c for c in study.due_cards(world.learner.id) if c.question.qtype == "flashcard"
    ]  # only the never-reviewed flashcard is due right after the quiz
    app.config["QUIZAPP_CLOCK_OFFSET_DAYS"] = 1
    assert clock.now() > utcnow() + timedelta(hours=23)
    assert len(study.due_cards(world.learner.id)) == 6
    app.config["TESTING"] = False  # production ignores the offset
    assert clock.now() < utcnow() + timedelta(minutes=1)
    app.config["TESTING"] = True


def test_flashcard_review_session_in_the_pages(app, client, auth):
    world = make_world("practice", learner_email="ada@example.com")
    quizzes.start_attempt(world.assignment, world.learner.id)
    auth.login("ada@example.com", PASSWORD)
    assert "1 now" in client.get("/learn/").get_data(as_text=True)
    page = client.get("/learn/review").get_data(as_text=True)
    assert "Who is Dana Voss" in page and "0 reviewed, 1 due" in page
    card = db.session.scalar(select(Card).where(Card.user_id == world.learner.id))
    sid = re.search(r'name="submission_id" value="([^"]+)"', page).group(1)
    data = {"rating": "4", "submission_id": sid, "csrf_token": csrf_from(page), "done": "0"}
    r = client.post(f"/learn/review/cards/{card.id}/rate", data=data)
    assert r.status_code == 302 and "done=1" in r.headers["Location"]
    client.post(f"/learn/review/cards/{card.id}/rate", data=data)  # double click
    assert db.session.query(ReviewLog).count() == 1
    assert "You reviewed 1 card" in client.get(r.headers["Location"]).get_data(as_text=True)
    bad = client.post(
        f"/learn/review/cards/{card.id}/rate", data={**data, "rating": "7", "submission_id": "n" * 20}
    )
    assert bad.status_code == 400


def test_question_cards_are_answered_again_and_graded_on_the_server(app, client, auth):
    world = make_world("practice", learner_email="ada@example.com")
    attempt = _answer_all(world)
    app.config["QUIZAPP_CLOCK_OFFSET_DAYS"] = 2
    auth.login("ada@example.com", PASSWORD)
    seen = set()
    for _ in range(6):
        page = client.get("/learn/review").get_data(as_text=True)
        card_id = int(re.search(r"/learn/review/cards/(\d+)/(answer|rate)", page).group(1))
        card = db.session.get(Card, card_id)
        seen.add(card.question.qtype)
        sid = re.search(r'name="submission_id" value="([^"]+)"', page).group(1)
        data = {"submission_id": sid, "csrf_token": csrf_from(page), "score": "100", "correct": "1"}
        if card.question.qtype == "flashcard":
            r = client.post(f"/learn/review/cards/{card_id}/rate", data={**data, "rating": "3"})
            assert r.status_code == 302
            continue
        wrong = (
            {"pair-0": "treasurer"} if card.question.qtype == "matching" else {"answer": "wrong on purpose"}
        )
        r = client.post(f"/learn/review/cards/{card_id}/answer", data={**data, **wrong})
        body = r.get_data(as_text=True)
        assert r.status_code == 200 and "Not quite" in body and "<mark>" in body
    assert seen == {"mcq", "true_false", "cloze", "short_answer", "matching", "flashcard"}
    reviews = db.session.scalars(select(ReviewLog).where(ReviewLog.source == "review")).all()
    assert len(reviews) == 6
    assert sorted(r.rating for r in reviews) == [1, 1, 1, 1, 1, 3]  # the client's "score" was ignored
    assert "No cards are due" in client.get("/learn/review").get_data(as_text=True)
    assert db.session.get(Attempt, attempt.id).correct_count == 5


def test_streak_and_dashboard_figures(app, client, auth):
    world = make_world("practice", learner_email="ada@example.com")
    card = study.ensure_card(world.learner.id, world.questions["flashcard"].id)
    db.session.commit()
    now = utcnow()
    for days_ago in (0, 1, 2, 4):
        study.review_card(
            world.learner.id, card.id, 3, f"streak-{days_ago}-xxxx", when=now - timedelta(days=days_ago)
        )
    assert progress.streak(world.learner.id, now) == 3
    assert progress.streak(world.learner.id, now + timedelta(days=1)) == 3  # yesterday still counts
    assert progress.streak(world.learner.id, now + timedelta(days=2)) == 0
    auth.login("ada@example.com", PASSWORD)
    assert re.search(
        r'stat-figure">3</p>\s*<p class="stat-label">days in a row',
        client.get("/learn/").get_data(as_text=True),
    )


def test_progress_charts_data_and_page(app, client, auth):
    world = make_world("practice", learner_email="ada@example.com")
    _answer_all(world, wrong=("cloze",))
    auth.login("ada@example.com", PASSWORD)
    data = client.get("/learn/progress.json").get_json()
    assert data["reviews"][-1] == 5 and sum(data["reviews"]) == 5
    # today's five answers are each card's first: learning, not retention (see the test below)
    assert data["retention"][-1] is None
    assert data["desired_retention"] == 0.9
    assert sum(data["forecast"]) == 6 and len(data["forecast"]) == 30
    assert data["mastery"][0]["article"] == "Grain convoy" and data["mastery"][0]["cards"] == 6
    page = client.get("/learn/progress").get_data(as_text=True)
    assert '<script type="application/json" id="chart-data">' in page
    assert "vendor/chartjs/chart.umd.min.js" in page
    assert page.count("<table>") == 4  # every chart has its table


def test_opening_an_assignment_puts_its_flashcards_in_the_deck_even_without_quiz_questions(app, client, auth):
    world = make_world("practice", learner_email="ada@example.com")
    world.assignment.question_ids = [world.questions["flashcard"].id]
    db.session.commit()
    auth.login("ada@example.com", PASSWORD)
    page = client.get(f"/learn/assignments/{world.assignment.id}").get_data(as_text=True)
    assert "flashcard is in your" in page and "no questions to answer yet" in page
    client.get(f"/learn/assignments/{world.assignment.id}")
    assert db.session.query(Card).filter_by(user_id=world.learner.id).count() == 1
    assert "Who is Dana Voss" in client.get("/learn/review").get_data(as_text=True)


def test_flashcards_of_an_assignment_not_open_yet_stay_out_of_the_deck(app, client, auth):
    world = make_world("practice", learner_email="ada@example.com", opens_at=utcnow() + timedelta(days=1))
    auth.login("ada@example.com", PASSWORD)
    client.get(f"/learn/assignments/{world.assignment.id}")
    assert db.session.query(Card).count() == 0


def test_a_test_keeps_its_cards_out_of_review_until_it_is_finished(app, client, auth):
    world = make_world("test", learner_email="ada@example.com")
    short = world.questions["short_answer"]
    old_card = study.ensure_card(world.learner.id, short.id)  # known from earlier practice, due now
    db.session.commit()
    attempt = quizzes.start_attempt(world.assignment, world.learner.id)
    quizzes.answer(attempt, world.questions["mcq"].id, "Bo Chen", "test-answer-1", 3000)
    assert db.session.query(ReviewLog).count() == 0  # not reviewed while the test runs
    due = {c.question.qtype for c in study.due_cards(world.learner.id)}
    assert due == {"flashcard"}  # the short-answer card waits: its feedback would show the key
    auth.login("ada@example.com", PASSWORD)
    assert client.get(f"/learn/review/cards/{old_card.id}").status_code == 404
    page = client.get("/learn/review").get_data(as_text=True)
    assert "Who thanked the drivers?" not in page
    quizzes.finish(attempt)
    quizzes.finish(attempt)  # finishing twice reviews nothing twice
    logs = db.session.scalars(select(ReviewLog)).all()
    assert [(log.rating, log.source) for log in logs] == [(1, "quiz")]  # the wrong mcq answer: Again
    assert {c.question.qtype for c in study.due_cards(world.learner.id)} == {"flashcard", "short_answer"}


def test_due_figures_agree_with_the_review_queue_while_a_test_is_unfinished(app, client, auth):
    """A card held back by an unfinished test is not due anywhere: not in the queue, not in the
    dashboard's figures, not in today's bar of the 30-day forecast."""
    world = make_world("test", learner_email="ada@example.com")
    study.ensure_card(world.learner.id, world.questions["short_answer"].id)  # due now, but in the test
    db.session.commit()
    attempt = quizzes.start_attempt(world.assignment, world.learner.id)
    queue = study.due_cards(world.learner.id)
    assert [c.question.qtype for c in queue] == ["flashcard"]
    figures = progress.dashboard(world.learner.id)
    assert figures["due_now"] == figures["due_today"] == len(queue) == 1
    auth.login("ada@example.com", PASSWORD)
    page = client.get("/learn/").get_data(as_text=True)
    assert "Review 1 now" in page
    assert re.search(r'stat-figure">1</p>\s*<p class="stat-label">review due today', page)
    charts = client.get("/learn/progress.json").get_json()
    assert charts["forecast"][0] == len(queue)
    assert sum(charts["forecast"]) == 1  # the held-back card is nowhere in the forecast either
    quizzes.finish(attempt)  # the test is over: its card is due again, in every figure at once
    queue = study.due_cards(world.learner.id)
    figures = progress.dashboard(world.learner.id)
    assert figures["due_now"] == len(queue) == 2
    assert client.get("/learn/progress.json").get_json()["forecast"][0] == 2


def test_retention_counts_only_cards_already_in_review(app):
    """The retention line compares like with like against desired retention (as FSRS and Anki do):
    the first review of the day of cards already in review. A new card's first answers and its
    learning steps are not recall, whatever their rating."""
    world = make_world("practice")
    learner = world.learner.id
    now = clock.now()
    learnt_on, tested_on = now - timedelta(days=10), now - timedelta(days=3)
    cards = [study.ensure_card(learner, world.questions[t].id, when=learnt_on) for t in ("mcq", "cloze")]
    new_card = study.ensure_card(learner, world.questions["flashcard"].id, when=learnt_on)
    db.session.commit()
    for card in cards:  # learnt: wrong at first (not counted), then through the learning steps
        study.review_card(learner, card.id, 1, f"learn-{card.id}-0", when=learnt_on)
        for step in range(1, 4):
            if db.session.get(Card, card.id).state == study.srs.REVIEW:
                break
            moment = learnt_on + timedelta(minutes=15 * step)
            study.review_card(learner, card.id, 3, f"learn-{card.id}-{step}", when=moment)
        assert db.session.get(Card, card.id).state == study.srs.REVIEW
    forgot, remembered = cards
    study.review_card(learner, forgot.id, 1, "tested-forgot", when=tested_on)  # counted: forgotten
    study.review_card(learner, forgot.id, 3, "tested-forgot-again", when=tested_on + timedelta(minutes=5))
    study.review_card(learner, remembered.id, 3, "tested-remembered", when=tested_on)  # counted: right
    study.review_card(learner, new_card.id, 3, "first-answer-new", when=tested_on)  # learning: not counted
    data = progress.chart_data(learner)
    by_day = dict(zip(data["days"], data["retention"], strict=True))
    assert by_day[learnt_on.date().isoformat()] is None  # a day of learning only
    assert by_day[tested_on.date().isoformat()] == pytest.approx(0.5)  # one of the two learnt cards
    assert data["reviews"][data["days"].index(tested_on.date().isoformat())] == 4  # every review is shown


def test_review_screens_name_the_article_and_keep_the_session_progress(app, client, auth):
    """In a mixed review session a card says which article it comes from, and the feedback screen
    after a question card keeps the progress bar of the session (done of done + still due)."""
    world = make_world("practice", learner_email="ada@example.com")
    _answer_all(world)
    app.config["QUIZAPP_CLOCK_OFFSET_DAYS"] = 2
    auth.login("ada@example.com", PASSWORD)
    for _ in range(6):
        page = client.get("/learn/review?done=2").get_data(as_text=True)
        assert "From the article <cite>Grain convoy</cite>" in page
        card_id = int(re.search(r"/learn/review/cards/(\d+)/(answer|rate)", page).group(1))
        if "/answer" in page:
            break
        sid = re.search(r'name="submission_id" value="([^"]+)"', page).group(1)
        rating = {"rating": "3", "submission_id": sid, "csrf_token": csrf_from(page)}
        client.post(f"/learn/review/cards/{card_id}/rate", data=rating)
    due_before = len(study.due_cards(world.learner.id))
    sid = re.search(r'name="submission_id" value="([^"]+)"', page).group(1)
    form = {"submission_id": sid, "csrf_token": csrf_from(page), "done": "2", "answer": "x", "pair-0": "x"}
    body = client.post(f"/learn/review/cards/{card_id}/answer", data=form).get_data(as_text=True)
    assert "Not quite" in body and "From the article <cite>Grain convoy</cite>" in body
    remaining = due_before - 1
    assert f'max="{3 + remaining}" value="3"' in body and f"3 reviewed, {remaining} due." in body


@pytest.mark.parametrize("fuzz", [True, False])
def test_a_review_hands_the_apps_fuzz_setting_and_the_cards_id_to_the_scheduler(app, monkeypatch, fuzz):
    world = make_world("practice")
    card = study.ensure_card(world.learner.id, world.questions["flashcard"].id)
    db.session.commit()
    calls = []
    real_review = study.srs.review

    def spy(state, rating, moment, **options):
        calls.append((state, options))
        return real_review(state, rating, moment, **options)

    monkeypatch.setattr(study.srs, "review", spy)
    app.config["SRS_FUZZ"] = fuzz
    study.review_card(world.learner.id, card.id, 3, f"fuzz-{fuzz}-review")
    quizzes.answer(quizzes.start_attempt(world.assignment, world.learner.id), world.questions["mcq"].id,
                   "Dana Voss", f"fuzz-{fuzz}-answer", 3000)  # fmt: skip
    assert [options["fuzz"] for _state, options in calls] == [fuzz, fuzz]  # flashcards and quiz answers
    mcq_card = db.session.scalar(select(Card).where(Card.question_id == world.questions["mcq"].id))
    assert [state.card_id for state, _options in calls] == [card.id, mcq_card.id]  # the database ids


def test_an_answer_and_its_review_are_written_together_or_not_at_all(app, monkeypatch):
    world = make_world("practice")
    attempt = quizzes.start_attempt(world.assignment, world.learner.id)
    tf = world.questions["true_false"]

    def broken(*args, **kwargs):
        raise RuntimeError("the scheduler failed half-way")

    monkeypatch.setattr(study.srs, "review", broken)
    with pytest.raises(RuntimeError):
        quizzes.answer(attempt, tf.id, "True", "together-1xxxx", 3000)
    db.session.rollback()
    assert db.session.scalars(select(Response)).all() == []  # no answer left without its review
    assert db.session.get(Attempt, attempt.id).answered_count == 0
    monkeypatch.undo()

    recorded = quizzes.answer(attempt, tf.id, "True", "together-1xxxx", 3000)  # sent again: both land
    assert recorded.created
    log = db.session.scalar(select(ReviewLog).where(ReviewLog.submission_id == "together-1xxxx"))
    assert log is not None and log.card.question_id == tf.id and log.source == "quiz"
    assert db.session.get(Attempt, attempt.id).answered_count == 1


def test_an_answer_whose_submission_id_a_review_already_holds_is_still_recorded(app):
    world = make_world("practice")
    attempt = quizzes.start_attempt(world.assignment, world.learner.id)
    card = study.ensure_card(world.learner.id, world.questions["flashcard"].id)
    db.session.commit()
    study.review_card(world.learner.id, card.id, 3, "shared-id-xxxx")  # a flashcard review took the id
    tf = world.questions["true_false"]
    recorded = quizzes.answer(attempt, tf.id, "True", "shared-id-xxxx", 3000)
    assert recorded.created and recorded.response.correct
    assert db.session.get(Attempt, attempt.id).answered_count == 1
    logs = db.session.scalars(select(ReviewLog).where(ReviewLog.submission_id == "shared-id-xxxx")).all()
    assert [log.card_id for log in logs] == [card.id]  # the flashcard's review is not overwritten
