"""Wh-questions whose answer is a target: who, whom, when, where, how many (do-support, agreement)."""

from __future__ import annotations

import re

from . import render
from .article import Analysis, Sentence
from .keys import SPEECH
from .targets import Target

_WH_PREPS = {
    "date": {"on", "in", "by", "until", "since", "for", "before", "after", "from"},
    "place": {"in", "at", "to", "into"},
}
_WHOM_PREPS = frozenset({"to", "with", "against", "from"})


def wh_for(an: Analysis, s: Sentence, core: list[int], resolved: dict, t: Target) -> str | None:
    """A wh-question whose answer is the target, or None when no safe transformation applies."""
    doc = render.tokens(s)
    head = doc[t.end - 1]
    verb = head.head
    prefix = ""
    keep = [i for i in core if i not in resolved]
    subject = render.subject_of(verb)
    own = set(range(subject.left_edge.i, subject.right_edge.i + 1)) if subject is not None else set()
    if any(verb.left_edge.i <= i <= verb.right_edge.i and i not in own for i in resolved):
        return None  # "this offer" read as "Putin's offer": the question would drop the word instead
    subject_text = None
    clause_verb = verb
    while clause_verb.dep_ in ("conj", "xcomp") and clause_verb.head != clause_verb:
        clause_verb = clause_verb.head
    if clause_verb.dep_ == "ccomp" and clause_verb.head.lemma_ in SPEECH and clause_verb.head.dep_ == "ROOT":
        speaker = render.subject_of(clause_verb.head)
        sp = next(
            (
                m
                for m in s.mentions
                if speaker is not None
                and m.tok_start <= speaker.i < m.tok_end
                and m.kind == "person"
                and m.cluster in an.clusters
            ),
            None,
        )
        if sp is None:
            return None
        prefix = f"According to {an.clusters[sp.cluster].short}, "
    elif clause_verb.dep_ != "ROOT":
        return None
    if t.kind in ("person", "group") and head.dep_ in ("nsubj", "nsubjpass") and verb == clause_verb:
        subj = head
        ids = [i for i in keep if not (subj.left_edge.i <= i <= subj.right_edge.i)]
        ids = render.tail_cut(verb, [i for i in ids if verb.left_edge.i <= i <= verb.right_edge.i])
        swap = {}
        if t.kind == "group" and any(
            c.dep_ in ("det", "amod") and c.lower_ in ("some", "many", "several", "most", "few")
            for c in subj.children
        ):
            return None  # "Some Democrats have vowed": "Who has vowed ...? Democrats" would say all of them
        if t.kind == "group":
            # "Democrats have vowed" -> "Who has vowed": "who" takes a singular verb.
            first = doc[ids[0]] if ids else verb
            singular = {"have": "has", "are": "is", "were": "was", "do": "does"}
            if first.lower_ in singular:
                swap[first.i] = singular[first.lower_]
            elif first.tag_ == "VBP":
                return None
        elif verb.tag_ == "VBP":
            return None
        if any(c.dep_ == "conj" for c in subj.children):
            return None
        ids = [i for i in ids if not (doc[i].dep_ == "mark" and doc[i].head == verb)]
        while ids and doc[ids[-1]].is_punct and doc[ids[-1]].text not in ('"', "”"):
            ids.pop()
        if (
            not ids
            or ids[0] != verb.i
            and not (doc[ids[0]].head == verb and doc[ids[0]].dep_ in ("aux", "auxpass", "neg", "advmod"))
        ):
            return None
        if verb.lemma_ in SPEECH and not any(
            doc[i].dep_ in ("ccomp", "xcomp") and doc[i].head == verb for i in ids
        ):
            return None  # "Who told VOA in a statement?" says nothing about what was said
        body = render.spaced(doc, ids, swap)
        return _finish(prefix, f"who {body}")
    if t.kind == "person" and verb == clause_verb and verb.pos_ == "VERB" and t.start == head.left_edge.i:
        # "Zelensky addressed Trump directly" -> "Who did Zelensky address directly?"
        if head.dep_ == "dobj" and head.head == verb and not any(c.dep_ == "conj" for c in head.children):
            remove = set(range(head.left_edge.i, head.right_edge.i + 1))
            return _q(prefix, render.wh_question(verb, "who", remove, render.tail_cut(verb, keep)))
        prep = head.head
        if (
            head.dep_ == "pobj"
            and prep.dep_ == "prep"
            and prep.head == verb
            and prep.lower_ in _WHOM_PREPS
            and not any(c.dep_ == "conj" for c in head.children)
        ):
            # "appealed to Trump to protect ..." -> "To whom did EU leaders appeal to protect ...?"
            remove = set(range(prep.i, head.right_edge.i + 1))
            return _q(
                prefix, render.wh_question(verb, f"{prep.lower_} whom", remove, render.tail_cut(verb, keep))
            )
    if t.kind in ("date", "place") and head.dep_ == "pobj" and head.head.dep_ == "prep":
        prep = head.head
        if prep.lower_ not in _WH_PREPS[t.kind] or prep.head != verb or verb != clause_verb:
            return None
        if (
            len(list(prep.children)) != 1
            or t.start != head.left_edge.i
            and doc[head.left_edge.i].dep_ != "det"
        ):
            return None
        remove = set(range(prep.i, head.right_edge.i + 1))
        wh = "when" if t.kind == "date" else "where"
        return _q(prefix, render.wh_question(verb, wh, remove, render.tail_cut(verb, keep), subject_text))
    if t.kind == "date" and head.dep_ == "npadvmod" and verb == clause_verb:
        remove = set(range(head.left_edge.i, head.right_edge.i + 1))
        return _q(prefix, render.wh_question(verb, "when", remove, render.tail_cut(verb, keep), subject_text))
    if t.kind == "number":
        return how_many(prefix, s, keep, t, clause_verb)
    return None


