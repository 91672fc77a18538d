"""Item analysis (facility, discrimination, option counts, flags) and regrading by accepting an answer."""

from __future__ import annotations

import re
import statistics

import pytest

from quizapp.extensions import db
from quizapp.models import Attempt, Question, Response
from quizapp.services.itemstats import accept_answer, item_analysis
from tests.factories import make_article, make_assignment, make_class, make_user
from tests.web.teacher.helpers import add_attempt, login_as, make_mcq, post


def _quiz(teacher, n_learners: int = 12):
    article = make_article(teacher, 1)
    short = article.questions[0]
    short.answer, short.accepted = "Ana Ruiz", []
    mcq = make_mcq(article)
    tf = Question(article_id=article.id, qtype="true_false", prompt="It costs $12 million.",
                  answer="True", choices=["True", "False"], status="approved", evidence_start=0,
                  evidence_end=10)  # fmt: skip
    db.session.add(tf)
    db.session.commit()
    learners = [make_user(name=f"L{i:02d}") for i in range(n_learners)]
    classroom = make_class(teacher, learners)
    assignment = make_assignment(classroom, article)
    assignment.question_ids = [short.id, mcq.id, tf.id]
    db.session.commit()
    return assignment, learners, short, mcq, tf


def _answers(i: int, short, mcq, tf) -> dict:
    # Strong learners (high i) get more right; most pick the distractor "Ben Ortiz" on the mcq;
    # the short answer is mostly answered "Ruiz" (wrong until accepted).
    mcq_answer = "Ana Ruiz" if i in (3, 9, 10, 11) else "Ben Ortiz"
    short_answer = "Ana Ruiz" if i >= 10 else ("Ruiz" if i % 2 else "ruiz.")
    return {
        short.id: (short_answer, short_answer == "Ana Ruiz"),
        mcq.id: (mcq_answer, mcq_answer == "Ana Ruiz"),
        tf.id: ("True" if i >= 4 else "False", i >= 4),
    }


def test_facility_discrimination_options_and_flags(app):
    teacher = make_user("teacher")
    assignment, learners, short, mcq, tf = _quiz(teacher)
    table = {}
    for i, learner in enumerate(learners):
        table[i] = _answers(i, short, mcq, tf)
        add_attempt(assignment, learner, table[i])
    add_attempt(
        assignment, make_user(), {mcq.id: ("Dan Moss", False)}, submitted_at=None
    )  # unfinished: ignored
    items, attempts = item_analysis(assignment)
    assert attempts == 12 and [item.question.id for item in items] == [short.id, mcq.id, tf.id]
    for item in items:
        qid = item.question.id
        x = [1 if table[i][qid][1] else 0 for i in table]
        totals = [sum(ok for _, ok in table[i].values()) for i in table]
        rest = [t - xi for t, xi in zip(totals, x, strict=True)]
        assert item.n == 12 and item.facility == pytest.approx(sum(x) / 12)
        assert item.discrimination == pytest.approx(statistics.correlation(x, rest))
    short_item, mcq_item, tf_item = items
    assert mcq_item.options == [("Ana Ruiz", 4, True), ("Ben Ortiz", 8, False), ("Carla Diaz", 0, False),
                                ("Dan Moss", 0, False)]  # fmt: skip
    codes = {item.question.id: [code for code, _ in item.flags] for item in items}
    assert "distractor" in codes[mcq.id]
    assert "hard" in codes[short.id]  # 2 of 12 right
    assert tf_item.discrimination > 0.2 and "low" not in codes[tf.id] and "negative" not in codes[tf.id]
    assert short_item.wrong_answers == [("Ruiz", 5), ("ruiz.", 5)]


def test_few_responses_raise_no_flags(app):
    teacher = make_user("teacher")
    assignment, learners, short, mcq, tf = _quiz(teacher, n_learners=3)
    for i, learner in enumerate(learners):
        add_attempt(assignment, learner, _answers(i, short, mcq, tf))
    items, _ = item_analysis(assignment)
    assert all(item.flags == [] for item in items)


def test_negative_discrimination_is_flagged(app):
    teacher = make_user("teacher")
    assignment, learners, short, mcq, tf = _quiz(teacher)
    for i, learner in enumerate(learners):
        strong = i >= 6
        answers = {
            short.id: ("Ana Ruiz", strong),
            mcq.id: ("Ana Ruiz" if not strong else "Dan Moss", not strong),
            tf.id: ("True", strong),
        }
        add_attempt(assignment, learner, answers)
    items, _ = item_analysis(assignment)
    mcq_item = next(item for item in items if item.question.id == mcq.id)
    assert mcq_item.discrimination < 0 and "negative" in [code for code, _ in mcq_item.flags]


