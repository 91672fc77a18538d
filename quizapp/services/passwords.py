"""Password rules: long enough and not guessable (common passwords, the user's own name or e-mail)."""

from __future__ import annotations

from zxcvbn import zxcvbn

MIN_PASSWORD_LENGTH = 12
MIN_STRENGTH = 3  # zxcvbn's 0-4 scale; 3 = "safely unguessable" against online and slow-hash attacks
_MAX_CHECKED = 128  # zxcvbn's cost grows with length; a longer passphrase is judged on its first part


def password_problem(password: str, *, email: str = "", name: str = "") -> str | None:
    """Why ``password`` is refused, in words for the user, or None when it is acceptable."""
    password = password or ""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Passwords need at least {MIN_PASSWORD_LENGTH} characters."
    inputs = [part for part in [email, name, *(email or "").split("@"), *(name or "").split()] if part]
    result = zxcvbn(password[:_MAX_CHECKED], user_inputs=inputs)
    if result["score"] >= MIN_STRENGTH:
        return None
    warning = result["feedback"].get("warning") or "This password is too easy to guess."
    return f"{warning} Try a few unrelated words together."
