"""Assignments: an article's approved questions (or a random pool of them) set to a class."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from ..extensions import db
from ..models import Article, Assignment, Classroom, Question
from ..models.classroom import ASSIGNMENT_MODES
from .quizzes import QUIZ_TYPES, quiz_question_ids

MAX_TITLE = 200
MAX_ATTEMPTS = 100


class AssignmentError(ValueError):
    """Assignment settings that cannot be used; the message is safe to show."""


@dataclass
class AssignmentInput:
    """What a teacher asked for, as raw form strings (parsed and checked by ``create_assignment``)."""

    article_id: int | None
    title: str = ""
    question_ids: list[int] | None = None
    pool_draw: str = ""
    opens_at: str = ""
    due_at: str = ""
    mode: str = "practice"
    attempts_allowed: str = "1"
    shuffle: bool = True


def parse_local_datetime(value: str, label: str) -> datetime | None:
    """A datetime-local form value ("2026-12-01T09:30") read as UTC; "" gives None."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise AssignmentError(f"{label}: use a date and time such as 2026-12-01T09:30.") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def approved_questions(article: Article) -> list[Question]:
    """The article's approved questions in article order: the only ones that may reach learners."""
    return list(
        db.session.scalars(
            select(Question)
            .where(Question.article_id == article.id, Question.status == "approved")
            .order_by(Question.position, Question.id)
        )
    )


def _int(value, label: str, minimum: int, maximum: int, default: int | None = None) -> int | None:
    text = str(value if value is not None else "").strip()
    if not text:
        return default
    try:
        number = int(text)
    except ValueError:
        raise AssignmentError(f"{label} must be a whole number.") from None
    if not minimum <= number <= maximum:
        raise AssignmentError(f"{label} must be between {minimum} and {maximum}.")
    return number


def create_assignment(classroom: Classroom, article: Article, data: AssignmentInput) -> Assignment:
    """Check the settings and create the assignment; raise AssignmentError with a readable message.

    Only approved questions of ``article`` can be chosen; with no choice, all approved ones are used.
    ``pool_draw`` N means each learner gets N questions drawn from the chosen ones.
    """
    approved = approved_questions(article)
    approved_ids = [q.id for q in approved]
    if not approved_ids:
        raise AssignmentError("This article has no approved questions yet: approve some on its review page.")
    chosen = [int(i) for i in (data.question_ids or [])]
    unknown = [i for i in chosen if i not in approved_ids]
    if unknown:
        raise AssignmentError("Only approved questions of this article can be set.")
    ordered = [i for i in approved_ids if i in set(chosen)] if chosen else approved_ids
    quizzable = sum(1 for q in approved if q.id in set(ordered) and q.qtype in QUIZ_TYPES)
    if str(data.pool_draw or "").strip() and not quizzable:
        raise AssignmentError("Flashcards are not drawn from a pool: leave questions per learner empty.")
    # A pool draws graded questions only: flashcards go to every learner's deck, not into the draw.
    pool_draw = _int(data.pool_draw, "Questions per learner", 1, max(quizzable, 1))
    if pool_draw == quizzable:
        pool_draw = None
    if data.mode not in ASSIGNMENT_MODES:
        raise AssignmentError("Mode must be practice or test.")
    opens_at = parse_local_datetime(data.opens_at, "Opens")
    due_at = parse_local_datetime(data.due_at, "Due")
    if opens_at and due_at and due_at <= opens_at:
        raise AssignmentError("The due date must be after the opening date.")
    title = " ".join((data.title or "").split()) or article.title or "Untitled assignment"
    if len(title) > MAX_TITLE:
        raise AssignmentError(f"Titles can have at most {MAX_TITLE} characters.")
    assignment = Assignment(
        classroom_id=classroom.id,
        article_id=article.id,
        title=title,
        question_ids=ordered,
        pool_draw=pool_draw,
        opens_at=opens_at,
        due_at=due_at,
        mode=data.mode,
        attempts_allowed=_int(data.attempts_allowed, "Attempts allowed", 0, MAX_ATTEMPTS, default=1),
        shuffle=bool(data.shuffle),
    )
    db.session.add(assignment)
    db.session.commit()
    return assignment


def owned_assignment(teacher, assignment_id: int) -> Assignment | None:
    """The assignment if it belongs to one of ``teacher``'s classes, else None."""
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or assignment.classroom.teacher_id != teacher.id:
        return None
    return assignment


def class_assignments(classroom: Classroom) -> list[Assignment]:
    """The class's assignments, soonest due first (undated last)."""
    rows = db.session.scalars(select(Assignment).where(Assignment.classroom_id == classroom.id))
    far = datetime.max.replace(tzinfo=UTC)
    return sorted(rows, key=lambda a: (a.due_at or far, a.id))


def questions_per_learner(assignment: Assignment) -> int:
    """How many graded questions a learner starting now gets: the pool draw, or every approved quiz
    question of the assignment (flashcards are self-rated review cards, never graded)."""
    quizzable = len(quiz_question_ids(assignment))
    return min(assignment.pool_draw or quizzable, quizzable)


def delete_assignment(assignment: Assignment) -> None:
    """Delete the assignment together with its attempts and responses."""
    db.session.delete(assignment)
    db.session.commit()
