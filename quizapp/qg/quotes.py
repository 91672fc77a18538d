"""Questions about who said what: "Who said, “...”?" from sentences that quote a named person."""

from __future__ import annotations

import random

from . import render
from .article import Analysis, Sentence
from .distractors import entity_options
from .model import Candidate, unit

_SPEECH = frozenset(
    "say tell warn add write tweet explain insist argue note declare announce ask reply comment".split()
)
MAX_QUOTE_WORDS = 25


def speaker_quote(an: Analysis, s: Sentence) -> tuple[str, str] | None:
    """(speaker cluster key, quotation text) when the sentence quotes one named person in full."""
    root = s.span.root
    if root.lemma_ not in _SPEECH:
        return None
    quotes = render.quotations(s)
    if len(quotes) != 1:
        return None
    first, last = quotes[0]
    doc = s.span.doc
    words = [t for t in doc[first : last + 1]]
    while words and words[-1].text in (",", "."):
        words = words[:-1]
    if not 4 <= len(words) <= MAX_QUOTE_WORDS or not words[0].text[:1].isupper():
        return None
    subj = render.subject_of(root)
    if subj is None:
        return None
    speaker = next(
        (
            m
            for m in s.mentions
            if m.kind == "person" and m.tok_start <= subj.i < m.tok_end and m.cluster in an.clusters
        ),
        None,
    )
    if speaker is None:
        return None
    text = "".join(t.text_with_ws for t in words).strip()
    if any(ch in text for ch in '"“”'):
        return None
    return speaker.cluster, text


def quote_questions(an: Analysis, s: Sentence, sw: float, rng: random.Random) -> list[Candidate]:
    """A who-said question (multiple choice and short answer) for a quoted sentence."""
    found = speaker_quote(an, s)
    if found is None:
        return []
    key, text = found
    cluster = an.clusters[key]
    end = "" if text.endswith(("?", "!")) else ""
    prompt = f"Who said, “{text}{end}”?" if not text.endswith(("?", "!")) else f"Who said, “{text}”"
    accepted = sorted({cluster.name, cluster.short}, key=lambda x: (-len(x), x))
    base = {
        "sent": s.idx,
        "span": (s.start, s.end),
        "shown": {unit(s.idx, 0), unit(s.idx, 1), unit(s.idx, 2)},
    }
    weight = round(0.55 * sw + 0.45 * 0.7, 4)
    out = [
        Candidate(
            "short_answer",
            prompt,
            cluster.name,
            accepted,
            [],
            target=f"quote:{key}:{s.idx}",
            weight=weight,
            difficulty="medium",
            **base,
        )
    ]
    options = entity_options(an, key, cluster.name, prompt, True, rng)
    if options:
        choices = sorted([cluster.name, *options], key=lambda x: (rng.random(), x))
        out.append(
            Candidate(
                "mcq",
                prompt,
                cluster.name,
                accepted,
                choices,
                target=f"quote:{key}:{s.idx}",
                weight=weight,
                difficulty="medium",
                **base,
            )
        )
    return out
