"""What-questions: who did what ("What did Roberts deliver?") and what did something ("What poses a threat?").

The answer is a noun phrase of the article. Typed answers are graded strictly on words, and the small parser
knows no word classes to find wrong options of the same kind ("debate" against "games", "pressure"), so a
phrase is asked on a self-rated flashcard: front the question, back the phrase.
"""

from __future__ import annotations

import random
import re

from . import render
from .article import Analysis, Sentence
from .keys import person_at
from .model import Candidate, phrase_card, units

_SPEECH = frozenset(
    "say state tell warn reveal indicate emphasize emphasise assert announce claim argue add note explain "
    "insist confirm maintain suggest write tweet report predict believe think know see want".split()
)
# Light verbs say little on their own: "What did they have?", "What did it make?"
_LIGHT = frozenset("be have do make get take give go come put seem become include".split())
_WEAK_HEADS = frozenset(
    "way thing lot part kind sort number one ones time day week year people something anything "
    "nothing everything issue issues fact case point place situation matter".split()
)
_PEOPLE = frozenset(
    "lawmaker legislator senator official officer leader member people person resident citizen voter "
    "student teacher worker agent analyst expert critic supporter opponent protester demonstrator refugee "
    "soldier troop police investigator prosecutor lawyer attorney judge justice minister diplomat envoy "
    "negotiator spokesman spokeswoman spokesperson president governor mayor candidate activist scientist "
    "researcher doctor patient victim child man woman family parent democrat republican".split()
)
# People the article does not tell apart: an answer "US officials" leaves every named official right too.
_VAGUE_PEOPLE = frozenset("official source person people expert analyst observer".split())
_PRONOUNS = frozenset("it they them this that these those he she him her we us you i what which who".split())
MAX_WORDS = 8


def object_questions(an: Analysis, s: Sentence, sw: float, rng: random.Random) -> list[Candidate]:
    """Multiple-choice and flashcard what-questions about the main clause's object or subject."""
    root = s.span.root
    core = render.core_indices(s)
    if core is None or root.i not in core:
        return []
    names = {k: c.short for k, c in an.clusters.items()}
    resolved = render.resolve_subject(s, names)
    # the same readings the other realisers use: "this offer" after "Putin seeks ..." is Putin's offer
    resolved.update(render.settled_references(an.sentences, s))
    if root.lemma_ in _SPEECH:
        return _reported(an, s, core, resolved, root, sw, rng)
    if root.pos_ != "VERB" or root.lemma_ in _LIGHT or any(c.dep_ == "neg" for c in root.children):
        return []
    subj = render.subject_of(root)
    if subj is None or subj.dep_ != "nsubj":
        return []
    out: list[Candidate] = []
    obj = next((c for c in root.children if c.dep_ == "dobj"), None)
    if obj is not None and any(t.text == "," for t in s.span.doc[root.i + 1 : obj.left_edge.i]):
        obj = None  # "flew Sunday to Singapore, the planned site ...": an appositive taken for the object
    if obj is not None:
        out.extend(_ask(an, s, core, resolved, root, obj, "object", sw, rng))
    if subj.i not in resolved and not _names_person(s, subj):
        out.extend(_ask(an, s, core, resolved, root, subj, "subject", sw, rng))
    return out


def _reported(an, s, core, resolved, root, sw, rng) -> list[Candidate]:
    """ "Zelensky revealed that US officials had conveyed the idea ..." -> "According to Zelensky, who had
    conveyed the idea ...?" / "US officials": the subject of what a named speaker reports."""
    speaker = render.subject_of(root)
    who = person_at(an, s, speaker) or (
        resolved[speaker.i][1] if speaker is not None and speaker.i in resolved else None
    )
    clause = next((c for c in root.children if c.dep_ == "ccomp" and c.i > root.i), None)
    if who is None or clause is None or clause.pos_ not in ("VERB", "AUX") or clause.lemma_ in _LIGHT:
        return []
    subj = render.subject_of(clause)
    if (
        subj is None
        or subj.dep_ != "nsubj"
        or _names_person(s, subj)
        or any(c.dep_ == "neg" for c in clause.children)
    ):
        return []
    if render.quoted(s) & set(range(clause.left_edge.i, clause.right_edge.i + 1)):
        return []  # a quotation is the speaker's own words, asked by "Who said ...?"
    return _ask(an, s, core, resolved, clause, subj, "subject", sw, rng, prefix=f"According to {who}, ")


