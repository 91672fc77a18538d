"""Over-generate candidate questions of every type from the analysed article's sentences and facts."""

from __future__ import annotations

import random
import re

from . import gazetteer, render
from .article import Analysis, Sentence
from .clauses import clause_cards
from .contrasts import opposite
from .distractors import entity_options, value_options
from .facts import acronym_cards, flashcards, matching
from .model import Candidate, unit
from .objects import object_questions
from .quotes import quote_matching, quote_questions
from .targets import Target, sentence_weight, targets

TYPE_CONFIDENCE = {
    "mcq": 1.0,
    "short_answer": 0.95,
    "cloze": 0.85,
    "true_false": 0.8,
    "flashcard": 0.8,
    "matching": 0.9,
}
_WH_PREPS = {
    "date": {"on", "in", "by", "until", "since", "for", "before", "after", "from"},
    "place": {"in", "at", "to", "into"},
}
_WHOM_PREPS = frozenset({"to", "with", "against", "from"})
_SPEECH = frozenset(
    "say state tell warn reveal indicate emphasize emphasise assert announce claim argue add "
    "note explain insist confirm maintain suggest write tweet report predict".split()
)


def generate_candidates(an: Analysis, rng: random.Random) -> list[Candidate]:
    """All candidate questions for the article, in a deterministic order."""
    names = {k: c.short for k, c in an.clusters.items()}
    out: list[Candidate] = []
    for s in _worth_asking(an):
        out.extend(quote_questions(an, s, sentence_weight(an, s), rng))
        if render.all_quoted(s) or _BOILERPLATE.search(s.span.text):
            continue  # someone's words without attribution, or "X declined to comment": nothing to learn
        core = render.core_indices(s)
        if core is None or len(core) < 6 or len(core) > 55:
            continue
        out.extend(object_questions(an, s, sentence_weight(an, s), rng))
        out.extend(clause_cards(an, s, sentence_weight(an, s)))
        resolved = render.resolve_subject(s, names)
        resolved.update(render.resolve_demonstratives(s, an.sentences[max(0, s.idx - 2) : s.idx]))
        resolved.update(render.resolve_definites(s, an.sentences[max(0, s.idx - 12) : s.idx]))
        sw = sentence_weight(an, s)
        tgts = targets(an, s)
        parts = render.views(s, core)
        for k, view in enumerate(parts, start=0 if len(parts) == 1 else 1):
            u = unit(s.idx, k)
            for t in tgts:
                if any(t.start <= i < t.end for i in view):
                    out.extend(_for_target(an, s, view, resolved, t, sw, rng, u))
            inside = [t for t in tgts if any(t.start <= i < t.end for i in view)]
            out.extend(_true_false(an, s, view, resolved, inside, sw, rng, u))
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


def _key_form(an: Analysis, t: Target) -> tuple[str, list[str], bool]:
    """(answer, accepted answers, whether options are full names) for a target."""
    if t.kind == "person":
        c = an.clusters[t.mention.cluster]
        full = len(t.key.split()) > 1
        answer = c.name if full else c.short
        return answer, sorted({c.name, c.short, t.key}, key=lambda x: (-len(x), x)), full
    return t.key, [t.key], True


def _options(an: Analysis, shown: str, t: Target, key: str, full: bool, rng: random.Random) -> list[str]:
    if t.kind in ("number", "date"):
        return value_options(key, t.kind, rng)
    return entity_options(an, t.mention.cluster, key, shown, full, rng)


def _base(s: Sentence, u: int) -> dict:
    return {"sent": s.idx, "span": (s.start, s.end), "shown": {u}}


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
    doc = s.span.doc
    if any(t.start <= i < t.end for i in resolved) or not any(t.start <= i < t.end for i in core):
        return out
    key, accepted, full = _key_form(an, t)
    weight = round(0.55 * sw + 0.45 * t.weight, 4)
    tkey = f"{t.kind}:{t.mention.cluster or key}"
    resolved_ids = set(resolved)
    core = render.prune(s, core, set(range(t.start, t.end)))
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
    options = _options(an, cloze, t, key, full, rng)
    # After a title ("Russian President _____") the name is given away; ask "who" about the subject instead.
    titled = t.kind == "person" and t.start > 0 and doc[t.start - 1].lower_ in gazetteer.role_words()
    bank = sorted([key, *options], key=str.lower) if options else []
    if not titled and not _empty_speech(doc, t):
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
                **_base(s, u),
            )
        )
    question = _wh(an, s, core, resolved, t)
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
                **_base(s, u),
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
                    **_base(s, u),
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
                **_base(s, u),
            )
        )
    del doc
    return out


