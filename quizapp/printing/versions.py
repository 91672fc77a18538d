"""Versions A, B, C...: the same questions in a shuffled order with shuffled options, and their keys.

Every shuffle is seeded by the scope (``article-12``, ``assignment-5``), the version letter and the
question, so a version prints the same every time and its key always matches it.
"""

from __future__ import annotations

import random
import re
import string
from dataclasses import dataclass, field

from ..interop.items import BLANK, Item

LETTERS = string.ascii_uppercase
MAX_VERSIONS = 8
SECTION_ORDER = ("mcq", "true_false", "cloze", "matching", "short_answer", "flashcard")
SECTION_TITLES = {
    "mcq": "Multiple choice: tick the box of the one right answer.",
    "true_false": "True or false: tick True or False.",
    "cloze": "Fill in the blank.",
    "matching": "Matching: write the letter of the right description next to each number.",
    "short_answer": "Short answers: answer in a few words.",
    "flashcard": "Recall: answer from what the article says.",
}


@dataclass
class SheetQuestion:
    """One question as printed in a version: number, lettered options or pairs, and its key."""

    number: int
    item: Item
    before: str = ""  # cloze: text before the blank
    after: str = ""  # cloze: text after the blank
    options: list[tuple[str, str]] = field(default_factory=list)  # (letter, text)
    lefts: list[tuple[int, str]] = field(default_factory=list)  # matching: numbered left column
    rights: list[tuple[str, str]] = field(default_factory=list)  # matching: lettered right column
    bank: list[str] = field(default_factory=list)  # cloze word bank, when shown
    key: str = ""  # what the answer key prints
    key_letter: str = ""  # mcq: the letter of the right option


@dataclass
class Section:
    qtype: str
    title: str
    questions: list[SheetQuestion]


@dataclass
class Version:
    letter: str
    sections: list[Section]

    @property
    def questions(self) -> list[SheetQuestion]:
        return [q for s in self.sections for q in s.questions]


def version_letters(count: int) -> list[str]:
    """``["A", "B", ...]`` for ``count`` versions (1 to :data:`MAX_VERSIONS`)."""
    return list(LETTERS[: max(1, min(count, MAX_VERSIONS))])


def _rng(scope: str, letter: str, *more: object) -> random.Random:
    return random.Random(":".join(map(str, (scope, letter, *more))))


_NUMBER = re.compile(r"^[$€£]?\s*(\d[\d,]*(?:\.\d+)?)")


def bank_order(word: str) -> tuple:
    """The word bank's order: numbers by value first ("$7", "12", "2027", "9,000"), then words A to Z."""
    match = _NUMBER.match(word.strip())
    if match:
        return (0, float(match.group(1).replace(",", "")), word.casefold())
    return (1, 0.0, word.casefold())


def build_version(items: list[Item], scope: str, letter: str, word_bank: bool = True) -> Version:
    """Version ``letter`` of ``items``: sections in a fixed order, questions and options shuffled within."""
    sections = []
    number = 0
    for qtype in SECTION_ORDER:
        group = [it for it in items if it.qtype == qtype]
        if not group:
            continue
        _rng(scope, letter, "order", qtype).shuffle(group)
        printed = []
        for item in group:
            number += 1
            printed.append(
                _layout(item, number, _rng(scope, letter, "q", item.ref or item.prompt), word_bank)
            )
        sections.append(Section(qtype, SECTION_TITLES[qtype], printed))
    return Version(letter, sections)


def _layout(item: Item, number: int, rng: random.Random, word_bank: bool) -> SheetQuestion:
    q = SheetQuestion(number, item)
    others = [a for a in item.accepted if a != item.answer]
    if item.qtype == "mcq":
        options = list(item.choices)
        rng.shuffle(options)
        q.options = list(zip(LETTERS, options, strict=False))
        # "?" only for a malformed question whose key is not among its options (imports refuse those).
        q.key_letter = next((letter for letter, text in q.options if text == item.answer), "?")
        q.key = f"{q.key_letter}  ({item.answer})"
    elif item.qtype == "true_false":
        q.options = [("T", "True"), ("F", "False")]
        q.key = item.answer
    elif item.qtype == "matching":
        lefts = [p["left"] for p in item.choices]
        rights = [p["right"] for p in item.choices]
        rng.shuffle(lefts)
        rng.shuffle(rights)
        q.lefts = list(enumerate(lefts, 1))
        q.rights = list(zip(LETTERS, rights, strict=False))
        letter_of = {text: letter for letter, text in q.rights}
        pair_of = {p["left"]: p["right"] for p in item.choices}
        q.key = ", ".join(f"{n}-{letter_of[pair_of[left]]}" for n, left in q.lefts)
    else:
        if item.qtype == "cloze":
            q.before, _, q.after = item.prompt.partition(BLANK)
            if word_bank and item.choices:
                q.bank = sorted(item.choices, key=bank_order)
        q.key = item.answer + (f"  (also: {', '.join(others)})" if others else "")
    return q


def build_versions(items: list[Item], scope: str, count: int, word_bank: bool = True) -> list[Version]:
    """Versions A.. for ``count`` (capped at :data:`MAX_VERSIONS`)."""
    return [build_version(items, scope, letter, word_bank) for letter in version_letters(count)]
