"""Teacher accounts: invitation codes, signing up as a teacher, and an admin's role changes."""

from __future__ import annotations

import hmac

from sqlalchemy import select, update

from ..extensions import db
from ..models import User, utcnow
from ..models.user import ROLES, InviteCode
from .accounts import AccountError, create_user

BAD_CODE = "That invitation code is not valid (or was already used). Ask your school's admin for one."


def _matches_shared_code(code: str, shared_code: str) -> bool:
    return bool(shared_code) and hmac.compare_digest(code.encode(), shared_code.encode())


def signup_teacher(email: str, name: str, password: str, code: str, shared_code: str = "") -> User:
    """Create a teacher account if ``code`` is the shared code (``INVITE_CODE``) or an unused invite.

    A single-use invite is claimed with one conditional UPDATE, so two people cannot both use it;
    a wrong code raises AccountError and creates nothing.
    """
    code = (code or "").strip()
    if not code or len(code) > 64:
        raise AccountError(BAD_CODE)
    claimed = False
    if not _matches_shared_code(code, shared_code):
        result = db.session.execute(
            update(InviteCode)
            .where(InviteCode.code == code.upper(), InviteCode.used_at.is_(None))  # typed in any case
            .values(used_at=utcnow())
        )
        if result.rowcount != 1:
            db.session.rollback()
            raise AccountError(BAD_CODE)
        claimed = True
    try:
        user = create_user(email, name, password, role="teacher")  # commits the claim with the user
    except AccountError:
        db.session.rollback()
        raise
    if claimed:
        db.session.execute(
            update(InviteCode).where(InviteCode.code == code.upper()).values(used_by_id=user.id)
        )
        db.session.commit()
    return user


def create_invite(admin: User, note: str = "") -> InviteCode:
    """A new single-use teacher invitation code."""
    invite = InviteCode(created_by_id=admin.id, note=" ".join((note or "").split())[:200])
    db.session.add(invite)
    db.session.commit()
    return invite


def list_invites() -> list[tuple[InviteCode, str | None]]:
    """Every invitation code, newest first, with the e-mail of whoever used it."""
    rows = db.session.execute(
        select(InviteCode, User.email)
        .outerjoin(User, User.id == InviteCode.used_by_id)
        .order_by(InviteCode.created_at.desc(), InviteCode.id.desc())
    )
    return [(invite, email) for invite, email in rows]


def list_users(limit: int = 500) -> list[User]:
    """Users for the admin page: staff first, then by e-mail."""
    return list(
        db.session.scalars(select(User).order_by((User.role == "learner").asc(), User.email).limit(limit))
    )


def set_role(admin: User, user: User, role: str) -> None:
    """Change ``user``'s role; an admin cannot change their own (so the site never loses its last admin)."""
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}.")
    if user.id == admin.id:
        raise AccountError("You cannot change your own role.")
    user.role = role
    db.session.commit()
