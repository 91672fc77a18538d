"""True/false statements: the clause as the article has it, and false ones made by a believable change.

A false statement swaps a number or date for a nearby one, a place for another of the article, a speaker
for another speaker or a person for one of the same office, or turns the verb into its opposite. Names
of other kinds (Trump for Strzok) would be absurd, and "did not" would be a cue: neither is used.
"""

from __future__ import annotations

import random
import re

from . import gazetteer, render
from .article import Analysis, Sentence
from .contrasts import opposite, opposite_complement
from .distractors import entity_options
from .keys import SPEECH, base, key_form, options_for, speaks
from .model import Candidate
from .targets import Target

_UPPER_BOUND = re.compile(r"\b(as (many|much) as|up to)\b")


def true_false(
    an: Analysis,
    s: Sentence,
    core: list[int],
    resolved: dict,
    tgts: list[Target],
    sw: float,
    rng: random.Random,
    u: int,
) -> list[Candidate]:
    ids = render.prune(s, render.tail_cut(s.span.root, core), {t.start for t in tgts[:1]})
    root = s.span.root
    if root.lemma_ in SPEECH and not any(c.dep_ in ("ccomp", "xcomp") for c in root.children):
        return []  # "Chabot told VOA in a statement": true, but says nothing
    subject = render.subject_of(root)
    if root.lemma_ in SPEECH and subject is not None and _media(subject):
        return []  # "CNN, citing an unnamed source, reported that ...": which outlet said it is a detail
    if (
        render.has_unresolved_reference(s, ids, set(resolved))
        or len(ids) > 48
        or not render.is_clause(s.span.doc, ids)
    ):
        return []
    # "Attorney General Jeff Sessions" read as "Jeff Sessions": the statement tests the clause, and a
    # title beside the full name would give away the card or matching set that asks for the role.
    ids = [i for i in ids if i not in render.title_ids(s)]
    true_text = render.statement(s, ids, resolved)
    out = [_statement(true_text, "True", s, u, round(sw * 0.85, 4), "easy")]
    # Prefer swapping a number or date; a swapped name after its title ("Ukrainian President ...") is a cue.
    order = sorted(
        tgts,
        key=lambda t: (
            t.kind not in ("number", "date"),
            t.start > 0 and s.span.doc[t.start - 1].tag_ == "NNP",
            -t.weight,
            t.start,
        ),
    )
    for t in order:
        doc = render.tokens(s)
        if t.kind == "person" and t.start > 0 and doc[t.start - 1].lower_ in gazetteer.role_words():
            continue
        if t.kind in ("person", "place") and t.end < len(doc) and doc[t.end].tag_ == "POS":
            continue  # "Putin's refusal to yield territory to Russia": a swapped owner reads as absurd
        if t.kind == "person" and doc[t.end - 1].dep_ in ("compound", "nmod", "amod"):
            continue  # "the Ryan administration measure": a name inside a name
        if not any(t.start <= i < t.end for i in ids) or any(t.start <= i < t.end for i in resolved):
            continue
        key, _, full = key_form(an, t)
        if t.kind == "org":
            continue  # bodies nest (the Senate is part of Congress): a swapped one is not clearly false
        if t.kind in ("person", "place", "group"):
            # Only a name the article itself keeps apart is clearly wrong in the statement: "Luhansk"
            # from a shipped list may well be part of the "Donbas" the article names.
            options = entity_options(
                an,
                t.mention.cluster,
                t.key if t.kind != "person" else key,
                s.span.text,
                full,
                rng,
                count=1,
                article_only=True,
            )
            if t.kind == "place":
                # A place the article names nearby may be just as true there ("abandoning Crimea would
                # ignore ... occupation", beside "when Russia annexed Crimea").
                options = [o for o in options if not _named_near(an, o, s.idx)]
        else:
            options = options_for(an, s.span.text, t, t.key, full, rng)
        if t.kind == "person":
            # A swapped person is believable and clearly false only as another speaker for a speaker, or
            # as someone of the same office ("Senator Graham" for "Senator Baldwin"); "CNN reported that
            # Trump was escorted out" for Strzok is absurd, not a test of reading.
            head = doc[t.end - 1]
            if head.dep_ == "nsubj" and head.head.lemma_ in SPEECH and head.head.i in ids:
                # ... and not someone the quotation itself names ('"Pete has complied," Peter Strzok said').
                words = {w[:4].lower() for w in s.span.text.split() if w[:1].isupper()}
                options = [o for o in options if speaks(an, o) and o.split()[0][:4].lower() not in words]
            else:
                options = _peers(an, t.mention.cluster, s.span.text, full)
            # "Putin warned of future Russian aggression": a person set against their own side is absurd.
            options = [o for o in options if not _own_side_named(an, o, s.span.text)]
        if t.kind == "place" and doc[t.end - 1].dep_ == "pobj" and doc[t.end - 1].head.lower_ == "by":
            continue  # "occupation by Ukraine" for "by Russia": the roles reversed, not a fact changed
        if not options:
            continue
        replace = dict(resolved)
        replace[t.start] = (t.end, options[0])
        shown_ids = ids
        if t.kind == "person":  # the role set beside the name is theirs, not the swapped-in person's
            shown_ids = [i for i in ids if i not in _appositive_ids(doc, doc[t.end - 1])]
        false_text = render.statement(s, shown_ids, replace)
        out.append(
            Candidate(
                "true_false",
                false_text,
                "False",
                ["False"],
                ["True", "False"],
                target=f"tf:{u}",
                weight=round(sw * 0.87, 4),  # false ones are scarcer: take them first, for balance
                difficulty="medium",
                extra={"swapped": options[0], "key": key, "kind": t.kind},
                **base(s, u),
            )
        )
        break
    if out:
        # The main verb's opposite ("upheld" -> "struck down") is as believable as a swap: both are made,
        # and selection takes at most one false statement of a sentence (the swap first).
        verb = root
        if verb.lemma_ in SPEECH:
            verb = next((c for c in root.children if c.dep_ == "ccomp"), root)
        fits = verb.i in ids and verb.i not in resolved and verb.i not in render.quoted(s)
        if verb.tag_ == "VBD" and not any(any(m.tok_start <= i < m.tok_end for i in ids) for m in s.mentions):
            fits = False  # "Shares ... soared": a past event with no name or date to anchor it (after what?)
        if fits and _UPPER_BOUND.search(render.spaced(render.tokens(s), [t.i for t in verb.subtree])):
            fits = False  # "could shrink to as many as 4 million": an upper bound reads oddly the other way
        turned = opposite(verb) if fits else None  # a speaker's own words are never changed
        replace = dict(resolved)
        if turned:
            replace[verb.i] = (verb.i + 1, turned)
        elif fits and (complement := opposite_complement(verb)) and complement[1] - 1 in ids:
            start, end, turned = complement  # "Drones have grown more expensive" for "... cheaper"
            replace[start] = (end, turned)
        if turned:
            out.append(
                _statement(
                    render.statement(s, ids, replace),
                    "False",
                    s,
                    u,
                    round(sw * 0.86, 4),
                    "medium",
                    {"opposite": turned},
                )
            )
    for c in out:
        c.extra["true_text"] = true_text  # what the headline may already settle
    return out


