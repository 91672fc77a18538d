"""A random pool gives learners different questions, and shuffled options really change order."""

from __future__ import annotations

from quizapp.extensions import db
from quizapp.models import Question
from quizapp.services import quizzes
from tests.factories import make_article, make_assignment, make_class, make_user


def _mcqs(article, n):
    for i in range(n):
        db.session.add(Question(article_id=article.id, qtype="mcq", prompt=f"Who said thing {i}?",
                                answer=f"A{i}", choices=[f"A{i}", f"B{i}", f"C{i}", f"D{i}"],
                                status="approved", position=i))  # fmt: skip
    db.session.commit()


def test_pool_draws_and_option_orders_differ_between_learners(app):
    teacher = make_user("teacher")
    learners = [make_user() for _ in range(6)]
    article = make_article(teacher, 0)
    _mcqs(article, 12)
    assignment = make_assignment(make_class(teacher, learners), article)
    assignment.pool_draw = 5
    db.session.commit()
    attempts = [quizzes.start_attempt(assignment, learner.id) for learner in learners]
    draws = [frozenset(a.question_order) for a in attempts]
    assert all(len(d) == 5 and d <= set(assignment.question_ids) for d in draws)
    assert len(set(draws)) > 1, "every learner drew the same questions"
    orders = {tuple(order) for a in attempts for order in a.option_orders.values()}
    assert len(orders) > 1 and any(order != (0, 1, 2, 3) for order in orders)
    again = quizzes.start_attempt(assignment, learners[0].id)  # a reload resumes the same draw
    assert again.id == attempts[0].id and again.question_order == attempts[0].question_order
    view = quizzes.present(attempts[0], 1)
    question = view.question
    stored = attempts[0].option_orders[str(question.id)]
    assert view.options == [question.choices[i] for i in stored]  # the learner sees the shuffled order
