"""When- and why-cards from a main clause and its time or reason clause.

"Mueller removed Strzok from his team last year after the inspector general brought the messages to his
attention" gives the card "When did Mueller remove Strzok from his team last year?" / "After the inspector
general brought the messages to his attention." A clause is too long to type and grade word for word, so
these are self-rated flashcards: they test what happened first, and why. "Zelensky declined this offer,
asserting that it would be unconstitutional" gives "Why did Zelensky decline Putin's offer?" with the
reason he gave, on his word.
"""

from __future__ import annotations

from . import render
from .article import Analysis, Sentence, title_before
from .model import Candidate, phrase_card

_WH = {"after": "When", "before": "When", "until": "Until when", "because": "Why", "once": "When"}
MAX_ANSWER_WORDS = 22
# "declined this offer, asserting that it would be unconstitutional": the reason the actor gave
_PAST = {
    "assert": "asserted", "say": "said", "argue": "argued", "claim": "claimed", "insist": "insisted",
    "warn": "warned", "explain": "explained",
}  # fmt: skip
_GIVING_REASONS = frozenset(_PAST)


def clause_cards(an: Analysis, s: Sentence, sw: float) -> list[Candidate]:
    """Flashcards asking when or why the main clause happened, answered by its after/before/because clause.

    Not "after speaking with ...": readers take that for the source of what was learnt, not its time."""
    root = s.span.root
    core = render.core_indices(s)
    if core is None or root.pos_ not in ("VERB", "AUX") or root.i not in core:
        return []
    core = [i for i in core if i not in render.title_ids(s)]  # "When did Robert Mueller remove ...?"
    names = {k: c.short for k, c in an.clusters.items()}
    resolved = render.resolve_subject(s, names)
    out: list[Candidate] = []
    for clause in root.children:
        if clause.i < root.i:
            continue
        if clause.dep_ != "advcl":
            continue
        if clause.tag_ == "VBG" and clause.lemma_ in _GIVING_REASONS:
            card = _reason_card(an, s, core, resolved, root, clause, sw)
            if card is not None:
                out.append(card)
            continue
        mark = next((c for c in clause.children if c.dep_ == "mark" and c.i == clause.left_edge.i), None)
        if mark is None or mark.lower_ not in _WH:
            continue
        card = _card(an, s, core, resolved, root, clause, mark, sw)
        if card is not None:
            out.append(card)
    return out


def _card(an, s, core, resolved, root, clause, mark, sw) -> Candidate | None:
    doc = s.span.doc
    part = set(range(clause.left_edge.i, clause.right_edge.i + 1))
    if doc[clause.left_edge.i - 1].text == ",":
        part.add(clause.left_edge.i - 1)
    answer_ids = [i for i in core if i in part and not doc[i].is_punct or i in part and doc[i].text == ","]
    while answer_ids and doc[answer_ids[0]].is_punct:
        answer_ids.pop(0)
    while answer_ids and doc[answer_ids[-1]].is_punct:
        answer_ids.pop()
    if not answer_ids or not 3 <= len(answer_ids) <= MAX_ANSWER_WORDS or render.quoted(s) & part:
        return None
    subject = render.subject_of(clause)
    if subject is not None and subject.pos_ == "PRON":
        return None  # "Before it can go into effect": the back says nothing of its own
    keep = render.tail_cut(root, [i for i in core if i not in part])  # one time phrase, the answer's
    subject_text = resolved[min(resolved)][1] if resolved else None
    question = render.wh_question(root, _WH[mark.lower_].lower(), part, keep, subject_text)
    if question is None or not 5 <= len(question.split()) <= 30:
        return None
    shown = [i for i in keep if i not in resolved]
    if render.has_unresolved_reference(s, shown, set(resolved)):
        return None
    # The answer's own pronouns may lean on the question ("his attention" = Mueller's), nothing else.
    if render.has_unresolved_reference(s, shown + answer_ids, set(resolved)):
        return None
    answer = render.tidy(render.spaced(doc, _names_short(an, s, answer_ids))).rstrip(",;:") + "."
    return _self_rated(s, question, answer, f"clause:{s.idx}:{clause.i}", round(0.55 * sw + 0.45 * 0.55, 4))


def _self_rated(s: Sentence, question: str, answer: str, target: str, weight: float) -> Candidate:
    """A card the learner rates, its back a clause (the typed form without the final period)."""
    return phrase_card(s, question, answer, [answer.rstrip(".")], target, weight, "hard")


