"""Deciding whether a learner's answer to a question is right: lenient on form, strict on facts.

Typed answers (short_answer, cloze) forgive case, accents, punctuation, a leading article, the way a
number is written ("9,000" = "9000" = "nine thousand") and small typos in long words. They never accept
a different number or a different word: numbers must be equal, and only words of six letters or more
that start with the same letter may differ by one edit (two from ten letters).
Matching is graded pair by pair; the answer is right only when every pair is.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

TYPED = ("short_answer", "cloze")
CHOICE = ("mcq", "true_false")
MAX_ANSWER_CHARS = 2000

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}  # fmt: skip
_ORDINALS = {"first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th",
             "sixth": "6th", "seventh": "7th", "eighth": "8th", "ninth": "9th", "tenth": "10th"}  # fmt: skip
_LEADING_ARTICLES = {"the", "a", "an"}
_JOINERS = {"and"}
_CURRENCY_WORDS = {"dollar", "dollars", "usd", "euro", "euros", "eur", "pound", "pounds", "gbp"}
_DIGIT_GROUPS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_ORDINAL_SUFFIX = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_NON_WORD = re.compile(r"[^\w\s.]|_")
_STRAY_DOTS = re.compile(r"(?<!\d)\.|\.(?!\d)")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    # dotless ı has no decomposition; "AI" typed for "Aı" (or "ISTANBUL" for "Istanbul") must still match
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().replace("ı", "i")


def _format_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _words_to_numbers(tokens: list[str]) -> list[str]:
    """Replace number words and "12 million"-style phrases with their digits."""
    out: list[str] = []
    total, current, in_number = 0.0, 0.0, False

    def flush() -> None:
        nonlocal total, current, in_number
        if in_number:
            out.append(_format_number(total + current))
        total, current, in_number = 0.0, 0.0, False

    for i, token in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if token in _UNITS:
            unit = _UNITS[token]
            if in_number and current % 100 and (current % 10 or unit >= 10):
                flush()  # "one two", "twenty thirty": separate numbers
            current += unit
            in_number = True
        elif _NUMBER.match(token) and not in_number:
            current, in_number = float(token), True
        elif token in _SCALES:
            if not in_number and out[-1:] == ["a"]:  # "a hundred", "a million"
                out.pop()
                current, in_number = 1.0, True
            if not in_number:
                out.append(token)
                continue
            if _SCALES[token] == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * _SCALES[token]
                current = 0.0
        elif token in _JOINERS and in_number and nxt in _UNITS:
            continue  # "one hundred and five"
        else:
            flush()
            out.append(token)
    flush()
    return out


def answer_tokens(text: str) -> list[str]:
    """The words of an answer in canonical form: folded, numbers as digits, no leading article."""
    text = _fold(text)[:MAX_ANSWER_CHARS]
    text = text.replace("%", " percent ").replace("&", " and ").replace("'", "").replace("\u2019", "")
    text = _DIGIT_GROUPS.sub("", text)
    text = _NON_WORD.sub(" ", text)
    text = _STRAY_DOTS.sub("", text)  # "U.S." = "US"
    tokens = []
    for token in text.split():
        ordinal = _ORDINAL_SUFFIX.match(token)
        tokens.append(_ORDINALS.get(token, ordinal.group(0) if ordinal else token))
    tokens = _words_to_numbers(tokens)
    tokens = [_format_number(float(t)) if _NUMBER.match(t) else t for t in tokens]
    tokens = [
        t for i, t in enumerate(tokens) if not (t in _CURRENCY_WORDS and i and _is_number(tokens[i - 1]))
    ]
    while len(tokens) > 1 and tokens[0] in _LEADING_ARTICLES:
        tokens = tokens[1:]
    return tokens


def normalize_answer(text: str) -> str:
    """Lower-case, strip accents, punctuation, leading articles and extra spaces; numbers as digits."""
    return " ".join(answer_tokens(text))


def _is_number(token: str) -> bool:
    return bool(_NUMBER.match(token) or _ORDINAL_SUFFIX.match(token))


def _token_close(wanted: str, given: str) -> bool:
    if wanted == given:
        return True
    if _is_number(wanted) or _is_number(given) or wanted[0] != given[0]:
        return False
    length = len(wanted)
    allowed = 2 if length >= 10 else 1 if length >= 6 else 0
    return allowed > 0 and OSA.distance(wanted, given, score_cutoff=allowed) <= allowed


def typed_answer_matches(key: str, given: str) -> bool:
    """Whether ``given`` says ``key``: equal after normalising, or one small typo in a long word."""
    wanted, got = answer_tokens(key), answer_tokens(given)
    if not wanted or not got:
        return False
    if wanted == got:
        return True
    if len(wanted) != len(got):
        return False
    return all(_token_close(w, g) for w, g in zip(wanted, got, strict=True))


def _choice_text(text: str) -> str:
    return " ".join(_fold(text).split())


@dataclass(frozen=True)
class PairResult:
    left: str
    given: str
    right: str
    correct: bool


@dataclass(frozen=True)
class Grade:
    correct: bool
    score: float  # 0..1: the share of matching pairs right; 0 or 1 for the other types
    pairs: list[PairResult] = field(default_factory=list)


def matching_key(answer: str, choices: list | None) -> list[tuple[str, str]]:
    """The correct (left, right) pairs: from ``choices`` when stored, else parsed from "l = r; ..."."""
    pairs = [
        (str(c.get("left", "")), str(c.get("right", "")))
        for c in choices or []
        if isinstance(c, dict) and c.get("left")
    ]
    if pairs:
        return pairs
    parsed = []
    for part in (answer or "").split(";"):
        left, sep, right = part.partition("=")
        if sep and left.strip():
            parsed.append((left.strip(), right.strip()))
    return parsed


def parse_matching_given(given: str) -> dict[str, str]:
    """The pairs a learner gave, stored as JSON ``{"left": "right", ...}``; {} when malformed."""
    try:
        data = json.loads(given or "{}")
    except (ValueError, TypeError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str | int | float)}


def grade_matching(answer: str, choices: list | None, given: str) -> Grade:
    """Grade a matching answer pair by pair."""
    key = matching_key(answer, choices)
    given_pairs = {_choice_text(k): v for k, v in parse_matching_given(given).items()}
    results = []
    for left, right in key:
        chosen = given_pairs.get(_choice_text(left), "")
        results.append(PairResult(left, chosen, right, _choice_text(chosen) == _choice_text(right)))
    right_count = sum(r.correct for r in results)
    score = right_count / len(results) if results else 0.0
    return Grade(bool(results) and right_count == len(results), score, results)


def grade(qtype: str, answer: str, accepted: list | None, given: str, choices: list | None = None) -> Grade:
    """Grade ``given`` for a question of ``qtype`` whose key is ``answer`` (with ``accepted`` variants)."""
    if qtype == "matching":
        return grade_matching(answer, choices, given)
    if qtype in CHOICE:
        ok = bool((given or "").strip()) and _choice_text(given) == _choice_text(answer)
        return Grade(ok, float(ok))
    if qtype in TYPED:
        keys = [k for k in [answer, *(accepted or [])] if isinstance(k, str) and k.strip()]
        ok = any(typed_answer_matches(k, given) for k in keys)
        return Grade(ok, float(ok))
    return Grade(False, 0.0)  # flashcards are rated by the learner, not graded


def is_correct(
    qtype: str, answer: str, accepted: list | None, given: str, choices: list | None = None
) -> bool:
    """Whether ``given`` answers a question of type ``qtype`` whose key is ``answer``."""
    return grade(qtype, answer, accepted, given, choices).correct
