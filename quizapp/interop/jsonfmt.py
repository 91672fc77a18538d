"""The engine's own JSON schema, for exchange with other quizapp installations and scripts."""

from __future__ import annotations

import json
from typing import Any

from .items import FormatError, Item, check_item, item_from_engine


def write_json(items: list[Item], article: dict[str, Any] | None = None) -> str:
    """``{"article": {...}, "generator": {...}, "questions": [...]}`` as the engine emits it."""
    questions = [
        {
            "id": item.ref,
            "type": item.qtype,
            "prompt": item.prompt,
            "answer": item.answer,
            "accepted": list(item.accepted),
            "choices": list(item.choices),
            "evidence": {"text": item.evidence},
        }
        for item in items
    ]
    doc = {
        "article": article or {},
        "generator": {"name": "quizapp-export", "version": "1"},
        "questions": questions,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def read_json(text: str) -> list[Item]:
    """Questions from a document in the engine's schema; raises :class:`FormatError` on bad input."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"not valid JSON ({exc.msg})", f"line {exc.lineno}") from None
    questions = doc.get("questions") if isinstance(doc, dict) else None
    if not isinstance(questions, list):
        raise FormatError('expected an object with a "questions" list')
    items = []
    for n, q in enumerate(questions):
        where = f"questions[{n}]"
        if not isinstance(q, dict) or "type" not in q or "prompt" not in q:
            raise FormatError("each question needs at least a type and a prompt", where)
        items.append(check_item(item_from_engine(q), where))
    return items
