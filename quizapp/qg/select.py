"""Rank candidates and choose a default set: important facts first, mixed types, no giveaways."""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz import fuzz

from .article import Analysis
from .candidates import TYPE_CONFIDENCE
from .distractors import is_variant
from .model import Candidate
from .validate import mentions

_TYPE_SHARE = {
    "mcq": 0.35,
    "short_answer": 0.25,
    "cloze": 0.25,
    "true_false": 0.25,
    "flashcard": 0.2,
    "matching": 0.07,
}
_SEED_ORDER = ("short_answer", "mcq", "cloze")
MAX_DEFAULT = 40


def default_size(an: Analysis) -> int:
    """Questions in the default set: about one per 22 words, at least 8, at most ``MAX_DEFAULT``."""
    words = len(an.text.split())
    return max(8, min(MAX_DEFAULT, round(words / 22)))


def score(c: Candidate) -> float:
    """Final score in [0, 1]: the fact's importance times confidence in the question type."""
    return round(max(0.0, min(1.0, c.weight * TYPE_CONFIDENCE[c.qtype])), 4)


def visible(c: Candidate) -> str:
    """Everything a learner sees before answering (and, for cards and pairs, the backs too)."""
    parts = [c.prompt]
    if c.qtype in ("flashcard", "matching"):
        parts.append(c.answer)
    return " ".join(parts)


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # spaCy is loaded by then; keep import time light

    return frozenset(STOP_WORDS)


def _context_words(c: Candidate, common: set[str]) -> set[str]:
    words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", c.prompt)} - _stop_words()
    answer_words = {w.lower() for a in c.accepted for w in re.findall(r"[A-Za-z]+", a)}
    return (
        words
        - common
        - answer_words
        - {
            "which",
            "what",
            "when",
            "where",
            "according",
            "article",
            "complete",
            "sentence",
            "option",
            "completes",
            "does",
            "this",
        }
    )


def _pair_shown(pairs: list[dict], text: str) -> bool:
    """Whether ``text`` names a person of a matching set together with that person's role."""
    return any(mentions(text, p["left"].split()[-1]) and mentions(text, p["right"]) for p in pairs)


def leaks(a: Candidate, b: Candidate, common: set[str]) -> bool:
    """True when question ``b`` shows the answer of question ``a`` together with a's context."""
    if a.qtype in ("true_false", "matching") and a.qtype == b.qtype:
        return False
    if a.qtype == "matching":
        return _pair_shown(a.choices, visible(b))
    if b.qtype == "matching":
        # The pairs show each person with a role: a question asking for either half is given away.
        lefts = [p["left"] for p in b.choices]
        if any(is_variant(a.answer, x) for x in lefts) and _pair_shown(b.choices, a.prompt + " " + a.answer):
            return True
        return a.qtype == "flashcard" and a.target.startswith("role:")
    answers = [a.answer]
    if a.qtype == "true_false":
        return bool(a.shown & b.shown)
    shown = visible(b)
    if b.qtype == "true_false" and a.shown & b.shown:
        return True
    if not any(len(x) > 2 and mentions(shown, x) for x in answers + [x for x in a.accepted if len(x) > 3]):
        return False
    if a.shown & b.shown:
        return True
    context = a.extra.get("_context")
    if context is None:
        context = a.extra["_context"] = _context_words(a, common)
    overlap = context & {w.lower() for w in re.findall(r"[A-Za-z]{4,}", shown)}
    return len(overlap) >= max(2, 0.45 * len(context))


def choose(an: Analysis, cands: list[Candidate], limit: int | None) -> list[Candidate]:
    """Pick the default set (or ``limit`` questions) from validated candidates."""
    size = default_size(an) if limit is None else max(0, limit)
    ranked = sorted(cands, key=lambda c: (-score(c), c.sent, c.qtype, c.prompt))
    common = _common_words(an)
    chosen: list[Candidate] = []
    by_para: dict[int, list[Candidate]] = {}
    for c in ranked:
        by_para.setdefault(an.sentences[c.sent].para, []).append(c)
    # Cover the paragraphs in article order (the lead first) until the set is full.
    for para in sorted(by_para):
        if len(chosen) >= size:
            break
        if any(an.sentences[x.sent].para == para for x in chosen):
            continue
        best = next((c for c in by_para[para] if _fits(c, chosen, size, common)), None)
        if best is not None:
            chosen.append(best)
    for qtype in _SEED_ORDER:
        best = next((c for c in ranked if c.qtype == qtype and _fits(c, chosen, size, common)), None)
        if best is not None and len(chosen) < size:
            chosen.append(best)
    taken = {id(c) for c in chosen}
    # Two passes: a true/false statement skipped for balance may fit once a false one is in; then a
    # last pass lets the type shares stretch (by half) rather than leave good facts unasked.
    for stretch in (1.0, 1.0, 1.5):
        for c in ranked:
            if len(chosen) >= size:
                break
            if id(c) not in taken and _fits(c, chosen, size, common, stretch):
                chosen.append(c)
                taken.add(id(c))
    return sorted(chosen, key=lambda c: (-score(c), c.sent, c.qtype, c.prompt))


def _common_words(an: Analysis) -> set[str]:
    counts: Counter[str] = Counter()
    for s in an.sentences:
        counts.update({w.lower() for w in re.findall(r"[A-Za-z]{4,}", s.span.text)})
    limit = max(2, len(an.sentences) // 4)
    return {w for w, n in counts.items() if n > limit}


def _fits(c: Candidate, chosen: list[Candidate], size: int, common: set[str], stretch: float = 1.0) -> bool:
    types = Counter(x.qtype for x in chosen)
    cap = 1 if c.qtype == "matching" else max(1, round(_TYPE_SHARE[c.qtype] * size * stretch))
    if types[c.qtype] + 1 > cap:
        return False
    if c.qtype == "true_false":
        answers = Counter(x.answer for x in chosen if x.qtype == "true_false")
        if answers[c.answer] > answers["True" if c.answer == "False" else "False"]:
            return False
    same_sent = [x for x in chosen if x.shown & c.shown and x.qtype != "matching"]
    if len(same_sent) >= 2 or any(x.target == c.target for x in same_sent):
        return False
    if any(x.target == c.target and x.qtype == c.qtype == "flashcard" for x in chosen):
        return False
    same_answer = sum(1 for x in chosen if x.target.split(":", 1)[-1] == c.target.split(":", 1)[-1])
    # A person or place may be the answer twice (different facts); a body or term once.
    once = not c.target.startswith(("person:", "quote:", "place:"))
    if (same_answer >= 2 or same_answer and once) and c.qtype != "true_false":
        return False
    if any(
        x.answer == c.answer and _blank_context(x) and _blank_context(x) == _blank_context(c) for x in chosen
    ):
        return False  # "support for _____'s sovereignty" twice: the same fact from two sentences
    for x in chosen:
        if x.answer == c.answer and fuzz.token_set_ratio(x.prompt, c.prompt) >= 70:
            return False  # the same quotation or fact asked twice, from two places in the article
    return not any(leaks(c, x, common) or leaks(x, c, common) for x in chosen)


def _blank_context(c: Candidate) -> str:
    """The words right after the blank, which name what is being asked ("_____'s sovereignty")."""
    after = c.prompt.split("_____", 1)[1] if "_____" in c.prompt else ""
    return " ".join(re.findall(r"[\w']+", after)[:2]).lower()