def _reason_card(an, s, core, resolved, root, clause, sw) -> Candidate | None:
    """ "Zelensky unequivocally declined this offer, asserting that it would be unconstitutional ..."
    gives "Why did Zelensky unequivocally decline Putin's offer?" / "Zelensky asserted that it would be
    unconstitutional ...": the reason the actor gave, on their word."""
    doc = s.span.doc
    said = next((c for c in clause.children if c.dep_ == "ccomp"), None)
    speaker = render.subject_of(root)
    if said is None or speaker is None or any(c.dep_ == "neg" for c in root.children):
        return None
    part = set(range(clause.left_edge.i, clause.right_edge.i + 1))
    if doc[clause.left_edge.i - 1].text == ",":
        part.add(clause.left_edge.i - 1)
    if render.quoted(s) & part:
        return None  # a quotation is asked who said it
    reason = [i for i in core if said.left_edge.i <= i <= said.right_edge.i]
    while reason and (doc[reason[0]].dep_ == "mark" or doc[reason[0]].is_punct):
        reason.pop(0)
    while reason and doc[reason[-1]].is_punct:
        reason.pop()
    if not 3 <= len(reason) <= MAX_ANSWER_WORDS:
        return None
    both = dict(resolved)
    both.update(render.settled_references(an.sentences, s))
    keep = render.tail_cut(root, [i for i in core if i not in part])
    subject_text = resolved[speaker.i][1] if speaker.i in resolved else None
    shown = [i for i in keep if i not in both]
    if render.has_unresolved_reference(s, shown, set(both)):
        return None
    question = render.wh_question(root, "why", part, keep, subject_text)
    if question is None or not 5 <= len(question.split()) <= 30:
        return None
    for start, (end, text) in both.items():  # "this offer" reads "Putin's offer", as everywhere else
        if start in keep and start not in resolved:
            text = "the" + text[3:] if text.startswith("The ") else text
            question = question.replace(doc[start:end].text, text, 1)
    who = subject_text or render.spaced(doc, list(range(speaker.left_edge.i, speaker.right_edge.i + 1)))
    if render.has_unresolved_reference(s, shown + reason, set(both)):
        return None
    body = render.spaced(doc, reason)
    if doc[reason[0]].tag_ not in ("NNP", "NNPS") and doc[reason[0]].lower_ != "i":
        body = body[:1].lower() + body[1:]
    answer = f"{who} {_PAST[clause.lemma_]} that {body}".rstrip(",;:") + "."
    return _self_rated(s, question, answer, f"reason:{s.idx}:{clause.i}", round(0.55 * sw + 0.45 * 0.6, 4))


def _names_short(an: Analysis, s: Sentence, ids: list[int]) -> list[int]:
    """The answer's tokens with each person named by surname alone, without title or first name: a short
    back ("After speaking with Trump and Witkoff"), and one that tells no other card's pair."""
    keep = set(ids)
    for m in s.mentions:
        if m.kind != "person" or m.cluster not in an.clusters or m.tok_end - 1 not in keep:
            continue
        # "special envoy Steve Witkoff": the title goes with the first name (the small parser often hangs
        # "special" elsewhere, so the title is read off the surface, as for roles)
        title = title_before(s.span.doc, m.tok_start)
        start = m.tok_start - len(title.split()) if title else m.tok_start
        keep -= set(range(start, m.tok_end - 1))
    return [i for i in ids if i in keep]


# "pressed Congress to pass ...", "calling on Congress to pass ...": what someone urged others to do
_URGING = {"press": "press", "urge": "urge", "ask": "ask", "call": "call on", "push": "push"}
MAX_URGED_WORDS = 26


def urged_cards(an: Analysis, s: Sentence, sw: float) -> list[Candidate]:
    """ "officials warned ... as they pressed Congress to pass legislation that would allow agents to take
    down suspicious drones" gives "What did top U.S. security and aviation officials press Congress to
    do?" / "Pass legislation that would allow agents to ... take down suspicious drones."."""
    root = s.span.root
    core = render.core_indices(s)
    if core is None:
        return []
    doc = s.span.doc
    spoken = render.quoted(s)
    out: list[Candidate] = []
    for verb in s.span:
        if (
            verb.lemma_ not in _URGING
            or verb.pos_ != "VERB"
            or verb.dep_ not in ("ROOT", "advcl")
            or verb.i in spoken
        ):
            continue
        if verb.lemma_ == "call":
            on = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "on"), None)
            obj = next((c for c in on.children if c.dep_ == "pobj"), None) if on is not None else None
        else:
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        to = next((c for c in verb.children if c.dep_ == "xcomp" and _to_infinitive(c)), None)
        if (
            obj is None
            or to is None
            or obj.pos_ not in ("PROPN", "NOUN")
            or any(c.dep_ == "neg" for c in verb.children)
        ):
            continue
        who = _urger(verb, root)
        if who is None:
            continue
        who_ids = [t.i for t in who.subtree if t.dep_ not in ("relcl", "appos", "punct") and t.i < who.i + 1]
        who_text = render.spaced(doc, who_ids)
        if doc[who_ids[0]].tag_ not in ("NNP", "NNPS"):
            who_text = who_text[:1].lower() + who_text[1:]
        obj_text = render.spaced(doc, list(range(obj.left_edge.i, obj.right_edge.i + 1)))
        back = [i for i in range(to.i, to.right_edge.i + 1) if i in core]
        while back and doc[back[-1]].is_punct:
            back.pop()
        if not 3 <= len(back) <= MAX_URGED_WORDS or set(back) & spoken:
            continue
        resolved = render.resolve_definites(s, render.earlier(an.sentences, s, render.DEFINITE_REACH))
        if render.has_unresolved_reference(s, back, set(resolved)):
            continue  # "pass it": which?
        body = render.join(s, back, {i: r for i, r in resolved.items() if i in back})
        question = f"What did {who_text} {_URGING[verb.lemma_]} {obj_text} to do?"
        if not 6 <= len(question.split()) <= 30:
            continue
        answer = body[:1].upper() + body[1:].rstrip(",;:") + "."
        out.append(
            _self_rated(s, question, answer, f"urged:{s.idx}:{verb.i}", round(0.55 * sw + 0.45 * 0.65, 4))
        )
    return out


def _to_infinitive(verb) -> bool:
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children)


def _urger(verb, root):
    """Who urged: the verb's own subject, or for "as they pressed ...", "calling on ..." the main clause's."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.pos_ != "PRON":
        return subj
    if verb.dep_ != "advcl":
        return None
    main = render.subject_of(root)
    if main is None or main.pos_ == "PRON":
        return None
    if subj is None and verb.tag_ == "VBG":
        return main  # "Trump rescinded ..., calling on Congress to ...": Trump called
    if subj is not None and subj.lower_ == "they" and main.tag_ in ("NNS", "NNPS"):
        return main  # "officials warned ... as they pressed Congress": the officials
    return None
