"""Over-generate candidate questions of every type from the analysed article's sentences and facts."""

from __future__ import annotations

import random
import re

from . import gazetteer, render
from .article import Analysis, Sentence
from .clauses import clause_cards, urged_cards
from .distractors import entity_options
from .facts import acronym_cards, flashcards, matching
from .keys import SPEECH, base, key_form, options_for
from .model import Candidate, unit
from .objects import destination_card, object_questions
from .questions import reported_self, wh_for
from .quotes import quote_matching, quote_number_questions, quote_questions
from .said_what import words_cards
from .statements import true_false
from .targets import Target, sentence_weight, targets
from .votes import vote_questions

TYPE_CONFIDENCE = {
    "mcq": 1.0,
    "short_answer": 0.95,
    "cloze": 0.85,
    "true_false": 0.8,
    "flashcard": 0.8,
    "matching": 0.9,
}


def generate_candidates(an: Analysis, rng: random.Random) -> list[Candidate]:
    """All candidate questions for the article, in a deterministic order."""
    names = {k: c.short for k, c in an.clusters.items()}
    out: list[Candidate] = []
    for s in _worth_asking(an):
        sw = sentence_weight(an, s)
        out.extend(quote_questions(an, s, sw, rng))
        out.extend(quote_number_questions(an, s, sw, rng))
        out.extend(words_cards(an, s, sw))
        if render.all_quoted(s) or _BOILERPLATE.search(s.span.text):
            continue  # someone's words without attribution, or "X declined to comment": nothing to learn
        core = render.core_indices(s)
        if core is None or len(core) < 6 or len(core) > 55:
            continue
        out.extend(object_questions(an, s, sw, rng))
        out.extend(clause_cards(an, s, sw))
        out.extend(destination_card(an, s, sw))
        out.extend(urged_cards(an, s, sw))
        out.extend(vote_questions(an, s, sw, rng))
        resolved = render.resolve_subject(s, names)
        resolved.update(render.settled_references(an.sentences, s))
        tgts = targets(an, s)
        parts = render.views(s, core)
        for k, view in enumerate(parts, start=0 if len(parts) == 1 else 1):
            u = unit(s.idx, k)
            for t in tgts:
                if any(t.start <= i < t.end for i in view):
                    out.extend(_for_target(an, s, view, resolved, t, sw, rng, u))
            inside = [t for t in targets(an, s, swaps=True) if any(t.start <= i < t.end for i in view)]
            out.extend(true_false(an, s, view, resolved, inside, sw, rng, u))
    out.extend(flashcards(an))
    out.extend(matching(an))
    out.extend(quote_matching(an))
    out.extend(acronym_cards(an))
    return out


MAX_SENTENCES = 150
_BOILERPLATE = re.compile(
    r"declined to comment|did not (immediately )?respond|could not be reached|not immediately available|"
    r"contributed to this report|for comment\b",
    re.I,
)


def _worth_asking(an: Analysis) -> list[Sentence]:
    """All sentences of a normal article; for a very long one, the ``MAX_SENTENCES`` most central."""
    if len(an.sentences) <= MAX_SENTENCES:
        return an.sentences
    cached = an.__dict__.get("_worth")
    if cached is None:
        ranked = sorted(an.sentences, key=lambda s: (-sentence_weight(an, s), s.idx))[:MAX_SENTENCES]
        cached = an.__dict__["_worth"] = sorted(ranked, key=lambda s: s.idx)
    return cached


