"""By-what-vote questions: "passing a resolution (423-3)" -> "By what vote did the U.S. House of
Representatives pass the resolution?" with options of the same total (417-9, 392-34, 366-60).

A split vote is often the figure a news story on a law or a ruling carries, and often sits where a cloze
cannot reach it (in brackets, or in "a 5-4 decision" that reads oddly with a blank). The question names
the body, the act and what it acted on, each read off the parse; anything it cannot name plainly (a
pronoun, a long object) leaves the sentence unasked.
"""

from __future__ import annotations

import random
import re

from . import render
from .article import Analysis, Sentence
from .keys import base
from .model import Candidate, unit
from .numbers import number_variants
from .targets import targets

# The acts a vote decides, and the nouns a vote figure qualifies ("a 5-4 decision", "a 60-40 vote").
_ACTS = frozenset(
    "pass approve adopt uphold reject vote confirm back defeat clear ratify overturn block".split()
)
_VOTE_NOUNS = frozenset("vote decision ruling margin tally".split())
MAX_OBJECT_WORDS = 6


def vote_questions(an: Analysis, s: Sentence, sw: float, rng: random.Random) -> list[Candidate]:
    """A multiple-choice and a short-answer question for each split vote of the sentence it can place."""
    out: list[Candidate] = []
    doc = render.tokens(s)
    for t in targets(an, s):
        if t.kind != "number" or not re.fullmatch(r"\d+-\d+", t.key):
            continue
        act = _act(doc[t.start])
        question = _question(s, act, set(range(t.start, t.end))) if act is not None else None
        options = number_variants(t.key, rng) if question is not None else []
        if len(options) < 3:
            continue
        first, second = t.key.split("-")
        accepted = [t.key, f"{first} to {second}"]
        weight = round(0.55 * sw + 0.45 * t.weight, 4)
        target = f"number:{t.mention.cluster or t.key}"
        choices = sorted([t.key, *options[:3]], key=lambda x: (rng.random(), x))
        for qtype, shown in (("mcq", choices), ("short_answer", [])):
            out.append(
                Candidate(
                    qtype,
                    question,
                    t.key,
                    accepted,
                    shown,
                    target=target,
                    weight=weight,
                    difficulty="medium" if qtype == "mcq" else "hard",
                    **base(s, unit(s.idx, 0)),
                )
            )
    return out


def _act(tok):
    """The verb the vote decided: "passing a resolution (423-3)", "upheld the ban in a 5-4 decision"."""
    node = tok
    for _ in range(4):
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in _ACTS:
            return node
        if node.pos_ == "NOUN" and node.lemma_.lower() in _VOTE_NOUNS and node.head.pos_ == "VERB":
            return node.head if node.head.lemma_.lower() in _ACTS else None
        if node.head == node:
            return None
    return None


def _question(s: Sentence, verb, vote: set[int]) -> str | None:
    subject = render.subject_of(verb)
    if subject is None and verb.dep_ in ("advcl", "xcomp", "conj") and verb.tag_ == "VBG":
        subject = render.subject_of(verb.head)  # "The House condemned ..., passing a resolution"
        tense = verb.head.tag_
    else:
        tense = verb.tag_
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if subject is None or obj is None or tense != "VBD":
        return None
    who = _plain(subject, vote)
    what = _plain(obj, vote)
    if who is None or what is None or len(what.split()) > MAX_OBJECT_WORDS:
        return None
    what = re.sub(r"^(a|an) ", "the ", what)
    if not (subject.tag_ in ("NNP", "NNPS") and subject.i == subject.left_edge.i):
        who = who[:1].lower() + who[1:]  # "the U.S. House of Representatives", never "did The"
    return f"By what vote did {who} {verb.lemma_.lower()} {what}?"


def _plain(head, vote: set[int]) -> str | None:
    """A noun phrase as a name or "det (modifiers) noun", without clauses, brackets or the vote itself;
    None for a pronoun."""
    if head.pos_ == "PRON":
        return None
    keep = []
    for tok in head.subtree:
        if tok.i in vote or tok.is_punct and tok.text in "()[]":
            continue
        if tok.i > head.i and tok.dep_ not in ("prep", "pobj", "compound") and tok.head.i >= head.i:
            break  # a clause or a side phrase after the noun
        if tok.i > head.i and tok.dep_ == "prep" and tok.lower_ != "of":
            break
        keep.append(tok)
    if not 1 <= len(keep) <= 10:
        return None
    return render.spaced(head.doc, [t.i for t in keep if not t.is_punct or t.text in ("'s", "’s")])
