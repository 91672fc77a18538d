"""Deciding whether a learner's answer to a question is right: lenient on form, strict on facts.

Typed answers (short_answer, cloze) forgive case, accents, punctuation, a leading article, the way a
number is written ("9,000" = "9000" = "nine thousand") and small typos. They never accept a different
number, name or word:

- numbers must be equal;
- a name (a capitalised word of the key) of six letters or more may only be misspelt in form: two
  neighbouring letters swapped ("Netanyhau"), a letter doubled or undoubled ("Witkof"), or, from eight
  letters, an inner vowel left out ("Washingtn"). A changed or added letter makes another name
  (Martin/Marvin, Carter/Carver, Johnson/Johnston), and so does a dropped consonant (Johnston/Johnson);
- other words of six letters or more that start with the same letter may differ by one edit (two from
  ten letters);
- a typo is never forgiven when what was typed is another word of the article (``known``): a name or
  word the article uses is a different answer, not a misspelling.

Matching is graded pair by pair; the answer is right only when every pair is.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

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
_RAW_WORD = re.compile(r"[\w'\u2019.]+")
_VOWELS = frozenset("aeiou")
NAME_TYPO_MIN = 6  # shorter names must be exact
NAME_VOWEL_DROP_MIN = 8  # an inner vowel may be left out of names this long
EMPTY: frozenset[str] = frozenset()


def _fold(text: str) -> str:
    # Case first: some letters fold to two ("ᾀ" to "ἀι", as its capital "ἈΙ" does), which decomposing
    # first would drop as a combining mark.
    text = unicodedata.normalize("NFKD", (text or "").casefold())
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


def _canonical_tokens(text: str) -> list[str]:
    text = _fold(text)
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
    return [t for i, t in enumerate(tokens) if not (t in _CURRENCY_WORDS and i and _is_number(tokens[i - 1]))]


def answer_tokens(text: str) -> list[str]:
    """The words of an answer in canonical form: folded, numbers as digits, no leading article."""
    tokens = _canonical_tokens((text or "")[:MAX_ANSWER_CHARS])
    while len(tokens) > 1 and tokens[0] in _LEADING_ARTICLES:
        tokens = tokens[1:]
    return tokens


def name_tokens(key: str) -> frozenset[str]:
    """The canonical forms of the key's capitalised words: the names a typo must not turn into others."""
    words = _RAW_WORD.findall((key or "")[:MAX_ANSWER_CHARS])
    return frozenset(t for w in words if w[:1].isupper() for t in _canonical_tokens(w))


@lru_cache(maxsize=32)
def known_words(text: str) -> frozenset[str]:
    """Every word of ``text`` (an article) in canonical form: answers a typo must never be read as."""
    return frozenset(_canonical_tokens(text or ""))


def normalize_answer(text: str) -> str:
    """Lower-case, strip accents, punctuation, leading articles and extra spaces; numbers as digits."""
    return " ".join(answer_tokens(text))


def _is_number(token: str) -> bool:
    return bool(_NUMBER.match(token) or _ORDINAL_SUFFIX.match(token))


def _form_typo(wanted: str, given: str) -> bool:
    """Whether ``given`` misspells the name ``wanted`` only in form (see the module's docstring)."""
    if len(given) == len(wanted):
        diff = [i for i, (a, b) in enumerate(zip(wanted, given, strict=True)) if a != b]
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and (wanted[diff[0]], wanted[diff[1]]) == (given[diff[1]], given[diff[0]])
        )
    longer, shorter = (wanted, given) if len(wanted) > len(given) else (given, wanted)
    if len(longer) != len(shorter) + 1:
        return False
    for i, letter in enumerate(longer):
        if longer[:i] + longer[i + 1 :] != shorter:
            continue
        if letter in longer[i - 1 : i] or letter in longer[i + 1 : i + 2]:
            return True  # a letter doubled or undoubled
        inner = 0 < i < len(longer) - 1
        if longer is wanted and letter in _VOWELS and inner and len(wanted) >= NAME_VOWEL_DROP_MIN:
            return True  # an inner vowel left out of a long name
    return False


