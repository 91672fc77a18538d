"""Paper results: what a learner wrote on a printed version becomes a graded, submitted attempt."""

import pytest

from quizapp.extensions import db
from quizapp.models import Attempt
from quizapp.services.exchange import assignment_question_set
from quizapp.services.worksheets import paper_version
from tests.factories import PASSWORD, make_assignment, make_class, make_user
from tests.support import csrf_token
from tests.web.exchange.helpers import make_full_article


@pytest.fixture
def setup(app, client, auth):
    teacher = make_user("teacher")
    learner = make_user("learner", name="Ada Learner")
    article = make_full_article(teacher, n=1)
    assignment = make_assignment(make_class(teacher, [learner]), article)
    auth.login(teacher.email, PASSWORD)
    return teacher, learner, assignment


def right_answers(version) -> dict[int, str]:
    """What a learner who knows everything writes on this version."""
    out = {}
    for q in version.questions:
        if q.item.qtype == "mcq":
            out[q.number] = q.key_letter.lower()
        elif q.item.qtype == "true_false":
            out[q.number] = q.item.answer[0]
        elif q.item.qtype == "matching":
            out[q.number] = " ".join(pair.split("-")[1] for pair in q.key.split(", "))
        else:
            out[q.number] = q.item.answer
    return out


def _post(client, assignment, learner_id, letter, answers, entry_id="entry-1"):
    token = csrf_token(client, f"/teach/exchange/assignments/{assignment.id}/paper")
    data = {"csrf_token": token, "learner": str(learner_id), "version": letter, "entry_id": entry_id}
    data.update({f"answer-{n}": v for n, v in answers.items()})
    return client.post(f"/teach/exchange/assignments/{assignment.id}/paper", data=data)


def _attempts(assignment):
    db.session.expire_all()
    return db.session.scalars(db.select(Attempt).where(Attempt.assignment_id == assignment.id)).all()


def test_right_answers_on_version_b_score_full_marks(client, setup):
    teacher, learner, assignment = setup
    version = paper_version(assignment_question_set(teacher, assignment.id), "B")
    response = _post(client, assignment, learner.id, "B", right_answers(version))
    assert response.status_code == 303
    (attempt,) = _attempts(assignment)
    assert (attempt.source, attempt.answered_count, attempt.correct_count) == ("paper", 6, 6)
    assert attempt.submitted_at is not None and attempt.user_id == learner.id
    assert attempt.question_order == [int(q.item.ref) for q in version.questions]
    assert all(r.correct for r in attempt.responses)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Recorded version B for Ada Learner: 6 of 6 answers right." in page


def test_letters_are_read_against_the_printed_version(client, setup):
    teacher, learner, assignment = setup
    qset = assignment_question_set(teacher, assignment.id)
    a, b = paper_version(qset, "A"), paper_version(qset, "B")
    # Version A's right letters entered as if the sheet were version B: marked by B's layout, not A's.
    answers_a = right_answers(a)
    mcq_a = next(q for q in a.questions if q.item.qtype == "mcq")
    mcq_b = next(q for q in b.questions if q.item.qtype == "mcq")
    _post(client, assignment, learner.id, "B", {mcq_b.number: answers_a[mcq_a.number]})
    (attempt,) = _attempts(assignment)
    (response,) = attempt.responses
    assert response.given_answer == dict(mcq_b.options)[mcq_a.key_letter]
    assert response.correct == (mcq_a.key_letter == mcq_b.key_letter)


def test_blank_boxes_are_unanswered_and_wrong_answers_count_wrong(client, setup):
    teacher, learner, assignment = setup
    version = paper_version(assignment_question_set(teacher, assignment.id), "A")
    answers = right_answers(version)
    tf = next(q for q in version.questions if q.item.qtype == "true_false")
    answers[tf.number] = "F" if tf.item.answer == "True" else "T"
    short = next(q for q in version.questions if q.item.qtype == "short_answer")
    answers[short.number] = ""
    _post(client, assignment, learner.id, "A", answers)
    (attempt,) = _attempts(assignment)
    assert (attempt.answered_count, attempt.correct_count) == (5, 4)


