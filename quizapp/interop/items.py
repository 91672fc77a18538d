"""The neutral question record every reader returns and every writer takes, and its checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

BLANK = "_____"
QUESTION_TYPES = ("mcq", "true_false", "cloze", "short_answer", "flashcard", "matching")
TRUE_FALSE = ["True", "False"]


class FormatError(ValueError):
    """A file that cannot be read; ``where`` names the line or element at fault."""

    def __init__(self, message: str, where: str = ""):
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


@dataclass
class Item:
    """One question as the formats see it (the engine's schema, without scores and offsets).

    ``choices`` holds option strings, except for ``matching`` where it holds ``{"left", "right"}`` pairs.
    ``ref`` is a stable identifier of the source question (used for names, guids and idents).
    """

    qtype: str
    prompt: str
    answer: str
    accepted: list[str] = field(default_factory=list)
    choices: list[Any] = field(default_factory=list)
    ref: str = ""
    evidence: str = ""

    def fields(self) -> dict[str, Any]:
        """The fields a round trip through a format must keep."""
        return {
            "type": self.qtype,
            "prompt": self.prompt,
            "answer": self.answer,
            "choices": list(self.choices),
            "accepted": list(self.accepted),
        }


def matching_answer(pairs: list[dict[str, str]]) -> str:
    """The key of a matching question spelled out as the engine does: ``"left = right; ..."``."""
    return "; ".join(f"{p['left']} = {p['right']}" for p in pairs)


def matching_item(prompt: str, pairs: list[dict[str, str]], ref: str = "") -> Item:
    """A matching question built from its pairs, with the engine's answer and accepted forms."""
    answer = matching_answer(pairs)
    return Item("matching", prompt, answer, [answer], pairs, ref)


def check_item(item: Item, where: str = "") -> Item:
    """Return ``item`` if it is a complete question of a known type, else raise :class:`FormatError`."""
    if item.qtype not in QUESTION_TYPES:
        raise FormatError(
            f"unknown question type {item.qtype!r} (use one of {', '.join(QUESTION_TYPES)})", where
        )
    if not item.prompt.strip():
        raise FormatError("the question text is empty", where)
    if item.qtype == "matching":
        if len(item.choices) < 2 or not all(
            isinstance(p, dict) and str(p.get("left", "")).strip() and str(p.get("right", "")).strip()
            for p in item.choices
        ):
            raise FormatError("a matching question needs at least two complete pairs", where)
        return item
    if not item.answer.strip():
        raise FormatError("the answer is empty", where)
    if item.qtype == "mcq":
        if len(item.choices) < 2 or item.answer not in item.choices:
            raise FormatError(
                "a multiple-choice question needs two or more options, one of them the answer", where
            )
    if item.qtype == "true_false" and item.answer not in TRUE_FALSE:
        raise FormatError("a true/false answer must be True or False", where)
    if item.qtype == "cloze":
        if item.prompt.count(BLANK) != 1:
            raise FormatError(f"a cloze question needs exactly one blank ({BLANK}) in its text", where)
        if item.choices and item.answer not in item.choices:
            raise FormatError("the word bank of a cloze question must contain its answer", where)
    return item


def item_from_engine(question: dict[str, Any]) -> Item:
    """An :class:`Item` from one question of the engine's JSON schema."""
    evidence = question.get("evidence") or {}
    return Item(
        qtype=question["type"],
        prompt=question["prompt"],
        answer=question.get("answer", ""),
        accepted=list(question.get("accepted") or []),
        choices=list(question.get("choices") or []),
        ref=str(question.get("id", "")),
        evidence=evidence.get("text", "") if isinstance(evidence, dict) else "",
    )