def _ask(an, s, core, resolved, verb, np, role, sw, rng, prefix: str = "") -> list[Candidate]:
    doc = render.tokens(s)
    ids = phrase_ids(np)
    if ids is None or not all(i in core for i in ids):
        return []
    if render.has_unresolved_reference(s, ids, set(resolved)):
        return []  # "this offer" as a card's back: which offer?
    if any(i in resolved for i in ids):
        return []  # "Putin's offer" for "this offer": a back naming the thing, not saying what it was
    if role == "subject" and np.tag_ == "NNS" and np.lemma_.lower() in _VAGUE_PEOPLE and len(ids) <= 3:
        return []  # "Who had conveyed the idea ...? US officials": the envoy the article names fits too
    answer = render.join(s, ids, {i: r for i, r in resolved.items() if i in ids})
    whole = range(np.left_edge.i, np.right_edge.i + 1)
    if not _good_phrase(doc, np, ids) or any(
        m.kind in ("number", "date", "person")
        and any(m.tok_start <= i < m.tok_end for i in whole)
        or m.tok_start <= np.i < m.tok_end
        and not (prefix and m.kind == "place")
        for m in s.mentions
    ):
        return []  # numbers and names have questions of their own (a reported place may be asked)
    remove = set(range(np.left_edge.i, np.right_edge.i + 1))
    keep = render.tail_cut(verb, [i for i in core if i not in resolved or role == "object"])
    shown = [i for i in keep if i not in remove]
    if render.has_unresolved_reference(s, shown, set(resolved)):
        return []
    if role == "object":
        subject = render.subject_of(verb)
        subject_text = resolved[subject.i][1] if subject is not None and subject.i in resolved else None
        if any(
            i in resolved and i != (subject.i if subject is not None else -1) for i in keep if i not in remove
        ):
            return []  # the question would show a word it reads otherwise ("this" for "Putin's")
        question = render.wh_question(verb, "what", remove, keep, subject_text)
    else:
        question = _what_subject(doc, verb, remove, keep)
    if question and prefix:
        question = prefix + question[:1].lower() + question[1:]
    if not question or not 5 <= len(question.split()) <= 30:
        return []
    if re.search(r" [—–-] |[—–]", question):
        return []  # a dash-set remark of the sentence would dangle in the question
    key = _bare(answer)
    if not _telling(doc, ids):
        return []  # "Debate", "Senators", "Their use", "New legislation": a back that says nothing
    weight = round(0.55 * sw + 0.45 * (0.6 if role == "object" else 0.5), 4)
    target = f"what:{s.idx}:{role}:{verb.i}"
    base = {"sent": s.idx, "span": (s.start, s.end), "shown": units(s.idx), "target": target}
    return [
        Candidate(
            "flashcard",
            question,
            key[:1].upper() + key[1:],
            [key],
            [],
            weight=round(weight * 0.9, 4),
            difficulty="medium",
            extra={"phrase": True},
            **base,
        )
    ]


def phrase_ids(np) -> list[int] | None:
    """The noun phrase without a trailing clause or side remark; None when it is too long to be an option."""
    doc = np.doc
    drop: set[int] = set()
    for t in np.subtree:
        if t.dep_ in ("relcl", "acl", "appos", "advcl") or t.dep_ == "prep" and t.i > np.i + 3:
            drop.update(range(t.left_edge.i, t.right_edge.i + 1))
    ids = [t.i for t in np.subtree if t.i not in drop]
    while ids and (doc[ids[-1]].is_punct or doc[ids[-1]].dep_ in ("cc", "prep")):
        ids.pop()
    if not ids or ids != list(range(ids[0], ids[-1] + 1)) or len(ids) > MAX_WORDS:
        return None
    return ids


def _good_phrase(doc, np, ids: list[int]) -> bool:
    if np.lower_ in _PRONOUNS or np.pos_ not in ("NOUN", "PROPN") or np.lemma_.lower() in _WEAK_HEADS:
        return False
    words = [doc[i] for i in ids]
    if any(w.text in ('"', "“", "”", "(", ")") for w in words):
        return False
    if any(w.lower_ in _PRONOUNS and w.pos_ == "PRON" and w.dep_ != "poss" for w in words):
        return False  # "us", not "US officials"
    content = [w for w in words if w.pos_ in ("NOUN", "PROPN", "ADJ", "VERB")]
    return bool(content) and not (len(words) == 1 and np.pos_ == "NOUN" and not np.tag_.startswith("NN"))


def _names_person(s: Sentence, tok) -> bool:
    return any(m.kind == "person" and m.tok_start <= tok.i < m.tok_end for m in s.mentions)


def _inside(s: Sentence, ids: list[int]):
    lo, hi = ids[0], ids[-1]
    return [m for m in s.mentions if lo <= m.tok_start and m.tok_end - 1 <= hi]


