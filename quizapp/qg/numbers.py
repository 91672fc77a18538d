"""Numeric and date keys: the informative core of a number mention, and same-format variants of it."""

from __future__ import annotations

import random
import re

QUALIFIERS = re.compile(
    r"^(?:the\s+)?(?:remaining\s+|an?\s+estimated\s+|estimated\s+|nearly\s+|almost\s+|about\s+|around\s+|"
    r"roughly\s+|approximately\s+|at\s+least\s+|more\s+than\s+|less\s+than\s+|fewer\s+than\s+|over\s+|"
    r"some\s+|up\s+to\s+|only\s+|just\s+|another\s+|as\s+(?:many|much|few|little)\s+as\s+)*",
    re.I,
)
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH_ABBR = {m[:3]: i for i, m in enumerate(MONTHS)}
_WEEKDAYS = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b", re.I)
_VAGUE = re.compile(
    r"\b(today|yesterday|tomorrow|tonight|week|weekend|recent|earlier|later|ago|this|last|"
    r"next|past|decades?|years?|months?|days?|hours?|morning|afternoon|evening|night)\b",
    re.I,
)
_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
_NUM = re.compile(r"(?P<pre>[$€£]?)(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?P<post>.*)$", re.S)


def number_core(text: str) -> tuple[str, str]:
    """Split a number mention into (qualifier prefix kept in the prompt, key core)."""
    m = QUALIFIERS.match(text)
    prefix = text[: m.end()] if m else ""
    return prefix, text[len(prefix) :].strip()


def is_testable_number(core: str, context: str) -> bool:
    """A number worth asking about: has digits or a number word, and is not an age or a label."""
    if not core or len(core.split()) > 5:
        return False
    if re.search(r"\b(years? old|aged?)\b", context, re.I):
        return False
    if re.fullmatch(r"\d+-\d+", core):
        return True
    if re.search(r"\d\s*[-–]\s*\d", core):
        return False  # a range ("24-48 hours"): variants of it read oddly
    if _NUM.match(core):
        return True
    return core.lower().split()[0] in _WORDS


def is_testable_date(text: str) -> bool:
    """A date worth asking about: names a month or a year, and is not a weekday or a relative phrase."""
    if _WEEKDAYS.search(text) or re.search(r"\b(today|yesterday|tomorrow)\b", text, re.I):
        return False
    has_month = any(re.search(rf"\b{m[:3]}", text) for m in MONTHS)
    has_year = re.search(r"\b(1[89]\d\d|20\d\d)s?\b", text) is not None
    if not (has_month or has_year) or re.search(r"\d\s*[-–]\s*\d", text):
        return False
    return not (_VAGUE.search(text) and not has_year and not re.search(r"\d", text))


_BOUNDS = {"states": 50, "justices": 9, "senators": 100, "months": 12, "continents": 7}


def _bound(core: str, context: str) -> int | None:
    """The most there can be of what the number counts, for the few things with a known number."""
    words = re.findall(r"[a-z]+", f"{core} {context}".lower())
    return next((n for w, n in _BOUNDS.items() if w in words), None)


def number_variants(core: str, rng: random.Random, count: int = 3, context: str = "") -> list[str]:
    """Plausible wrong values in the same format and unit as ``core`` (never equal to it)."""
    score = re.fullmatch(r"(\d+)-(\d+)", core)
    if score:
        a, b = int(score.group(1)), int(score.group(2))
        total = a + b
        hi, lo = max(a, b), min(a, b)
        outs = [(hi - s, lo + s) for s in (12, 31, 57, 80) if hi - s > lo + s]
        if len(outs) < count:  # a close or small vote ("5-4" of nine justices): wider margins instead
            outs = [(hi + s, lo - s) for s in (1, 2, 3, 4) if lo - s >= 0][:count]
        # Keep the key's order (winner first or not) so no option stands out as reversed.
        texts = [f"{x}-{y}" if a >= b else f"{y}-{x}" for x, y in outs]
        return [t for t in texts if sum(map(int, t.split("-"))) == total][:count]
    low = core.split()[0].lower() if core.split() else ""
    if low in _WORDS:
        rest = core[len(low) :]
        i = _WORDS.index(low)
        picks = [w for w in _WORDS if w != low and abs(_WORDS.index(w) - i) <= 4]
        word = core.split()[0]
        return [(p.capitalize() if word[0].isupper() else p) + rest for p in picks[:count]]
    m = _NUM.match(core)
    if not m:
        return []
    raw = m.group("num")
    value = float(raw.replace(",", ""))
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    is_percent = "percent" in core or "%" in core
    factors = [0.5, 1.5, 2.0, 0.75, 3.0, 4.0] if value >= 10 else [2.0, 3.0, 0.5, 4.0, 5.0]
    # No option past what the thing can number: 100 percent, 50 states, nine justices.
    bound = 100 if is_percent else _bound(core, context)
    if bound:
        factors = [f for f in factors + [0.6, 0.8, 0.4, 1.1] if value * f <= bound]
    out: list[str] = []
    for f in factors:
        new = _nice(value * f, raw, decimals)
        if new is None or new == raw:
            continue
        text = f"{m.group('pre')}{new}{m.group('post')}"
        if value == 1 and text.endswith("s") is False:
            continue
        if text not in out:
            out.append(text)
        if len(out) == count:
            break
    return out


def _nice(value: float, raw: str, decimals: int) -> str | None:
    if value <= 0:
        return None
    if decimals:
        return f"{value:.{decimals}f}"
    # As many significant digits as the key: 46 gets 23, 69, 92 (not 20, 70, 90, which would single it out).
    digits = max(1, len(raw.replace(",", "").split(".")[0].rstrip("0")))
    magnitude = len(str(int(value))) - digits
    rounded = int(round(value, -magnitude)) if magnitude > 0 else int(round(value))
    if rounded <= 0:
        return None
    return f"{rounded:,}" if "," in raw or (rounded >= 10000 and len(raw) > 4) else str(rounded)


def date_variants(text: str, rng: random.Random, count: int = 3) -> list[str]:
    """Nearby dates written in the same format as ``text``."""
    out: list[str] = []
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b", text)
    day = re.search(r"\b([0-3]?\d)\b(?!\d)", text)
    month = next(((m, i) for m, i in _MONTH_ABBR.items() if re.search(rf"\b{m}", text)), None)
    if month and day and (not year or day.start() != year.start()):
        d = int(day.group(1))
        for shift in (7, -5, 12, -9, 3):
            nd = d + shift
            if 1 <= nd <= 28 and nd != d:
                out.append(text[: day.start()] + str(nd) + text[day.end() :])
    elif year:
        y = int(year.group(1))
        for shift in (-2, 1, 3, -4, 2):
            out.append(text[: year.start()] + str(y + shift) + text[year.end() :])
    elif month:
        abbr, i = month
        full = re.search(rf"\b{abbr}\w*\.?", text)
        if full:
            for shift in (2, -3, 4):
                name = MONTHS[(i + shift) % 12]
                word = full.group(0)
                repl = name[:3] + "." if word.endswith(".") else name
                out.append(text[: full.start()] + repl + text[full.end() :])
    rng.shuffle(out)
    return sorted(out[:count], key=out.index)