def how_many(prefix: str, s: Sentence, keep: list[int], t: Target, verb) -> str | None:
    """ "How many square kilometers of Donetsk does Russia desire?" for a counted noun, else None."""
    doc = s.span.doc
    num = doc[t.end - 1]
    noun = num.head if num.dep_ == "nummod" else None
    if noun is None or noun.tag_ not in ("NNS", "NNPS") or noun.i < num.i:
        return None
    # Only an "of" phrase travels with the noun ("how many square kilometers of Donetsk"); other
    # modifiers of the noun are dropped with it.
    preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"][:1]
    if "percent" in noun.lower_:
        return None
    end = preps[0].right_edge.i if preps else noun.i
    kept = set(keep)
    # The noun's "of" phrase moves with it ("how many square kilometers of Donetsk"), minus any clause.
    cut = {
        j
        for c in doc[noun.i : end + 1]
        if c.dep_ in ("relcl", "acl")
        for j in range(c.left_edge.i, c.right_edge.i + 1)
    }
    phrase_ids = [i for i in range(num.i + 1, end + 1) if i in kept and i not in cut]
    while phrase_ids and doc[phrase_ids[-1]].is_punct:
        phrase_ids.pop()
    words = render.spaced(doc, phrase_ids)
    np_ids = set(range(noun.left_edge.i, noun.right_edge.i + 1))
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head == verb:
        rest = [
            i
            for i in render.tail_cut(verb, keep)
            if i not in np_ids and verb.left_edge.i <= i <= verb.right_edge.i
        ]
        rest = [i for i in rest if not (doc[i].dep_ == "mark" and doc[i].head == verb)]
        while rest and doc[rest[-1]].is_punct:
            rest.pop()
        if not rest or rest[0] < verb.i and doc[rest[0]].dep_ not in ("aux", "auxpass", "neg", "advmod"):
            return None
        return _finish(prefix, f"how many {words} {render.spaced(doc, rest)}")
    if noun.dep_ == "dobj" and noun.head == verb:
        q = render.wh_question(verb, f"how many {words}", np_ids, render.tail_cut(verb, keep))
        return _q(prefix, q)
    return None


def _q(prefix: str, question: str | None) -> str | None:
    if not question:
        return None
    return _finish(prefix, question[:1].lower() + question[1:] if prefix else question)


def _finish(prefix: str, body: str) -> str:
    text = render.tidy(prefix + body).rstrip("?.,; ")
    # Keep a closing quotation mark, but move the question mark outside it: '... development"?'
    text = re.sub(r"[.,;:]+([\"”’])$", r"\1", text)
    return text + "?"


def reported_self(an: Analysis, s: Sentence, core: list[int], t: Target) -> str | None:
    """ "McConnell said he had scheduled a vote for 1 a.m. Monday" -> "Who had scheduled a vote for 1 a.m.
    Monday?": the speaker reports their own act, so the act can be asked about them."""
    doc = s.span.doc
    head = doc[t.end - 1]
    verb = head.head
    if t.kind != "person" or head.dep_ != "nsubj" or verb.lemma_ not in SPEECH or verb.dep_ != "ROOT":
        return None
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > head.i), None)
    subj = render.subject_of(clause) if clause is not None else None
    if subj is None or subj.lower_ not in ("he", "she"):
        return None
    others = [m for m in s.mentions if m.kind == "person" and m.cluster != t.mention.cluster]
    if any(m.tok_start < subj.i for m in others):
        return None  # someone else named before the pronoun: it may be theirs
    ids = [i for i in core if clause.left_edge.i <= i <= clause.right_edge.i and i != subj.i]
    ids = render.tail_cut(clause, [i for i in ids if not (doc[i].dep_ == "mark" and doc[i].head == clause)])
    while ids and doc[ids[-1]].is_punct:
        ids.pop()
    if not ids or ids[0] > clause.i or any(doc[i].text in ('"', "“", "”") for i in ids):
        return None
    if any(doc[i].lower_ in ("he", "she", "him", "his", "her", "they", "it", "this") for i in ids):
        return None
    if ids[0] != clause.i and doc[ids[0]].dep_ not in ("aux", "auxpass", "neg"):
        return None
    return _finish("", f"who {render.spaced(doc, ids)}")
