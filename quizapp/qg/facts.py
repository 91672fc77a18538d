"""Flashcards and matching sets built from the roles and definitions the article gives."""

from __future__ import annotations

import re

from .article import Analysis, Description
from .model import Candidate, units

# Titles held by many people at once take "a"; the rest name one office and take "the".
_SHARED_TITLES = frozenset(
    "senator congressman congresswoman representative lawmaker official justice judge member analyst "
    "delegate diplomat economist professor researcher adviser advisor officer agent aide lawyer".split()
)


def best_roles(an: Analysis) -> dict[str, Description]:
    """Per person cluster, the fullest title the article gives, if it names exactly one person."""
    best: dict[str, Description] = {}
    for d in an.descriptions:
        if not d.cluster.startswith("person:") or d.cluster not in an.clusters:
            continue
        cur = best.get(d.cluster)
        if cur is None or len(d.text.split()) > len(cur.text.split()):
            best[d.cluster] = d
    holders: dict[str, list[str]] = {}
    for key, d in best.items():
        holders.setdefault(d.text.lower(), []).append(key)
    return {
        k: d
        for k, d in sorted(best.items())
        if len(holders[d.text.lower()]) == 1
        and len(d.text.split()) >= 2
        or len(holders[d.text.lower()]) == 1
        and d.text.lower() in ("president", "chancellor", "premier")
    }


_HEADS_OF_STATE = frozenset("president chancellor king queen emperor".split())
_ONE_HOLDER = frozenset("chief head majority minority speaker prime".split())


def _vowel_sound(word: str) -> bool:
    """Whether ``word`` is said starting with a vowel: "an FBI lawyer", "a US official", "an envoy"."""
    if len(word) > 1 and word.replace(".", "").isupper():
        return word[0] in "AEFHILMNORSX"  # an acronym said letter by letter
    return word[:1].lower() in "aeiou" and not word.lower().startswith(("uni", "eu", "one"))


def _with_article(role: str) -> str:
    head = role.split()[-1].lower()
    if any(w.lower() in _ONE_HOLDER for w in role.split()):
        det = "The"  # "the Chief Justice", "the Senate Majority Leader"
    elif head in _SHARED_TITLES:
        det = "An" if _vowel_sound(role.split()[0]) else "A"
    else:
        det = "The"
    return f"{det} {role}"


def _fullest(an: Analysis, role: str) -> str:
    """The role as the article names it in full elsewhere, when it does so one way only: "inspector
    general" -> "Justice Department inspector general"."""
    pattern = re.compile(rf"\b((?:[A-Z][\w.]*\s+){{1,3}}){re.escape(role)}\b")
    found = {re.sub(r"^(The|A|An|In|But|And)\s+", "", m.group(1).strip()) for m in pattern.finditer(an.text)}
    found.discard("")
    return f"{found.pop()} {role}" if len(found) == 1 else role


def flashcards(an: Analysis) -> list[Candidate]:
    """Person-to-role and term-to-definition cards; front is a question with one right answer."""
    out: list[Candidate] = []
    for key, d in best_roles(an).items():
        c = an.clusters[key]
        s = an.sentences[d.sent]
        if len(c.name.split()) < 2 or len(d.text.split()) < 2:
            continue  # "Who is Donald Trump? The President" tells nothing the article adds
        if not _with_article(d.text).startswith("The "):
            continue  # "A Democratic Congressman" fits many; a card wants the one title only they hold
        role = _fullest(an, d.text) if d.text.islower() else d.text
        if role.islower():
            continue  # "The special envoy", "The inspector general": whose? A back must stand alone
        if d.text.split()[-1].lower() in _HEADS_OF_STATE:
            continue  # "Who is Donald Trump? The US President": general knowledge, not the article's
        out.append(
            Candidate(
                "flashcard",
                f"Who is {c.name} in this article?",
                _with_article(role),
                [role],
                [],
                s.idx,
                (s.start, s.end),
                f"role:{key}",
                0.35 + 0.2 * min(1, c.count / 5),
                "easy",
                units(s.idx),
                {"pair": (c.name, role)},
            )
        )
    for d in an.descriptions:
        if not d.cluster.startswith("place:") or d.kind != "appos" or len(d.text.split()) < 2:
            continue
        if d.cluster not in an.clusters:
            continue
        c = an.clusters[d.cluster]
        s = an.sentences[d.sent]
        if c.name.lower() in d.text.lower():
            continue
        front = f"Which place does the article describe as {d.text}?"
        out.append(
            Candidate(
                "flashcard",
                front,
                c.name,
                [c.name],
                [],
                s.idx,
                (s.start, s.end),
                f"place:{d.cluster}",
                0.45 + 0.25 * min(1, c.count / 5),
                "medium",
                units(s.idx),
                {"pair": (c.name, role)},
            )
        )
    return out


def matching(an: Analysis) -> list[Candidate]:
    """One matching set of people to their roles, when the article gives at least three."""
    roles = best_roles(an)
    pairs = [
        (an.clusters[k].name, d.text, d.sent)
        for k, d in roles.items()
        if len(an.clusters[k].name.split()) > 1
    ]
    pairs.sort(
        key=lambda p: (
            -an.clusters["person:" + p[0].split()[-1]].count
            if "person:" + p[0].split()[-1] in an.clusters
            else 0,
            p[2],
            p[0],
        )
    )
    pairs = pairs[:5]
    if len(pairs) < 3:
        return []
    first = min(p[2] for p in pairs)
    last = max(p[2] for p in pairs)
    span = (an.sentences[first].start, an.sentences[last].end)
    pairs.sort(key=lambda p: p[0])
    answer = "; ".join(f"{left} = {right}" for left, right, _ in pairs)
    choices = [{"left": left, "right": right} for left, right, _ in pairs]
    return [
        Candidate(
            "matching",
            "Match each person with their role in the article.",
            answer,
            [answer],
            choices,
            first,
            span,
            "matching:roles",
            0.7,
            "medium",
            set(),  # it shows names and roles, no sentence: what it gives away is read off its pairs
        )
    ]


_SMALL = frozenset("of for and the on in to".split())
_ACRONYM = re.compile(
    r"((?:[A-Z][a-z]+|of|for|and|the|on|in|to)(?: (?:[A-Z][a-z]+|of|for|and|the|on|in|to))+) \(([A-Z]{2,6})\)"
)


def acronym_cards(an: Analysis) -> list[Candidate]:
    """ "What does DACA stand for?" when the article spells out a short form: "Deferred Action ... (DACA)"."""
    out: list[Candidate] = []
    seen: set[str] = set()
    for s in an.sentences:
        for m in _ACRONYM.finditer(s.span.text):
            words, short = m.group(1).split(), m.group(2)
            while words and words[0].lower() in _SMALL:
                words = words[1:]
            initials = "".join(w[0] for w in words if w.lower() not in _SMALL)
            if initials != short or short in seen:
                continue
            seen.add(short)
            name = " ".join(words)
            out.append(
                Candidate(
                    "flashcard",
                    f"What does {short} stand for?",
                    name,
                    [name],
                    [],
                    s.idx,
                    (s.start, s.end),
                    f"acronym:{short}",
                    0.5,
                    "medium",
                    units(s.idx),
                    {"pair": (short, name)},
                )
            )
    return out
