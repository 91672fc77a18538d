"""Reading a learner's answer out of a posted form, and the hidden fields every answer form carries."""

from __future__ import annotations

import json
import re
import uuid

from ...models.types import utcnow

MAX_ANSWER = 2000
MAX_RESPONSE_MS = 3 * 60 * 60 * 1000
_SUBMISSION_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def now_ms() -> int:
    """The server's clock in milliseconds, written into the page to time the answer without JS."""
    return int(utcnow().timestamp() * 1000)


def new_submission_id() -> str:
    """A fresh id for one answer form; sending the same form twice sends the same id."""
    return uuid.uuid4().hex


def submission_id(form) -> str | None:
    """The posted submission id if it is well formed."""
    value = (form.get("submission_id") or "").strip()
    return value if _SUBMISSION_ID.match(value) else None


def response_ms(form) -> int | None:
    """How long the learner looked at the question, from the time the page was rendered."""
    shown = form.get("shown_at", type=int)
    if shown is None:
        return None
    elapsed = now_ms() - shown
    return elapsed if 0 < elapsed < MAX_RESPONSE_MS else None


def given_answer(question, form, lefts: list[str] | None = None) -> str:
    """The learner's answer as stored: text, or for matching a JSON object of left -> chosen right."""
    if question.qtype == "matching":
        lefts = lefts if lefts is not None else [str(c.get("left", "")) for c in question.choices or []]
        pairs = {left: (form.get(f"pair-{i}") or "")[:MAX_ANSWER] for i, left in enumerate(lefts)}
        return json.dumps(pairs, ensure_ascii=False)
    return (form.get("answer") or "")[:MAX_ANSWER]


def has_answer(question, given: str) -> bool:
    """Whether anything was answered at all (an empty form is asked again, not graded)."""
    if question.qtype == "matching":
        return any(v.strip() for v in json.loads(given).values())
    return bool(given.strip())
