"""Turn parsed sentences into clean standalone strings: statements, blanks and wh-questions.

Everything is built from tokens of the parse (never from raw character slices), so a prompt cannot run
into the next paragraph or cut a word in half.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .article import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Token

BLANK = "_____"
_INTRO_DEPS = ("prep", "advmod", "npadvmod", "cc", "advcl", "intj")
_REFERENCE_WORDS = frozenset("it they them this these those that there such".split())
_DO = {"VBD": "did", "VBZ": "does", "VBP": "do"}


def core_indices(sent: Sentence) -> list[int] | None:
    """Token indices of the sentence worth showing alone: no intro phrase, no brackets; None if unusable."""
    toks = [t for t in sent.span if not t.is_space]
    if not toks:
        return None
    keep = [t.i for t in toks]
    # Drop a short discourse intro ("In addition,", "Meanwhile,", "But") before the subject.
    comma = next((t for t in toks[:7] if t.text == ","), None)
    if comma is not None and all(t.dep_ in _INTRO_DEPS or t.head.i < comma.i for t in toks if t.i < comma.i):
        heads = {t.head.i for t in toks if t.i < comma.i and t.head.i >= comma.i}
        if len(heads) <= 1 and comma.i - toks[0].i <= 5:
            keep = [i for i in keep if i > comma.i]
    first = sent.span.doc[keep[0]] if keep else None
    if first is not None and first.dep_ == "cc" and first.lower_ in ("but", "and", "so", "yet"):
        keep = keep[1:]
    depth = 0
    out = []
    for i in keep:
        text = sent.span.doc[i].text
        if text == "(":
            depth += 1
        if depth == 0:
            out.append(i)
        if text == ")" and depth:
            depth -= 1
    return out or None


def join(sent: Sentence, indices: list[int], replace: dict[int, tuple[int, str]] | None = None) -> str:
    """Join tokens (with their own spacing); ``replace`` maps a start index to (end index, text)."""
    doc = sent.span.doc
    replace = replace or {}
    parts: list[str] = []
    skip_to = -1
    index_set = set(indices)
    for i in indices:
        if i < skip_to:
            continue
        if i in replace:
            end, text = replace[i]
            ws = doc[end - 1].whitespace_ if end - 1 in index_set else " "
            parts.append(text + ws)
            skip_to = end
            continue
        tok = doc[i]
        nxt = i + 1
        parts.append(tok.text + (tok.whitespace_ if nxt in index_set or nxt >= len(doc) else " "))
    return tidy("".join(parts))


def tidy(text: str) -> str:
    """Collapse spaces, fix spacing around punctuation and capitalise the first letter."""
    text = " ".join(text.split())
    text = re.sub(r"\s+([,.;:?!)%]|['’]s\b|n't\b)", r"\1", text)
    text = re.sub(r",\s*([,.?!])", r"\1", text)
    text = re.sub(r"^[,;:\s]+", "", text)
    text = re.sub(r"\(\s+", "(", text)
    return text[:1].upper() + text[1:] if text else text


def statement(sent: Sentence, indices: list[int], replace: dict[int, tuple[int, str]] | None = None) -> str:
    """A full declarative sentence ending with a period."""
    text = join(sent, indices, replace).rstrip()
    text = re.sub(r"[,;:]+$", "", text)
    if re.search(r"[.!?][\"”’']$", text):
        return text
    text = re.sub(r"[.]+$", "", text)
    if text.endswith(("?", "!")):
        return text
    return text + "."


def resolve_subject(sent: Sentence, names: dict[str, str]) -> dict[int, tuple[int, str]]:
    """Replacement for a sentence-initial He/She resolved to a name; empty if none applies."""
    if sent.he_is is None:
        return {}
    first = next(t for t in sent.span if not t.is_space)
    return {first.i: (first.i + 1, names[sent.he_is])}


def has_unresolved_reference(sent: Sentence, indices: list[int], resolved: set[int]) -> bool:
    """True when the shown text leans on something outside it ("it", "this offer", "They")."""
    doc = sent.span.doc
    for i in indices:
        tok = doc[i]
        if i in resolved:
            continue
        low = tok.lower_
        if low in ("he", "she", "him", "they", "them", "it", "there") and tok.dep_ != "expl":
            return True
        if low in ("this", "these", "those", "such") or (low == "that" and tok.dep_ == "det"):
            return True
        if low in ("his", "her", "their", "its") and not _bound(doc, i, indices):
            return True
    return False


def _bound(doc, i: int, indices: list[int]) -> bool:
    # A possessive is bound when a person or group is named earlier in the same shown text.
    return any(doc[j].ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for j in indices if j < i)


def subject_of(verb: Token) -> Token | None:
    """The nominal subject of a verb, if any."""
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def tail_cut(verb: Token, indices: list[int]) -> list[int]:
    """Drop a trailing participle/adverbial clause after a comma, to keep questions short."""
    doc = verb.doc
    cut: set[int] = set()
    last = max((i for i in indices if not doc[i].is_punct), default=-1)
    for child in verb.children:
        # Only a clause that runs to the end of the sentence can go without leaving a hole.
        if (
            child.dep_ in ("advcl", "parataxis")
            and child.i > verb.i
            and child.right_edge.i >= last
            and doc[child.left_edge.i - 1].text == ","
        ):
            cut.update(range(child.left_edge.i - 1, child.right_edge.i + 1))
    if cut:
        # Closing quotes and punctuation after the cut clause belong to it.
        cut.update(i for i in indices if i > max(cut) and doc[i].is_punct)
    return [i for i in indices if i not in cut]


def wh_question(
    verb: Token, wh: str, remove: set[int], indices: list[int], subject_text: str | None = None
) -> str | None:
    """Ask ``wh`` about the part of ``verb``'s clause in ``remove``, with subject-aux inversion."""
    subj = subject_of(verb)
    if subj is None:
        return None
    subj_ids = set(range(subj.left_edge.i, subj.right_edge.i + 1))
    clause = [i for i in indices if verb.left_edge.i <= i <= verb.right_edge.i and i not in remove]
    doc = verb.doc
    clause = [i for i in clause if not (doc[i].dep_ == "mark" and doc[i].head == verb)]
    while clause and doc[clause[-1]].is_punct:
        clause.pop()
    if not clause or clause[0] not in subj_ids:
        return None  # something precedes the subject: too risky to reorder
    subj_words = subject_text or spaced(doc, [i for i in sorted(subj_ids) if i in clause])
    first = doc[min(subj_ids)]
    if subject_text is None and first.tag_ not in ("NNP", "NNPS") and first.text[:1].isupper():
        subj_words = subj_words[:1].lower() + subj_words[1:]
    if first.lower_ in ("he", "she", "it", "they", "i", "we", "you") and subject_text is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    rest = [i for i in clause if i not in subj_ids]
    if auxes:
        lead = doc[auxes[0].i].text.lower()
        body = spaced(doc, [i for i in rest if i != auxes[0].i])
    elif verb.lemma_ == "be":
        lead = verb.text.lower()
        body = spaced(doc, [i for i in rest if i != verb.i])
    elif verb.tag_ in _DO:
        lead = _DO[verb.tag_]
        body = spaced(doc, rest, {verb.i: verb.lemma_.lower()})
    else:
        return None
    return tidy(f"{wh} {lead} {subj_words} {body}") + "?"


def spaced(doc, ids: list[int], swap: dict[int, str] | None = None) -> str:
    """Join tokens keeping the original spacing between neighbours and one space across gaps."""
    swap = swap or {}
    out = []
    for n, i in enumerate(ids):
        text = swap.get(i, doc[i].text)
        adjacent = n + 1 < len(ids) and ids[n + 1] == i + 1
        out.append(text + (doc[i].whitespace_ if adjacent else " "))
    return "".join(out).strip()