def _peers(an: Analysis, cluster: str, shown: str, full: bool) -> list[str]:
    """Other people of the article whose role has the same head word as this person's ("Senator")."""
    roles = an.__dict__.get("_role_heads")
    if roles is None:
        roles = an.__dict__["_role_heads"] = {
            d.cluster: d.text.split()[-1].lower() for d in an.descriptions if d.cluster.startswith("person:")
        }
    mine = roles.get(cluster)
    if mine is None:
        return []
    out = []
    for key, head in sorted(roles.items()):
        c = an.clusters.get(key)
        if key == cluster or head != mine or c is None or c.short in shown:
            continue
        out.append(c.name if full else c.short)
    return out[:1]


def _named_near(an: Analysis, name: str, idx: int) -> bool:
    """Whether ``name`` stands in one of the two sentences before or after sentence ``idx``."""
    near = an.sentences[max(0, idx - 2) : idx + 3]
    return any(name in s.span.text for s in near)


def _own_side_named(an: Analysis, name: str, text: str) -> bool:
    """Whether ``text`` names the country or side that ``name``'s role belongs to ("Russian" for Putin)."""
    sides = {
        w.lower()
        for d in an.descriptions
        if d.cluster in an.clusters and an.clusters[d.cluster].name.endswith(name.split()[-1])
        for w in d.text.split()[:-1]
        if w[:1].isupper() and len(w) > 3
    }
    # "Russian" (Putin's title) against "Russia" in the statement: the same side.
    words = {w.lower().strip(".,'’")[:5] for w in text.split()}
    return bool({w[:5] for w in sides} & words)


def _statement(text: str, answer: str, s: Sentence, u: int, weight: float, difficulty: str, extra=None):
    """One true/false candidate for view ``u`` of sentence ``s``."""
    return Candidate(
        "true_false",
        text,
        answer,
        [answer],
        ["True", "False"],
        target=f"tf:{u}",
        weight=weight,
        difficulty=difficulty,
        extra=extra or {},
        **base(s, u),
    )


def _appositive_ids(doc, head) -> set[int]:
    """The tokens of the appositive after a name, with the commas that set it off."""
    out: set[int] = set()
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i:
            start, end = child.left_edge.i, child.right_edge.i
            out.update(range(start, end + 1))
            if start > 0 and doc[start - 1].text == ",":
                out.add(start - 1)
            if end + 1 < len(doc) and doc[end + 1].text == ",":
                out.add(end + 1)
    return out


def _media(subject) -> bool:
    """Whether a speech verb's subject is a news outlet ("CNN", "South Korea's Yonhap news agency")."""
    words = " ".join(t.lower_ for t in subject.subtree if t.dep_ != "punct" and t.i <= subject.i)
    outlets = gazetteer.media()
    return words in outlets or subject.lower_ in outlets or "news agency" in words
