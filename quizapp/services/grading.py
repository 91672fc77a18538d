"""Deciding whether a learner's answer to a question is right."""

from __future__ import annotations

import re
import unicodedata

_ARTICLES = re.compile(r"^(the|a|an)\s+")
_NON_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def normalize_answer(text: str) -> str:
    """Lower-case, strip accents, punctuation, leading articles and extra spaces."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _NON_WORD.sub(" ", text.replace(",", ""))
    text = _SPACES.sub(" ", text).strip()
    return _ARTICLES.sub("", text)


def is_correct(qtype: str, answer: str, accepted: list[str], given: str) -> bool:
    """Whether ``given`` answers a question of type ``qtype`` whose key is ``answer``."""
    if qtype in ("mcq", "true_false"):
        return (given or "").strip() == (answer or "").strip()
    wanted = {normalize_answer(a) for a in [answer, *(accepted or [])] if a}
    return normalize_answer(given) in wanted
