"""What can be asked in a sentence: testable entity, number and date mentions, with their importance."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import gazetteer, render
from .article import Analysis, Sentence
from .entities import Mention
from .numbers import is_testable_date, is_testable_number, number_core


@dataclass(frozen=True)
class Target:
    """A span of a sentence to blank or ask about: tokens [start, end) and the key text."""

    mention: Mention
    kind: str
    start: int
    end: int
    key: str
    weight: float


def _top(an: Analysis) -> int:
    if "_top" not in an.__dict__:
        an.__dict__["_top"] = max((c.count for c in an.clusters.values()), default=1)
    return an.__dict__["_top"]


def sentence_weight(an: Analysis, s: Sentence) -> float:
    """How central a sentence is: lead position, headline overlap, repeated entities and numbers."""
    cache = an.__dict__.setdefault("_weights", {})
    if s.idx not in cache:
        cache[s.idx] = _sentence_weight(an, s)
    return cache[s.idx]


def _sentence_weight(an: Analysis, s: Sentence) -> float:
    position = 1.0 / (1.0 + 0.12 * s.idx)
    lemmas = {t.lemma_.lower() for t in s.span if t.is_alpha}
    words = {t.lower_ for t in s.span if t.is_alpha}
    title = len(an.title_words & (lemmas | words)) / max(3, len(an.title_words)) if an.title_words else 0.0
    top = _top(an)
    salience = max(
        (an.clusters[m.cluster].count / top for m in s.mentions if m.cluster in an.clusters), default=0
    )
    numbers = 0.15 if any(m.kind == "number" for m in s.mentions) else 0.0
    return round(min(1.0, 0.35 * position + 0.35 * min(1.0, 1.5 * title) + 0.2 * salience + numbers + 0.1), 4)


def targets(an: Analysis, s: Sentence, swaps: bool = False) -> list[Target]:
    """The testable mentions of a sentence, most important first.

    With ``swaps``, also the topic places the article keeps coming back to: poor blanks (they fill
    themselves), but one swapped for another in a statement can make a believable false one.
    """
    cache = s.__dict__.setdefault("_targets", {})
    if swaps not in cache:
        cache[swaps] = _targets(an, s, swaps)
    return list(cache[swaps])


def _targets(an: Analysis, s: Sentence, swaps: bool) -> list[Target]:
    out: list[Target] = []
    doc = s.span.doc
    top = _top(an)
    for m in s.mentions:
        toks = doc[m.tok_start : m.tok_end]
        if any(t.text in ('"', "“", "”") for t in toks) or _inside_quote(s, m):
            continue
        if m.kind in ("person", "place", "org"):
            cluster = an.clusters.get(m.cluster)
            if cluster is None or m.cluster.startswith("ambiguous") or m.text.lower().startswith("the "):
                continue
            if m.text.lower() in gazetteer.media():
                continue  # "told VOA", "wrote on Twitter": where it was said, not what happened
            if (
                m.kind in ("place", "org")
                and _topic_name(an, m.cluster)
                and not (swaps and m.kind == "place")
            ):
                continue  # "support for _____'s sovereignty" in an article about Ukraine fills itself
            if m.kind == "org" and gazetteer.canonical(m.text) in gazetteer.bodies():
                continue  # "unless _____ approves a new budget": Congress, the Senate complete themselves
            modifier = toks[-1].dep_ in ("compound", "amod", "nmod") or (
                toks[-1].dep_ == "conj" and toks[-1].head.dep_ in ("compound", "amod", "nmod")
            )
            if modifier and m.kind != "person":
                continue  # "the Donetsk region", "U.S. officials": the name modifies a noun; not a fact
            # Salience counts, but the main actor should not be the answer to everything.
            base = {"person": 0.45, "place": 0.4, "org": 0.4}[m.kind]
            weight = base + 0.25 * cluster.count / top
            if m.kind == "person" and cluster.count == top:
                weight *= 0.75  # "Who ...?" in an article about Zelensky: the answer is nearly always him
            if m.kind != "person" and (
                m.text.lower() in an.title_words or m.text.split()[-1].lower() in an.title_words
            ):
                weight += 0.1
            if m.tok_end < len(doc) and doc[m.tok_end].text in ("-", "–"):
                continue  # "Obama-era": half of a compound word
            if m.kind == "place" and _home_of_person(s, m):
                continue  # "Senator Cory Gardner of Colorado": a home state, not what happened
            if m.kind == "place" and _where_said(toks[-1]):
                continue  # "Abe said in Tokyo": where words were spoken, not what happened
            if m.kind == "place" and _after_place(s, m):
                continue  # "Washington, D.C.": the second half of one place name
            head = toks[-2] if len(toks) > 1 and toks[-1].dep_ == "case" else toks[-1]
            if m.kind != "person" and head.dep_ == "poss" and head.head.pos_ in ("NOUN", "PROPN"):
                continue  # "South Korea's Yonhap news agency": an owner named in passing
            if m.kind == "person" and head.dep_ in ("compound", "nmod") and head.head.pos_ == "NOUN":
                continue  # "the Hillary Clinton investigation": a name used as a label; other names won't fit
            out.append(Target(m, m.kind, m.tok_start, m.tok_end, m.text, min(1.0, weight)))
        elif m.kind == "norp" and m.cluster in an.clusters and _is_group(toks):
            # "Democrats", "Republicans": which side did what is a fact a teacher tests.
            out.append(Target(m, "group", m.tok_start, m.tok_end, m.text, 0.55))
        elif m.kind in ("number", "date") and _names_part(toks):
            continue  # "the 1965 Immigration and Nationality Act": part of a name, not a fact
        elif m.kind == "number":
            prefix, core = number_core(m.text)
            context = doc[max(m.tok_start - 3, s.span.start) : min(m.tok_end + 3, s.span.end)].text
            if (
                not is_testable_number(core, context)
                or m.tok_start > 0
                and doc[m.tok_start - 1].text == "No."
            ):
                continue
            end = m.tok_end
            if (
                end + 1 < len(doc)
                and doc[end].text in ("-", "–")
                and re.fullmatch(r"\d+", core)
                and re.fullmatch(r"\d+", doc[end + 1].text)
                and not (end + 2 < len(doc) and doc[end + 2].text in ("-", "–"))
                and not (m.tok_start > 0 and doc[m.tok_start - 1].text in ("-", "–"))
            ):
                # "a 5-4 split decision", "passed 423-3": a vote the tokenizer split is one figure
                out.append(Target(m, "number", m.tok_start, end + 2, f"{core}-{doc[end + 1].text}", 0.9))
                continue
            near = doc[max(m.tok_start - 2, 0) : min(m.tok_end + 2, len(doc))].text
            if re.search(r"\d\s*[-–]\s*\d", near) and not re.fullmatch(r"\d+-\d+", core):
                continue  # part of a score or range the tokenizer split ("5-4"): not a value on its own
            if (
                m.tok_end < len(doc)
                and doc[m.tok_end].text in ("-", "–")
                or (m.tok_start > 0 and doc[m.tok_start - 1].lower_ == "the" and core.split()[0].isalpha())
            ):
                continue  # "a 600-page report"; "the two countries" refers back rather than informs
            skip = 0
            while skip < len(toks) and toks[: skip + 1].end_char - toks.start_char <= len(prefix.rstrip()):
                skip += 1
            has_unit = len(core.split()) > 1 or "%" in core or core[:1] in "$€£"
            if not has_unit and _small(core) and toks[-1].head.dep_ in ("conj", "appos"):
                continue  # "the state of Hawaii, the Hawaii Muslim Association and three residents"
            out.append(Target(m, "number", m.tok_start + skip, m.tok_end, core, 0.95 if has_unit else 0.85))
        elif m.kind == "date" and is_testable_date(m.text):
            if not swaps and not re.search(r"\d", m.text):
                continue  # "a decision in _____" (January): a month alone is a detail to blank, not a fact
            out.append(Target(m, "date", m.tok_start, m.tok_end, m.text, 0.55))
    out.sort(key=lambda t: (-t.weight, t.start))
    return out


def _names_part(toks) -> bool:
    """A year inside a name ("the 1965 Immigration and Nationality Act"); not "600,000 Rohingya"."""
    last = toks[-1]
    if not re.fullmatch(r"1[89]\d\d|20\d\d", last.text):
        return False
    if last.dep_ == "pobj" and last.head.lower_ == "of" and last.head.head.pos_ == "PROPN":
        return True  # "the Controlled Substances Act of 1970"
    if last.dep_ in ("compound", "nummod", "amod", "nmod") and last.head.i > last.i:
        return True  # "the 2016 U.S. election": a label of the noun, not a date that happened
    return (
        last.dep_ in ("compound", "nummod", "amod", "nmod")
        and last.head.pos_ == "PROPN"
        and (last.head.i > last.i)
    )


def _after_place(s: Sentence, m: Mention) -> bool:
    doc = s.span.doc
    if m.tok_start < 2 or doc[m.tok_start - 1].text != ",":
        return False
    return any(x.kind == "place" and x.tok_end == m.tok_start - 1 for x in s.mentions)


def _small(core: str) -> bool:
    word = core.split()[0].lower() if core.split() else ""
    return word.isdigit() and int(word) <= 10 or word in _SMALL_WORDS


_SMALL_WORDS = frozenset("one two three four five six seven eight nine ten".split())
_SAID = frozenset("say tell add write tweet speak announce".split())


def _where_said(tok) -> bool:
    prep = tok.head
    return tok.dep_ == "pobj" and prep.lower_ in ("in", "at", "from") and prep.head.lemma_ in _SAID


def _home_of_person(s: Sentence, m: Mention) -> bool:
    doc = s.span.doc
    prep = doc[m.tok_start - 1] if m.tok_start > 0 else None
    if prep is None or prep.lower_ not in ("of", "from") or prep.i - 1 < 0:
        return False
    before = doc[prep.i - 1]
    return any(x.kind == "person" and x.tok_end - 1 == before.i for x in s.mentions) or before.lower_ in (
        "republican",
        "democrat",
    )


def _topic_name(an: Analysis, cluster: str) -> bool:
    """A place or body the article keeps coming back to (three sentences or more): its topic."""
    spread = an.__dict__.get("_spread")
    if spread is None:
        sents: dict[str, set[int]] = {}
        for m in an.mentions:
            sents.setdefault(m.cluster, set()).add(m.sent)
        spread = an.__dict__["_spread"] = {k: len(v) for k, v in sents.items()}
    return spread.get(cluster, 0) >= 3


def _is_group(toks) -> bool:
    last = toks[-1]
    return (
        len(toks) == 1 and last.tag_ in ("NNPS", "NNS") and last.text.endswith("s") and last.text[0].isupper()
    )


def _inside_quote(s: Sentence, m: Mention) -> bool:
    # Names inside a direct quotation are the speaker's words; blanking them tests the quote, not a fact.
    return m.tok_start in render.quoted(s)
