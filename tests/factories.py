"""Small factories that build rows directly (fast, no question engine)."""

from __future__ import annotations

import hashlib
import itertools

from quizapp.extensions import db
from quizapp.models import Article, Assignment, Attempt, Classroom, Enrolment, Question, User

PASSWORD = "correct horse battery"
_seq = itertools.count(1)


def make_user(role: str = "learner", email: str | None = None, name: str | None = None) -> User:
    n = next(_seq)
    user = User(email=email or f"{role}{n}@example.com", name=name or f"{role.title()} {n}", role=role)
    user.set_password(PASSWORD)
    db.session.add(user)
    db.session.commit()
    return user


ARTICLE_TEXT = (
    "The city council voted 7 to 2 on Monday to build a new library.\n\n"
    "Mayor Ana Ruiz said the library would open in 2027. It will cost $12 million."
)


def make_article(owner: User | None = None, n_questions: int = 3, text: str = ARTICLE_TEXT) -> Article:
    article = Article(
        owner_id=owner.id if owner else None,
        title=f"Library vote {next(_seq)}",
        text=text,
        sha256=hashlib.sha256(f"{text}{next(_seq)}".encode()).hexdigest(),
        status="ready",
    )
    db.session.add(article)
    first = text.index(".") + 1
    for i in range(n_questions):
        article.questions.append(
            Question(
                qtype="short_answer",
                prompt=f"Question {i}: how many council members voted for the library?",
                answer=f"seven {i}",
                accepted=[f"7 {i}"],
                choices=[],
                evidence_start=0,
                evidence_end=first,
                status="approved",
                position=i,
            )
        )
    db.session.commit()
    return article


def make_class(teacher: User, learners: list[User] = (), name: str = "Class A") -> Classroom:
    classroom = Classroom(teacher_id=teacher.id, name=name)
    db.session.add(classroom)
    db.session.flush()
    for learner in learners:
        db.session.add(Enrolment(classroom_id=classroom.id, user_id=learner.id))
    db.session.commit()
    return classroom


def make_assignment(classroom: Classroom, article: Article, mode: str = "practice") -> Assignment:
    assignment = Assignment(
        classroom_id=classroom.id,
        article_id=article.id,
        title=article.title,
        question_ids=[q.id for q in article.questions],
        mode=mode,
    )
    db.session.add(assignment)
    db.session.commit()
    return assignment


def make_attempt(assignment: Assignment, learner: User) -> Attempt:
    attempt = Attempt(
        assignment_id=assignment.id, user_id=learner.id, question_order=list(assignment.question_ids)
    )
    db.session.add(attempt)
    db.session.commit()
    return attempt