def test_stats_page_links_flags_to_the_question_and_its_evidence(app, client, auth):
    teacher = login_as(client, auth)
    assignment, learners, short, mcq, tf = _quiz(teacher)
    for i, learner in enumerate(learners):
        add_attempt(assignment, learner, _answers(i, short, mcq, tf))
    page = client.get(f"/teach/assignments/{assignment.id}/stats").get_data(as_text=True)
    assert "12 submitted attempts analysed" in page
    assert "The distractor “Ben Ortiz” was chosen more often than the key." in page
    assert f'href="/teach/questions/{mcq.id}/edit"' in page
    assert "point-biserial" in page and "Accept this answer" in page
    edit = client.get(f"/teach/questions/{mcq.id}/edit").get_data(as_text=True)
    assert '<mark class="evidence"' in edit


def test_accepting_an_answer_regrades_every_affected_response(app, client, auth):
    teacher = login_as(client, auth)
    assignment, learners, short, mcq, tf = _quiz(teacher)
    for i, learner in enumerate(learners):
        add_attempt(assignment, learner, _answers(i, short, mcq, tf))
    other = make_assignment(make_class(teacher, [learners[1]], name="Other class"), assignment.article)
    other.question_ids = [short.id]
    db.session.commit()
    add_attempt(other, learners[1], {short.id: ("RUIZ", False)})
    before = {a.id: a.correct_count for a in Attempt.query.all()}
    response = post(
        client, f"/teach/assignments/{assignment.id}/questions/{short.id}/accept", {"answer": "Ruiz"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert "Ruiz" in db.session.get(Question, short.id).accepted and db.session.get(Question, short.id).edited
    regraded = Response.query.filter_by(question_id=short.id, correct=True).count()
    assert regraded == 12 + 1  # "Ruiz", "ruiz." and "RUIZ" now right, in both assignments
    for attempt in Attempt.query.all():
        right = Response.query.filter_by(attempt_id=attempt.id, correct=True).count()
        assert attempt.correct_count == right
        assert attempt.correct_count - before[attempt.id] in (0, 1)
    page = client.get(f"/teach/assignments/{assignment.id}/stats").get_data(as_text=True)
    assert "11 response(s) regraded" in page  # 10 here + 1 in the other class


def test_accept_refuses_choice_questions_and_unknown_questions(app, client, auth):
    teacher = login_as(client, auth)
    assignment, learners, short, mcq, tf = _quiz(teacher, n_learners=1)
    with pytest.raises(ValueError, match="Only short-answer"):
        accept_answer(mcq, "Ben Ortiz")
    stray = make_mcq(assignment.article)
    assert (
        post(
            client, f"/teach/assignments/{assignment.id}/questions/{stray.id}/accept", {"answer": "x"}
        ).status_code
        == 404
    )


def test_summary_rows_show_the_part_of_each_prompt_that_differs(app, client, auth):
    from quizapp.services.itemstats import distinct_labels

    stem = "Which option completes the sentence?"
    teacher = login_as(client, auth)
    article = make_article(teacher, 0)
    sentences = [
        "The council voted _____ to 2 on Monday to build a new library after a long debate that ran late.",
        "The council voted 7 to 2 on _____ to build a new library after a long debate that ran late.",
    ]
    for n, sentence in enumerate(sentences):
        db.session.add(Question(article_id=article.id, qtype="cloze", prompt=f"{stem} {sentence}",
                                answer="7", choices=["7", "2"], status="approved", position=n))  # fmt: skip
    db.session.add(Question(article_id=article.id, qtype="short_answer", prompt="Who said it? Name them.",
                            answer="Ana Ruiz", status="approved", position=3))  # fmt: skip
    db.session.commit()
    assignment = make_assignment(make_class(teacher), article)
    html = client.get(f"/teach/assignments/{assignment.id}/stats").get_data(as_text=True)
    summary = html[html.index('<table class="stats-summary">') : html.index("</table>")]
    rows = re.findall(r'<a href="#item-\d+"[^>]*>([^<]+)</a>', summary)
    assert rows[0].startswith("The council voted _____ to 2") and rows[1].startswith(
        "The council voted 7 to 2 on"
    )
    assert len(set(rows)) == 3 and not any(r.startswith(stem) for r in rows)
    assert rows[2] == "Who said it? Name them."  # a lead shared with no other prompt stays
    assert (
        'class="table-wrap scroll-cue" tabindex="0" role="region"' in html
        and "Swipe the table sideways" in html
    )
    assert distinct_labels(["True or false: A.", "True or false: B.", "Plain"]) == ["A.", "B.", "Plain"]
