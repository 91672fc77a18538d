"""The last gate: drop any question whose strings or options fail a check a careful teacher would make."""

from __future__ import annotations

import functools
import re

from .distractors import is_variant
from .model import Candidate
from .render import BLANK

_LEADING_REFERENCE = re.compile(r"^(he|she|it|they|this|these|those|there|that|his|her|its|their)\b", re.I)
_QUOTE_PAIRS = (("“", "”"), ("‘", "’"), ("(", ")"), ("[", "]"))


def text_ok(text: str) -> bool:
    """A shown string is clean: no double spaces, balanced quotes and brackets, no "the the"."""
    if not text or text != text.strip() or "  " in text or "\n" in text:
        return False
    if text.count('"') % 2:
        return False
    for left, right in _QUOTE_PAIRS:
        if left == "‘":
            # A closing single quote doubles as an apostrophe; only count opening ones.
            if text.count(left) > text.count(right):
                return False
            continue
        if text.count(left) != text.count(right):
            return False
    if re.search(r"\b(\w+) \1\b", text, re.I) and not re.search(r"\b(that that|had had)\b", text, re.I):
        return False
    return not re.search(r"\s[,.;:?!]|,,|\.\.(?!\.)|\?\.|_{6,}", text)


def mentions(text: str, phrase: str) -> bool:
    """Whole-word, case-insensitive containment."""
    return bool(phrase) and phrase.lower() in text.lower() and _word_pattern(phrase).search(text) is not None


@functools.lru_cache(maxsize=4096)
def _word_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", re.I)


def options_ok(options: list[str], answer: str) -> bool:
    """Four distinct options, exactly one the answer, none a variant of another, no case or length cue."""
    if len(options) != 4 or len(set(options)) != 4 or options.count(answer) != 1:
        return False
    for i, a in enumerate(options):
        for b in options[i + 1 :]:
            if is_variant(a, b):
                return False
    if len({o[:1].isupper() for o in options}) != 1:
        return False
    lengths = sorted(len(o) for o in options)
    others = [len(o) for o in options if o != answer]
    return not (len(answer) > 1.8 * max(others) + 2 or lengths[-1] > 3 * lengths[0] + 6)


def valid(c: Candidate, article_text: str) -> bool:
    """True when a candidate passes every check for its type."""
    if article_text[c.span[0] : c.span[1]].strip() != article_text[c.span[0] : c.span[1]]:
        return False
    starts_ok = (
        c.prompt[:1].isupper()
        or c.prompt.startswith(BLANK)
        or c.prompt[:1] in '“"'
        and c.prompt[1:2].isupper()
    )
    if not text_ok(c.prompt) or not starts_ok or _LEADING_REFERENCE.match(c.prompt):
        return False
    if not c.answer or not text_ok(c.answer) or len(c.prompt.split()) > 48:
        return False
    if re.search(r"\b[A-Z][a-z]+s [“\"][a-z]+ to\b", c.prompt):
        return False  # 'thanked Democratic Senators “commitment to ...': the source lost its possessive
    if re.search(r"\b(has|have|had) (since )?been \w+ed\b[^.]* and being\b", c.prompt):
        return False  # "has since been reassigned ... and being investigated": the source's slip
    if re.search(r"\b(in|of|to|for|with|on|at|from|by|into) (and|or)\b|\beach others[’']", c.prompt):
        return False  # "the attacks in and an immediate ...", "each others' offices": the source's slips
    if c.qtype in ("mcq", "short_answer", "flashcard") and not c.prompt.endswith("?"):
        if not (c.qtype == "mcq" and BLANK in c.prompt and c.prompt.endswith(".")):
            return False
    if c.qtype in ("mcq", "short_answer") and BLANK not in c.prompt and len(c.prompt.split()) > 32:
        return False
    if c.qtype != "matching" and len(c.prompt.split()) > 40:
        return False
    if c.qtype in ("cloze", "true_false") and not c.prompt.rstrip('"”’').endswith((".", "?", "!")):
        return False
    if re.search(r"_____[A-Za-z]|[A-Za-z]_____", c.prompt):
        return False
    if c.qtype == "cloze" and (
        c.prompt.count(BLANK) != 1 or c.choices and not options_ok(c.choices, c.answer)
    ):
        return False
    if c.qtype == "mcq" and not options_ok(c.choices, c.answer):
        return False
    if c.qtype == "true_false":
        return c.answer in ("True", "False") and c.choices == ["True", "False"]
    if c.qtype == "matching":
        return all(text_ok(p["left"]) and text_ok(p["right"]) for p in c.choices)
    # A self-rated card may carry a clause on its back ("After the inspector general brought ..."); an
    # answer to type or pick stays short.
    longest = 25 if c.qtype == "flashcard" and c.extra.get("phrase") else 10
    if c.qtype != "matching" and len(c.answer.split()) > longest:
        return False
    # A word of the same stem gives a one-word answer away ("yield any _____ ... territorial integrity").
    if " " not in c.answer and len(c.answer) >= 5 and c.qtype in ("cloze", "mcq", "short_answer"):
        stem = c.answer[:5].lower()
        if any(w.lower().startswith(stem) for w in re.findall(r"[A-Za-z]+", c.prompt)):
            return False
    # The answer must not be sitting in the question.
    return not any(len(a) > 2 and mentions(c.prompt, a) for a in {c.answer, *c.accepted})