def _plural_of(a: str, b: str) -> bool:
    return a in (b + "s", b + "es")


def _token_close(wanted: str, given: str, name: bool = False, known: frozenset[str] = EMPTY) -> bool:
    if wanted == given:
        return True
    if _is_number(wanted) or _is_number(given) or wanted[0] != given[0]:
        return False
    if name:
        if len(wanted) < NAME_TYPO_MIN or not _form_typo(wanted, given):
            return False
        return given not in known
    if given in known and not (_plural_of(given, wanted) or _plural_of(wanted, given)):
        return False  # another word of the article, not a typo
    length = len(wanted)
    allowed = 2 if length >= 10 else 1 if length >= 6 else 0
    return allowed > 0 and OSA.distance(wanted, given, score_cutoff=allowed) <= allowed


def typed_answer_matches(key: str, given: str, known: frozenset[str] = EMPTY) -> bool:
    """Whether ``given`` says ``key``: equal after normalising, or only misspelt in form.

    ``known`` holds the article's words (``known_words``): a typo that lands on one is another answer.
    """
    wanted, got = answer_tokens(key), answer_tokens(given)
    if not wanted or not got:
        return False
    if wanted == got:
        return True
    if len(wanted) != len(got):
        return False
    names = name_tokens(key)
    return all(_token_close(w, g, w in names, known) for w, g in zip(wanted, got, strict=True))


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


def grade(
    qtype: str,
    answer: str,
    accepted: list | None,
    given: str,
    choices: list | None = None,
    known: frozenset[str] = EMPTY,
) -> Grade:
    """Grade ``given`` for a question of ``qtype`` whose key is ``answer`` (with ``accepted`` variants).

    ``known`` is the article's words (``known_words``), so a typed answer that is another of them is
    never taken for a misspelt key.
    """
    if qtype == "matching":
        return grade_matching(answer, choices, given)
    if qtype in CHOICE:
        ok = bool((given or "").strip()) and _choice_text(given) == _choice_text(answer)
        return Grade(ok, float(ok))
    if qtype in TYPED:
        ok = any(typed_answer_matches(k, given, known) for k in _typed_keys(answer, accepted))
        return Grade(ok, float(ok))
    return Grade(False, 0.0)  # flashcards are rated by the learner, not graded


def is_correct(
    qtype: str,
    answer: str,
    accepted: list | None,
    given: str,
    choices: list | None = None,
    known: frozenset[str] = EMPTY,
) -> bool:
    """Whether ``given`` answers a question of type ``qtype`` whose key is ``answer``."""
    return grade(qtype, answer, accepted, given, choices, known).correct


def article_words_of(question) -> frozenset[str]:
    """The known words of the question's article (none when it has no article)."""
    article = getattr(question, "article", None)
    return known_words(article.text) if article is not None and article.text else EMPTY


def grade_question(question, given: str, qtype: str | None = None) -> Grade:
    """Grade ``given`` against a stored question: its key, accepted answers, pairs and article's words.

    ``qtype`` overrides the question's type (a flashcard written on paper is marked as a short answer).
    """
    q, kind = question, qtype or question.qtype
    if kind not in TYPED:  # a choice, pairs or a self-rated card: the article's words play no part
        return grade(kind, q.answer, q.accepted, given, q.choices)
    if _exactly_typed(q.answer, q.accepted, given):
        return Grade(True, 1.0)  # an exact answer needs no look at the article's words (nor its text)
    return grade(kind, q.answer, q.accepted, given, q.choices, article_words_of(q))


def _exactly_typed(answer: str, accepted: list | None, given: str) -> bool:
    got = answer_tokens(given)
    return bool(got) and any(answer_tokens(k) == got for k in _typed_keys(answer, accepted))


def _typed_keys(answer: str, accepted: list | None) -> list[str]:
    """The key and its accepted forms, blank ones left out."""
    return [k for k in [answer, *(accepted or [])] if isinstance(k, str) and k.strip()]
