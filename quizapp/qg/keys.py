"""How a target is answered and what wrong options it gets: shared by the question and statement realisers."""

from __future__ import annotations

import random

from .article import Analysis, Sentence
from .distractors import entity_options, value_options
from .targets import Target

SPEECH = frozenset(
    "say state tell warn reveal indicate emphasize emphasise assert announce claim argue add "
    "note explain insist confirm maintain suggest write tweet report predict".split()
)


def key_form(an: Analysis, t: Target) -> tuple[str, list[str], bool]:
    """(answer, accepted answers, whether options are full names) for a target."""
    if t.kind == "person":
        c = an.clusters[t.mention.cluster]
        full = len(t.key.split()) > 1
        answer = c.name if full else c.short
        return answer, sorted({c.name, c.short, t.key}, key=lambda x: (-len(x), x)), full
    return t.key, [t.key], True


def options_for(an: Analysis, shown: str, t: Target, key: str, full: bool, rng: random.Random) -> list[str]:
    """Three wrong options of the target's kind: nearby values, or other names of the article."""
    if t.kind in ("number", "date"):
        return value_options(key, t.kind, rng, context=shown)
    return entity_options(an, t.mention.cluster, key, shown, full, rng)


def base(s: Sentence, u: int) -> dict:
    """The candidate fields every realiser fills the same way: sentence, evidence span, shown unit."""
    return {"sent": s.idx, "span": (s.start, s.end), "shown": {u}}


def speaks(an: Analysis, name: str) -> bool:
    """Whether the named person is the subject of a speech verb somewhere in the article."""
    speakers = an.__dict__.get("_speakers")
    if speakers is None:
        speakers = an.__dict__["_speakers"] = {
            tok.text
            for s in an.sentences
            for tok in s.span
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ in SPEECH
        }
    return name.split()[-1] in speakers


def person_cluster_at(an: Analysis, s: Sentence, i: int) -> str | None:
    """The person cluster the sentence's token ``i`` names, if any."""
    return next(
        (
            m.cluster
            for m in s.mentions
            if m.kind == "person" and m.tok_start <= i < m.tok_end and m.cluster in an.clusters
        ),
        None,
    )


def person_at(an: Analysis, s: Sentence, tok) -> str | None:
    """The short name of the person the sentence names at token ``tok`` (a speaker, a subject), if any."""
    key = person_cluster_at(an, s, tok.i) if tok is not None else None
    return an.clusters[key].short if key is not None else None
