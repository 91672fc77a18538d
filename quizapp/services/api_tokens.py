"""Making, checking and revoking the tokens teachers use for the JSON API."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select, update

from ..extensions import db
from ..models import ApiToken, User
from ..models.types import utcnow

TOKEN_PREFIX = "qz_"  # noqa: S105 - a marker that starts every token, not a secret
MAX_ACTIVE_TOKENS = 20


class TokenError(ValueError):
    """A token request that cannot be carried out; the message is safe to show."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """Make a token for ``user``; return the stored row and the token text (shown once, never stored)."""
    name = (name or "").strip()[:100]
    if not name:
        raise TokenError("Give the token a name, such as the script that will use it.")
    if len(active_tokens(user)) >= MAX_ACTIVE_TOKENS:
        raise TokenError(f"You already have {MAX_ACTIVE_TOKENS} tokens; revoke one first.")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, name=name, token_hash=_digest(token), prefix=token[:10])
    db.session.add(row)
    db.session.commit()
    return row, token


def active_tokens(user: User) -> list[ApiToken]:
    """The user's tokens that still work, newest first."""
    return list(
        db.session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
            .order_by(ApiToken.id.desc())
        )
    )


def revoke_token(user: User, token_id: int) -> bool:
    """Revoke one of the user's own tokens; False when it is not theirs or already revoked."""
    result = db.session.execute(
        update(ApiToken)
        .where(ApiToken.id == token_id, ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    db.session.commit()
    return result.rowcount == 1


def user_for_token(token: str) -> User | None:
    """The teacher a presented token belongs to, if it is valid and not revoked; records its use."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    row = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(token)))
    if row is None or row.revoked_at is not None or not row.user.is_teacher:
        return None
    row.last_used_at = utcnow()
    db.session.commit()
    return row.user
