"""What someone said, asked with its occasion: "Strzok wrote "We'll stop it" in response to a text
message by Page that Trump might become president" -> "What did Strzok write in response to a text
message by Page that Trump might become president?" / “We'll stop it.”

A short quotation the article gives with the moment it answers is a fact a reader remembers; asked as
"Who said ...?" it would ask for the speaker, often the article's main actor, whom everyone knows. The
front names the speaker and the occasion; the back is the quotation, on a self-rated card (a typed
quotation cannot be graded fairly word by word).
"""

from __future__ import annotations

from . import render
from .article import Analysis, Sentence
from .keys import person_at
from .model import Candidate, phrase_card

_SAYING = frozenset("say write tell tweet text reply respond post".split())
_TENSE = {"VBD": "did", "VBZ": "does", "VBP": "do"}
MIN_WORDS, MAX_WORDS = 2, 12
MIN_OCCASION_WORDS = 4


def words_cards(an: Analysis, s: Sentence, sw: float) -> list[Candidate]:
    root = s.span.root
    if root.lemma_.lower() not in _SAYING or root.tag_ not in _TENSE:
        return []
    speaker = render.subject_of(root)
    who = person_at(an, s, speaker)
    if who is None or speaker.i > root.i:
        return []  # '"...," Trump said': the speaker after the words is asked "Who said ...?"
    doc = render.tokens(s)
    for first, last in render.quotations(s):
        if first != root.i + 2 or not MIN_WORDS <= last - first + 1 <= MAX_WORDS:
            continue  # the words right after the verb ("wrote “...”"), short enough to remember
        occasion = [i for i in range(last + 2, s.span.end) if not (i == s.span.end - 1 and doc[i].is_punct)]
        if len(occasion) < MIN_OCCASION_WORDS or doc[occasion[0]].dep_ != "prep":
            continue  # "What did Strzok write?" alone has many answers
        if render.quoted(s) & set(occasion) or render.has_unresolved_reference(s, occasion, set()):
            continue
        front = f"What {_TENSE[root.tag_]} {who} {root.lemma_.lower()} {render.spaced(doc, occasion)}?"
        words = render.spaced(doc, list(range(first, last + 1))).rstrip(",")
        back = f"“{words[:1].upper()}{words[1:]}”"
        return [
            phrase_card(s, front, back, [words], f"said:{s.idx}:{first}", round(0.55 * sw + 0.45 * 0.6, 4))
        ]
    return []