def _for_target(
    an: Analysis,
    s: Sentence,
    core: list[int],
    resolved: dict,
    t: Target,
    sw: float,
    rng: random.Random,
    u: int,
) -> list[Candidate]:
    out: list[Candidate] = []
    doc = render.tokens(s)
    if any(t.start <= i < t.end for i in resolved) or not any(t.start <= i < t.end for i in core):
        return out
    key, accepted, full = key_form(an, t)
    weight = round(0.55 * sw + 0.45 * t.weight, 4)
    tkey = f"{t.kind}:{t.mention.cluster or key}"
    if t.kind == "person" and _is_speaker(doc, t):
        # '"We agreed to meet ...," _____ said': who said it, like "Who said, ...?" (one per speaker)
        tkey = f"quote:{t.mention.cluster}:{s.idx}"
    resolved_ids = set(resolved)
    core = render.prune(s, core, set(range(t.start, t.end)))
    # Other people by their full names alone ("Volodymyr Zelensky stated ..."): a title beside a name gives
    # away the card or matching set asking for the role. The target's own title stays (see ``titled``).
    titles, own = render.title_ids(s), set()
    while t.start - len(own) - 1 in titles:
        own.add(t.start - len(own) - 1)
    core = [i for i in core if i not in titles or i in own]
    blanked = {i for i in core if t.start <= i < t.end}
    # A blanked person still antecedes a later "he" ("_____ said he had scheduled a vote").
    shown_ids = [i for i in core if i not in blanked or t.kind == "person" and i == min(blanked)]
    if render.has_unresolved_reference(
        s, shown_ids, resolved_ids | ({min(blanked)} if t.kind == "person" else set())
    ):
        return out
    replace = dict(resolved)
    replace[t.start] = (t.end, render.BLANK)
    cloze = render.statement(s, core, replace)
    options = options_for(an, cloze, t, key, full, rng)
    if t.kind == "person" and _is_speaker(doc, t):
        # '"Pete has complied ...," _____ said': not Peter Strzok, whom the quotation itself names
        named = {doc[i].text[:4].lower() for i in render.quoted(s) if doc[i].text[:1].isupper()}
        if any(o.split()[0][:4].lower() in named for o in options):
            options = []
    # After a title ("Russian President _____", "deputy chief of staff _____") the name is given away, or
    # names of other ranks make absurd options: ask "who" about the subject instead.
    titled = (
        t.kind == "person"
        and t.start > 0
        and (
            doc[t.start - 1].lower_ in gazetteer.role_words()
            or doc[t.start - 1].dep_ == "compound"
            or doc[t.start - 1].pos_ in ("NOUN", "PROPN", "ADJ")
        )
    )
    bank = sorted([key, *options], key=str.lower) if options else []
    # '"...," _____ said in a statement' for someone named once: "Strzok's lawyer" fills the blank as well as
    # the name does (two blind readers), and the name alone says little; "Who said ...?" still asks it.
    once = t.kind == "person" and _is_speaker(doc, t) and an.clusters[t.mention.cluster].count < 2
    if not titled and not _empty_speech(doc, t) and not once:
        # Cloze: the sentence with the key blanked; the word bank holds the key and its distractors.
        out.append(
            Candidate(
                "cloze",
                cloze,
                key,
                accepted,
                bank,
                target=tkey,
                weight=weight,
                difficulty="medium" if bank else "hard",
                **base(s, u),
            )
        )
    question = reported_self(an, s, core, t) or wh_for(an, s, core, resolved, t)
    if question:
        answer = an.clusters[t.mention.cluster].name if t.kind == "person" else key
        acc = accepted if t.kind != "person" else sorted({answer, *accepted}, key=lambda x: (-len(x), x))
        out.append(
            Candidate(
                "short_answer",
                question,
                answer,
                acc,
                [],
                target=tkey,
                weight=weight,
                difficulty="hard" if t.kind in ("number", "date") else "medium",
                **base(s, u),
            )
        )
        mcq_opts = options
        if t.kind == "person":
            mcq_opts = entity_options(an, t.mention.cluster, answer, question, True, rng)
        if mcq_opts:
            choices = sorted([answer, *mcq_opts], key=lambda x: (rng.random(), x))
            out.append(
                Candidate(
                    "mcq",
                    question,
                    answer,
                    acc,
                    choices,
                    target=tkey,
                    weight=weight,
                    difficulty="medium",
                    **base(s, u),
                )
            )
    elif options and not titled and not _empty_speech(doc, t):
        choices = sorted([key, *options], key=lambda x: (rng.random(), x))
        out.append(
            Candidate(
                "mcq",
                f"Which option completes the sentence? {cloze}",
                key,
                accepted,
                choices,
                target=tkey,
                weight=round(weight * 0.9, 4),
                difficulty="medium",
                **base(s, u),
            )
        )
    del doc
    return out


def _is_speaker(doc, t: Target) -> bool:
    head = doc[t.end - 1]
    return head.dep_ == "nsubj" and head.head.lemma_ in SPEECH


def _empty_speech(doc, t: Target) -> bool:
    """A speech verb whose subject is the target but whose content is elsewhere ("X told VOA.")."""
    verb = doc[t.end - 1].head
    return verb.lemma_ in SPEECH and not any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
