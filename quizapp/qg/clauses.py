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
from .model import Candidate, units

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
    """A card the learner rates: a clause is too long to type and grade word for word."""
    return Candidate(
        "flashcard",
        question,
        answer,
        [answer.rstrip(".")],
        [],
        s.idx,
        (s.start, s.end),
        target,
        weight,
        "hard",
        units(s.idx),
        {"phrase": True},
    )


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
    both.update(render.resolve_demonstratives(s, an.sentences[max(0, s.idx - 2) : s.idx]))
    both.update(render.resolve_definites(s, an.sentences[max(0, s.idx - 12) : s.idx]))
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
