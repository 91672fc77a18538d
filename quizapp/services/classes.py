"""A teacher's classes: creating them, their join codes, rosters and desired retention."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Assignment, Classroom, Enrolment, User
from ..models.classroom import new_join_code

MIN_RETENTION, MAX_RETENTION = 0.70, 0.99
MAX_NAME = 120


class ClassError(ValueError):
    """A change to a class that cannot be made; the message is safe to show."""


def owned_class(teacher: User, class_id: int) -> Classroom | None:
    """The class ``class_id`` if ``teacher`` runs it, else None (so another teacher's id reads as absent)."""
    classroom = db.session.get(Classroom, class_id)
    if classroom is None or classroom.teacher_id != teacher.id:
        return None
    return classroom


def list_classes(teacher: User) -> list[tuple[Classroom, int, int]]:
    """The teacher's classes with their learner and assignment counts, newest first."""
    learners = (
        select(func.count(Enrolment.id)).where(Enrolment.classroom_id == Classroom.id).scalar_subquery()
    )
    assignments = (
        select(func.count(Assignment.id)).where(Assignment.classroom_id == Classroom.id).scalar_subquery()
    )
    rows = db.session.execute(
        select(Classroom, learners, assignments)
        .where(Classroom.teacher_id == teacher.id)
        .order_by(Classroom.created_at.desc(), Classroom.id.desc())
    )
    return [(c, n_learners, n_assignments) for c, n_learners, n_assignments in rows]


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ClassError("Give the class a name.")
    if len(name) > MAX_NAME:
        raise ClassError(f"Class names can have at most {MAX_NAME} characters.")
    return name


def parse_retention(value) -> float:
    """A desired retention from a form value such as "0.9" or "90" (percent); raise ClassError if invalid."""
    try:
        number = float(str(value).strip().rstrip("%"))
    except (TypeError, ValueError):
        raise ClassError("Desired retention must be a number between 0.70 and 0.99.") from None
    if number > 1:
        number /= 100
    if not MIN_RETENTION <= round(number, 4) <= MAX_RETENTION:
        raise ClassError("Desired retention must be between 0.70 and 0.99 (70% to 99%).")
    return round(number, 4)


def create_class(teacher: User, name: str, desired_retention=0.9) -> Classroom:
    """Create and commit a class run by ``teacher`` with a fresh join code."""
    classroom = Classroom(
        teacher_id=teacher.id, name=_clean_name(name), desired_retention=parse_retention(desired_retention)
    )
    db.session.add(classroom)
    _commit_with_unique_code(classroom)
    return classroom


def update_class(classroom: Classroom, name: str, desired_retention) -> Classroom:
    """Rename the class and set its desired retention (0.70-0.99)."""
    classroom.name = _clean_name(name)
    classroom.desired_retention = parse_retention(desired_retention)
    db.session.commit()
    return classroom


def regenerate_join_code(classroom: Classroom) -> str:
    """Give the class a new join code; the old one stops working at once."""
    classroom.join_code = new_join_code()
    _commit_with_unique_code(classroom)
    return classroom.join_code


def _commit_with_unique_code(classroom: Classroom) -> None:
    for _ in range(5):  # a clash among 32^8 codes is rare; retry with a new one
        try:
            db.session.commit()
            return
        except IntegrityError:
            db.session.rollback()
            db.session.add(classroom)
            classroom.join_code = new_join_code()
    raise ClassError("Could not find a free join code; please try again.")


def roster(classroom: Classroom) -> list[tuple[User, Enrolment]]:
    """The class's learners with their enrolments, by name."""
    rows = db.session.execute(
        select(User, Enrolment)
        .join(Enrolment, Enrolment.user_id == User.id)
        .where(Enrolment.classroom_id == classroom.id)
        .order_by(func.lower(User.name), User.id)
    )
    return [(user, enrolment) for user, enrolment in rows]


def remove_learner(classroom: Classroom, user_id: int) -> bool:
    """Take a learner out of the class (their past attempts stay); False if they were not in it."""
    result = db.session.execute(
        delete(Enrolment).where(Enrolment.classroom_id == classroom.id, Enrolment.user_id == user_id)
    )
    db.session.commit()
    return result.rowcount > 0
