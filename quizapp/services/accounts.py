"""Creating accounts and checking credentials."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import User
from ..models.user import ROLES, new_session_token
from .passwords import password_problem

# A real hash to compare against when the e-mail is unknown, so both failures take the same time.
_DUMMY_HASH = "scrypt:32768:8:1$2c6kC3wDxkGfGg0V$" + "0" * 128


class AccountError(ValueError):
    """A request about an account that cannot be carried out; the message is safe to show.

    ``field`` names the form field the message belongs to.
    """

    def __init__(self, message: str, field: str = "email"):
        super().__init__(message)
        self.field = field


def normalize_email(email: str) -> str:
    """The canonical form of an e-mail address used for lookups."""
    return (email or "").strip().lower()


def find_user_by_email(email: str) -> User | None:
    """The user with this e-mail address, if any."""
    return db.session.scalar(select(User).where(func.lower(User.email) == normalize_email(email)))


def create_user(email: str, name: str, password: str, role: str = "learner") -> User:
    """Create and commit a user; raise AccountError for a taken e-mail, a bad role or a short password."""
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}; choose one of {', '.join(ROLES)}.", field="role")
    email = normalize_email(email)
    problem = password_problem(password, email=email, name=name)
    if problem:
        raise AccountError(problem, field="password")
    if find_user_by_email(email) is not None:
        raise AccountError("An account with this e-mail address already exists.")
    user = User(email=email, name=(name or "").strip() or email.split("@")[0], role=role)
    user.set_password(password)
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError as exc:  # a concurrent sign-up with the same address won the race
        db.session.rollback()
        raise AccountError("An account with this e-mail address already exists.") from exc
    return user


def authenticate(email: str, password: str) -> User | None:
    """The user whose e-mail and password match, or None (without saying which part was wrong)."""
    user = find_user_by_email(email)
    if user is None:
        from werkzeug.security import check_password_hash

        check_password_hash(_DUMMY_HASH, password or "")
        return None
    return user if user.check_password(password or "") else None


def change_password(user: User, current: str, new: str) -> None:
    """Replace the user's password after checking the current one; every other session ends."""
    if not user.check_password(current or ""):
        raise AccountError("The current password is not right.", field="current")
    problem = password_problem(new, email=user.email, name=user.name)
    if problem:
        raise AccountError(problem, field="password")
    user.set_password(new)
    end_other_sessions(user)


def end_other_sessions(user: User) -> None:
    """Rotate the user's session token so every session cookie issued before now stops working."""
    user.session_token = new_session_token()
    db.session.commit()


def load_user_from_session(session_id: str) -> User | None:
    """The user a Flask-Login session id ("<id>:<token>") names, if the token is still current."""
    user_id, _, token = (session_id or "").partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_token != token:
        return None
    return user