def _what_subject(doc, verb, remove: set[int], keep: list[int]) -> str | None:
    """ "The proliferation of drones poses a threat" -> "What poses a threat?" (singular agreement)."""
    rest = [i for i in keep if i not in remove and verb.left_edge.i <= i <= verb.right_edge.i]
    rest = [i for i in rest if not (doc[i].dep_ == "mark" and doc[i].head == verb)]
    while rest and doc[rest[-1]].is_punct:
        rest.pop()
    if not rest:
        return None
    first = doc[rest[0]]
    if first.i < verb.i and first.dep_ not in ("aux", "auxpass", "neg", "advmod"):
        return None
    swap = {}
    singular = {"have": "has", "are": "is", "were": "was", "do": "does"}
    if first.lower_ in singular:
        swap[first.i] = singular[first.lower_]
    elif first.tag_ == "VBP":
        return None  # "drones pose" would need "What poses": leave the rarer cases out
    subject = render.subject_of(verb)
    wh = "Who" if subject is not None and _is_people(subject) else "What"
    return render.tidy(f"{wh} " + render.spaced(doc, rest, swap)) + "?"


def _bare(phrase: str) -> str:
    """A phrase without its leading article, so that no option is told apart by "a" or "the"."""
    return re.sub(r"^(the|a|an)\s+", "", phrase, flags=re.I)


_GENERIC = frozenset(
    "legislation debate bill law measure plan deal issue issues talks meeting statement decision move "
    "effort action change changes program report senators lawmakers officials people".split()
)


def _telling(doc, ids: list[int]) -> bool:
    """A phrase that tells something on a card's back: no pronoun, and a name, a figure, or a head noun
    with words of its own ("spending authority", "majority opinion")."""
    words = [doc[i] for i in ids if doc[i].lower_ not in ("the", "a", "an")]
    if any(w.pos_ == "PRON" or w.lower_ in ("their", "its", "his", "her") for w in words):
        return False
    if any(w.pos_ in ("PROPN", "NUM") for w in words):
        return True
    head = words[-1] if words else None
    return head is not None and len(words) >= 2 and not (head.lemma_.lower() in _GENERIC and len(words) < 3)


def _is_people(head) -> bool:
    """Whether a subject's head noun names people ("a bipartisan group of lawmakers", "officials")."""
    if head.lemma_.lower() in _PEOPLE:
        return True
    of = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
    return head.lemma_.lower() in ("group", "number", "coalition", "team") and any(
        g.lemma_.lower() in _PEOPLE for p in of for g in p.children if g.dep_ == "pobj"
    )


_MOVED = frozenset("reassign assign transfer move send relocate appoint promote demote".split())


def destination_card(an: Analysis, s: Sentence, sw: float) -> list[Candidate]:
    """ "Strzok has since been reassigned to the FBI's human resources department" -> "Where has Strzok
    since been reassigned to?" / "The FBI's human resources department": where someone was moved."""
    root = s.span.root
    core = render.core_indices(s)
    if core is None or root.lemma_ not in _MOVED or root.i not in core:
        return []
    to = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "to" and c.i > root.i), None)
    dest = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if (
        dest is None
        or dest.pos_ != "NOUN"
        or any(m.tok_start <= dest.i < m.tok_end for m in s.mentions if m.kind in ("person", "place"))
    ):
        return []  # a person or a place has questions of its own
    ids = phrase_ids(dest)
    if ids is None or not all(i in core for i in ids) or not _telling(s.span.doc, ids):
        return []
    names = {k: c.short for k, c in an.clusters.items()}
    resolved = render.resolve_subject(s, names)
    cut = set(range(to.left_edge.i, to.right_edge.i + 1))
    for c in root.children:  # "... and being investigated for ...": a second act, not asked here
        if c.dep_ in ("conj", "cc") and c.i > to.right_edge.i:
            cut.update(range(c.left_edge.i, c.right_edge.i + 1))
    keep = [i for i in core if i not in cut or i in range(to.left_edge.i, to.right_edge.i + 1)]
    # "has since been reassigned": "since" leans on what came before; the question reads without it
    keep = [i for i in keep if not (s.span.doc[i].lower_ == "since" and s.span.doc[i].dep_ == "advmod")]
    subject = render.subject_of(root)
    subject_text = resolved[subject.i][1] if subject is not None and subject.i in resolved else None
    question = render.wh_question(root, "where", set(range(to.left_edge.i, to.right_edge.i + 1)), keep,
                                  subject_text)  # fmt: skip
    if not question or render.has_unresolved_reference(s, [i for i in keep if i not in cut], set(resolved)):
        return []
    question = question.rstrip("?") + " to?"
    answer = render.join(s, ids, {})
    answer = answer[:1].upper() + answer[1:]
    return [
        phrase_card(
            s, question, answer, [answer], f"where:{s.idx}:{dest.i}", round(0.55 * sw + 0.45 * 0.6, 4)
        )
    ]
