"""Learners joining classes, and what their classes decide for them (desired retention)."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .. import srs
from ..extensions import db
from ..models import Classroom, Enrolment, User

_NOT_CODE = re.compile(r"[^A-Z0-9]")


class JoinError(ValueError):
    """A join code that cannot be used; the message is safe to show."""


def normalize_code(code: str) -> str:
    """A join code as stored: upper case, without spaces or dashes."""
    return _NOT_CODE.sub("", (code or "").upper())[:16]


def find_class_by_code(code: str) -> Classroom | None:
    """The class whose join code is ``code`` (typed loosely), if any."""
    code = normalize_code(code)
    if not code:
        return None
    return db.session.scalar(select(Classroom).where(Classroom.join_code == code))


def join_class(user: User, code: str) -> tuple[Classroom, bool]:
    """Enrol ``user`` in the class with ``code``; return it and whether the user was newly enrolled."""
    classroom = find_class_by_code(code)
    if classroom is None:
        raise JoinError("No class has that code. Check it with your teacher and try again.")
    if classroom.teacher_id == user.id:
        raise JoinError("You teach this class, so you cannot join it as a learner.")
    if is_enrolled(user.id, classroom.id):
        return classroom, False
    db.session.add(Enrolment(classroom_id=classroom.id, user_id=user.id))
    try:
        db.session.commit()
    except IntegrityError:  # the same join sent twice at once: the other request enrolled us
        db.session.rollback()
        return classroom, False
    return classroom, True


def is_enrolled(user_id: int, classroom_id: int) -> bool:
    """Whether the user is a learner of the class."""
    found = db.session.scalar(
        select(Enrolment.id).where(Enrolment.user_id == user_id, Enrolment.classroom_id == classroom_id)
    )
    return found is not None


def classes_of(user_id: int) -> list[Classroom]:
    """The classes the user has joined, by name."""
    return list(
        db.session.scalars(
            select(Classroom)
            .join(Enrolment, Enrolment.classroom_id == Classroom.id)
            .where(Enrolment.user_id == user_id)
            .order_by(Classroom.name, Classroom.id)
        )
    )


def desired_retention_of(user_id: int) -> float:
    """The desired retention scheduling the user's cards: the highest among their classes (0.9 alone)."""
    values = db.session.scalars(
        select(Classroom.desired_retention)
        .join(Enrolment, Enrolment.classroom_id == Classroom.id)
        .where(Enrolment.user_id == user_id)
    )
    return srs.desired_retention_for(values)