def _speaks(an: Analysis, name: str) -> bool:
    """Whether the named person is the subject of a speech verb somewhere in the article."""
    speakers = an.__dict__.get("_speakers")
    if speakers is None:
        speakers = an.__dict__["_speakers"] = {
            tok.text
            for s in _worth_asking(an)
            for tok in s.span
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ in _SPEECH
        }
    return name.split()[-1] in speakers


def _empty_speech(doc, t: Target) -> bool:
    """A speech verb whose subject is the target but whose content is elsewhere ("X told VOA.")."""
    verb = doc[t.end - 1].head
    return verb.lemma_ in _SPEECH and not any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)


def _wh(an: Analysis, s: Sentence, core: list[int], resolved: dict, t: Target) -> str | None:
    """A wh-question whose answer is the target, or None when no safe transformation applies."""
    doc = s.span.doc
    head = doc[t.end - 1]
    verb = head.head
    prefix = ""
    keep = [i for i in core if i not in resolved]
    subject_text = None
    clause_verb = verb
    while clause_verb.dep_ in ("conj", "xcomp") and clause_verb.head != clause_verb:
        clause_verb = clause_verb.head
    if clause_verb.dep_ == "ccomp" and clause_verb.head.lemma_ in _SPEECH and clause_verb.head.dep_ == "ROOT":
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
        if verb.lemma_ in _SPEECH and not any(
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
        return _how_many(prefix, s, keep, t, clause_verb)
    return None


def _how_many(prefix: str, s: Sentence, keep: list[int], t: Target, verb) -> str | None:
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


def _true_false(
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
    if root.lemma_ in _SPEECH and not any(c.dep_ in ("ccomp", "xcomp") for c in root.children):
        return []  # "Chabot told VOA in a statement": true, but says nothing
    if (
        render.has_unresolved_reference(s, ids, set(resolved))
        or len(ids) > 48
        or not render.is_clause(s.span.doc, ids)
    ):
        return []
    true_text = render.statement(s, ids, resolved)
    out = [
        Candidate(
            "true_false",
            true_text,
            "True",
            ["True"],
            ["True", "False"],
            target=f"tf:{u}",
            weight=round(sw * 0.85, 4),
            difficulty="easy",
            **_base(s, u),
        )
    ]
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
        doc = s.span.doc
        if t.kind == "person" and t.start > 0 and doc[t.start - 1].lower_ in gazetteer.role_words():
            continue
        if t.kind in ("person", "place") and t.end < len(doc) and doc[t.end].tag_ == "POS":
            continue  # "Putin's refusal to yield territory to Russia": a swapped owner reads as absurd
        if t.kind == "person" and doc[t.end - 1].dep_ in ("compound", "nmod", "amod"):
            continue  # "the Ryan administration measure": a name inside a name
        if not any(t.start <= i < t.end for i in ids) or any(t.start <= i < t.end for i in resolved):
            continue
        key, _, full = _key_form(an, t)
        if t.kind in ("org", "group"):
            continue  # bodies nest (the Senate is part of Congress): a swapped one is not clearly false
        if t.kind in ("person", "place"):
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
        else:
            options = _options(an, s.span.text, t, t.key, full, rng)
        if t.kind == "person" and any(doc[i].lemma_ in _SPEECH and doc[i].pos_ == "VERB" for i in ids):
            # Only another speaker of the article is a believable false speaker.
            options = [o for o in options if _speaks(an, o)]
        if not options:
            continue
        replace = dict(resolved)
        replace[t.start] = (t.end, options[0])
        false_text = render.statement(s, ids, replace)
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
                extra={"swapped": options[0], "key": key},
                **_base(s, u),
            )
        )
        break
    if len(out) == 1:
        # No same-kind swap: the main verb's opposite ("upheld" -> "struck down") is as believable.
        verb = root
        if verb.lemma_ in _SPEECH:
            verb = next((c for c in root.children if c.dep_ == "ccomp"), root)
        turned = opposite(verb) if verb.i in ids and verb.i not in resolved else None
        if turned:
            replace = dict(resolved)
            replace[verb.i] = (verb.i + 1, turned)
            out.append(
                Candidate(
                    "true_false",
                    render.statement(s, ids, replace),
                    "False",
                    ["False"],
                    ["True", "False"],
                    target=f"tf:{u}",
                    weight=round(sw * 0.86, 4),
                    difficulty="medium",
                    extra={"opposite": turned},
                    **_base(s, u),
                )
            )
    if len(out) == 1:
        # No same-kind swap: negate the main verb instead (clearly false, if less subtle).
        false_text = render.negated(s, ids, resolved)
        if false_text and false_text != true_text:
            out.append(
                Candidate(
                    "true_false",
                    false_text,
                    "False",
                    ["False"],
                    ["True", "False"],
                    target=f"tf:{u}",
                    weight=round(sw * 0.8, 4),
                    difficulty="easy",
                    extra={"negated": True},
                    **_base(s, u),
                )
            )
    return out