@pytest.mark.parametrize("bad", ["Z", "AB", "maybe"])
def test_unreadable_answers_record_nothing_and_keep_what_was_typed(client, setup, bad):
    teacher, learner, assignment = setup
    version = paper_version(assignment_question_set(teacher, assignment.id), "A")
    answers = right_answers(version)
    mcq = next(q for q in version.questions if q.item.qtype == "mcq")
    answers[mcq.number] = bad
    response = _post(client, assignment, learner.id, "A", answers)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f"Nothing was recorded: question {mcq.number}: write one of A, B, C, D." in html
    assert f'value="{bad}"' in html
    assert _attempts(assignment) == []


def test_a_repeated_submission_is_recorded_once(client, setup):
    teacher, learner, assignment = setup
    answers = right_answers(paper_version(assignment_question_set(teacher, assignment.id), "A"))
    assert _post(client, assignment, learner.id, "A", answers).status_code == 303
    again = _post(client, assignment, learner.id, "A", answers)
    assert again.status_code == 400 and "already recorded" in again.get_data(as_text=True)
    assert len(_attempts(assignment)) == 1
    assert _post(client, assignment, learner.id, "A", answers, entry_id="entry-2").status_code == 303
    assert sorted(a.number for a in _attempts(assignment)) == [1, 2]


def test_only_learners_of_the_class_and_only_the_owner(client, auth, setup):
    teacher, _, assignment = setup
    stranger = make_user("learner")
    response = _post(client, assignment, stranger.id, "A", {1: "A"})
    assert response.status_code == 400 and "choose a learner of this class" in response.get_data(as_text=True)
    auth.logout()
    other = make_user("teacher")
    auth.login(other.email, PASSWORD)
    assert client.get(f"/teach/exchange/assignments/{assignment.id}/paper").status_code == 404
    assert _attempts(assignment) == []


def test_paper_results_reach_the_gradebook_and_the_learners_cards_once(client, setup):
    from quizapp.models import Card, ReviewLog
    from quizapp.srs import AGAIN, GOOD

    teacher, learner, assignment = setup
    version = paper_version(assignment_question_set(teacher, assignment.id), "A")
    answers = right_answers(version)
    tf = next(q for q in version.questions if q.item.qtype == "true_false")
    answers[tf.number] = "F" if tf.item.answer == "True" else "T"
    assert _post(client, assignment, learner.id, "A", answers).status_code == 303
    page = client.get(f"/teach/classes/{assignment.classroom_id}/gradebook").get_data(as_text=True)
    assert "<b>83%</b> <small>5/6</small>" in page  # 6 printed questions, flashcard included
    db.session.expire_all()
    logs = db.session.scalars(db.select(ReviewLog).where(ReviewLog.user_id == learner.id)).all()
    cards = db.session.scalars(db.select(Card).where(Card.user_id == learner.id)).all()
    assert {c.question_id for c in cards} == {int(q.item.ref) for q in version.questions}
    assert len(logs) == 6 and {log.source for log in logs} == {"paper"}
    ratings = {db.session.get(Card, log.card_id).question_id: log.rating for log in logs}
    assert ratings.pop(int(tf.item.ref)) == AGAIN and set(ratings.values()) == {GOOD}
    assert all(c.reps == 1 and c.last_review is not None for c in cards)
    again = _post(client, assignment, learner.id, "A", answers)  # the same sheet sent twice
    assert again.status_code == 400
    assert db.session.scalar(db.select(db.func.count(ReviewLog.id))) == 6


def test_questions_rejected_after_the_assignment_are_not_on_paper(client, setup):
    from quizapp.models import Question

    teacher, learner, assignment = setup
    rejected = db.session.get(Question, assignment.question_ids[0])
    rejected.status = "rejected"
    db.session.commit()
    version = paper_version(assignment_question_set(teacher, assignment.id), "A")
    assert rejected.id not in {int(q.item.ref) for q in version.questions} and len(version.questions) == 5
    page = client.get(f"/teach/exchange/assignments/{assignment.id}/paper").get_data(as_text=True)
    assert rejected.prompt not in page
