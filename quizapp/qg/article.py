"""Analysis of a parsed article: sentences, repaired entity mentions, clusters, roles and descriptions."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import gazetteer
from .entities import KINDS, Cluster, Mention, repair

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_PRONOUNS = {"he", "she"}
_STOP = frozenset(
    "the a an of and to in on for with as by at from that this is was are were be has have had will would "
    "its it his her their said says also than more".split()
)


@dataclass
class Sentence:
    """One sentence: its character span in the article text, paragraph, parse and mentions."""

    idx: int
    para: int
    start: int
    end: int
    span: Span
    offset: int
    mentions: list[Mention] = field(default_factory=list)
    he_is: str | None = None  # cluster key a sentence-initial "He"/"She" clearly refers to
    they_are: str | None = None  # the plural noun phrase its "they"/"them" refer to ("drones")
    he_at: int | None = None  # token index of the "He"/"she" that ``he_is`` resolves


@dataclass
class Description:
    """A role or definition the article gives for a named thing ("special envoy" for Steve Witkoff)."""

    cluster: str
    text: str
    sent: int
    kind: str  # "title" (before the name) or "appos" (after it)


@dataclass
class Analysis:
    """Everything the realisers need about one article."""

    text: str
    title: str
    sentences: list[Sentence]
    mentions: list[Mention]
    clusters: dict[str, Cluster]
    descriptions: list[Description]
    keywords: Counter[str]
    title_words: frozenset[str]


def analyse(text: str, title: str, parsed: list[tuple[int, Doc]]) -> Analysis:
    """Build the article analysis from paragraphs parsed by ``nlp.parse_paragraphs``."""
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    for para, (offset, doc) in enumerate(parsed):
        for sent in doc.sents:
            span_text = sent.text.strip()
            if not span_text:
                continue
            lead = len(sent.text) - len(sent.text.lstrip())
            start = offset + sent.start_char + lead
            s = Sentence(len(sentences), para, start, start + len(span_text), sent, offset)
            sentences.append(s)
            for ent in sent.ents:
                kind = KINDS.get(ent.label_)
                if kind is None:
                    continue
                m = Mention(
                    offset + ent.start_char, offset + ent.end_char, ent.text, kind, s.idx, ent.start, ent.end
                )
                s.mentions.append(m)
                mentions.append(m)
    for sent in sentences:
        _people_tagged_as_bodies(sent)
    clusters = repair(mentions)
    mentions.extend(_recover_missed(sentences, clusters))
    _drop_quoted_only(sentences, clusters)
    keywords: Counter[str] = Counter()
    for s in sentences:
        keywords.update(t.lemma_.lower() for t in s.span if t.is_alpha and t.lemma_.lower() not in _STOP)
    title_words = frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", title) if w.lower() not in _STOP)
    _resolve_pronouns(sentences)
    descriptions = _descriptions(sentences)
    return Analysis(text, title, sentences, mentions, clusters, descriptions, keywords, title_words)


_SAYS = frozenset("say tell add write tweet explain insist argue note confirm".split())


def _people_tagged_as_bodies(s: Sentence) -> None:
    """ "Aitan Goelman said", "Aung San Suu Kyi, the de facto head of ...": names taken for a body."""
    doc = s.span.doc
    roles = gazetteer.role_words()
    for m in s.mentions:
        words = m.text.split()
        if m.kind != "org" or not 2 <= len(words) <= 4:
            continue
        if not all(w[:1].isupper() and w.isalpha() for w in words):
            continue
        head = doc[m.tok_end - 1]
        speaks = head.dep_ == "nsubj" and head.head.lemma_ in _SAYS
        titled = any(
            c.dep_ == "appos" and (c.lemma_.lower() in roles or c.lower_ in ("head", "leader", "lawyer"))
            for c in head.children
        )
        if speaks or titled:
            m.kind = "person"


def _recover_missed(sentences: list[Sentence], clusters: dict[str, Cluster]) -> list[Mention]:
    """Mentions of people the article has already named that the tagger missed ("Witkoff informed ...")."""
    forms: dict[tuple[str, ...], str] = {}
    for key, c in clusters.items():
        if c.kind != "person" or not key.startswith("person:"):
            continue
        for form in {c.name, c.short}:
            forms[tuple(form.split())] = key
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for form in sorted(forms, key=len, reverse=True):
        by_first.setdefault(form[0], []).append(form)
    found: list[Mention] = []
    for s in sentences:
        doc = s.span.doc
        taken = {i for m in s.mentions for i in range(m.tok_start, m.tok_end)}
        i = s.span.start
        while i < s.span.end:
            hit = None
            for form in by_first.get(doc[i].text, ()):  # longest first
                n = len(form)
                if i + n > s.span.end or tuple(t.text for t in doc[i : i + n]) != form:
                    continue
                if not any(j in taken for j in range(i, i + n)):
                    hit = (n, forms[form])
                    break
            if hit is None or doc[i].pos_ not in ("PROPN", "NOUN") or not doc[i].text[:1].isupper():
                i += 1
                continue
            n, key = hit
            start = s.offset + doc[i].idx
            end = s.offset + doc[i + n - 1].idx + len(doc[i + n - 1].text)
            m = Mention(start, end, doc[i : i + n].text, "person", s.idx, i, i + n, key)
            s.mentions.append(m)
            found.append(m)
            clusters[key].count += 1
            taken.update(range(i, i + n))
            i += n
    for s in sentences:
        s.mentions.sort(key=lambda m: m.tok_start)
    return found


def _plural_subject(s: Sentence) -> str | None:
    """The main clause's subject when it is a short plural common noun phrase ("nonmilitary drones")."""
    root = s.span.root
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    if subj.lower_ == "they" or any(c.dep_ == "poss" and c.lower_ == "their" for c in subj.children):
        return s.they_are  # "They're hard to detect" after "Their use has multiplied" after "drones ..."
    if (
        subj.tag_ != "NNS"
        or subj.ent_type_
        or any(c.dep_ in ("conj", "relcl", "acl", "prep") for c in subj.children)
    ):
        return None
    toks = list(subj.subtree)
    if len(toks) > 3 or any(t.pos_ not in ("ADJ", "NOUN") for t in toks):
        return None  # "drones", "small drones"; not "the officials", "some of them"
    return " ".join(t.lower_ if t.pos_ != "PROPN" else t.text for t in toks)


def _resolve_they(sentences: list[Sentence]) -> None:
    """Resolve "they"/"them" to the previous sentence's plural subject, when it has one and no other."""
    for prev, s in zip(sentences, sentences[1:], strict=False):
        if s.para - prev.para > 1 or not any(t.lower_ in ("they", "them", "their") for t in s.span):
            continue  # ("their" is not replaced, but carries the reading on to a "they" after it)
        plural = _plural_subject(prev)
        others = [
            t
            for t in prev.span
            if t.tag_ in ("NNS", "NNPS") and t.dep_ != "nsubj" and t.head == prev.span.root
        ]
        if plural and not others:
            s.they_are = plural


def _resolve_pronouns(sentences: list[Sentence]) -> None:
    """Resolve a sentence-initial He/She when the previous sentence names exactly one person clearly."""
    _resolve_they(sentences)
    for i, s in enumerate(sentences):
        first = next((t for t in s.span if not t.is_space), None)
        root = s.span.root
        # "He said ..." at the start, or the speaker after a quotation: '"...," she said.'
        pronoun = first if first is not None and first.lower_ in _PRONOUNS and first.dep_ == "nsubj" else None
        if pronoun is None:
            pronoun = next((c for c in root.children if c.dep_ == "nsubj" and c.lower_ in _PRONOUNS), None)
            if pronoun is not None and any(t.text in ('"', "“") for t in s.span if t.i > pronoun.i):
                pronoun = None
        if pronoun is None or i == 0:
            continue
        s.he_at = pronoun.i
        prev = sentences[i - 1]
        people = sorted(
            {m.cluster for m in prev.mentions if m.kind == "person" and m.cluster.startswith("person:")}
        )
        subj = [m.cluster for m in prev.mentions if m.kind == "person" and _is_subject_mention(prev.span, m)]
        if len(people) == 1:
            s.he_is = people[0]
        elif len(set(subj)) == 1 and subj[0].startswith("person:"):
            s.he_is = subj[0]


def _is_subject_mention(span: Span, m: Mention) -> bool:
    doc = span.doc
    root = span.root
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.head == root for t in doc[m.tok_start : m.tok_end])


def _descriptions(sentences: list[Sentence]) -> list[Description]:
    out: list[Description] = []
    roles = gazetteer.role_words()
    for s in sentences:
        doc = s.span.doc
        quoted = _quoted_tokens(s.span)
        for m in s.mentions:
            if m.kind not in ("person", "place") or not m.cluster or m.cluster.startswith("ambiguous"):
                continue
            if m.tok_start in quoted:
                continue  # a tweet's "the Vice Chairman of North Korea" is the speaker's wording
            ent_tokens = set(range(m.tok_start, m.tok_end))
            if m.kind == "person":
                title = title_before(doc, m.tok_start)
                while title and title.split()[-1].lower() not in roles:
                    title = " ".join(title.split()[:-1])
                if title and title.split()[-1].lower() in roles:
                    words = title.split()
                    starts = m.tok_start - len(words) == s.span.start
                    if starts and len(words) > 1 and all(w.islower() for w in words[1:]):
                        # "Special envoy Steve Witkoff met ...": the capital is the sentence's
                        title = title[:1].lower() + title[1:]
                    out.append(Description(m.cluster, title, s.idx, "title"))
            appos = _appositive(doc, m, ent_tokens)
            if appos and (m.kind == "place" or any(w.lower() in roles for w in appos.split())):
                out.append(Description(m.cluster, appos, s.idx, "appos"))
            elif m.kind == "person":
                before = _role_before(doc, m, roles)
                if before:
                    out.append(Description(m.cluster, before, s.idx, "appos"))
    return out


def _role_before(doc: Doc, m: Mention, roles: frozenset[str]) -> str:
    """The role a name stands in apposition to: "the inspector general, Michael Horowitz," gives
    "inspector general"."""
    name = doc[m.tok_end - 1]
    role = name.head
    if name.dep_ != "appos" or role.i >= m.tok_start or role.lemma_.lower() not in roles:
        return ""
    if m.tok_start < 1 or doc[m.tok_start - 1].text != "," or role.i != m.tok_start - 2:
        return ""  # the role ends right before ", Name"
    toks = [t for t in doc[role.left_edge.i : role.i + 1]]
    while toks and toks[0].dep_ in ("det", "poss"):
        toks = toks[1:]
    if not toks or any(t.ent_type_ in ("PERSON", "DATE", "CARDINAL") or t.is_punct for t in toks):
        return ""
    text = " ".join(t.text for t in toks)
    return text if 1 <= len(toks) <= 6 else ""


def _quoted_tokens(span: Span) -> set[int]:
    inside: set[int] = set()
    open_quote = False
    for tok in span:
        if tok.text in ('"', "“", "”"):
            open_quote = tok.text != "”" and not (tok.text == '"' and open_quote)
            continue
        if open_quote:
            inside.add(tok.i)
    return inside


def title_before(doc: Doc, start: int) -> str:
    """The title words right before a name ("Ukrainian President", "special envoy"), else ""."""
    # Walk the surface rather than the parse: the small model often attaches titles oddly
    # ("and special envoy Steve Witkoff" gives "special" as a conjunct of the previous name).
    i = start - 1
    while i >= 0 and start - i <= 5:
        tok = doc[i]
        if tok.tag_ not in ("NNP", "NN", "JJ", "NNPS") or tok.ent_type_ in ("PERSON", "DATE", "TIME"):
            break
        i -= 1
    return " ".join(doc[j].text for j in range(i + 1, start))


def _appositive(doc: Doc, m: Mention, inside: set[int]) -> str:
    head = doc[m.tok_end - 1]
    if head.head.i not in inside and head.dep_ == "compound":
        head = head.head  # "the Donbas region, ..." - the appositive hangs off "region"
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i and doc[child.left_edge.i - 1].text == ",":
            toks = [t for t in child.subtree if not _in_relcl(t, child)]
            if any(t.ent_type_ in ("DATE", "CARDINAL") for t in toks) or not toks:
                return ""
            if m.kind == "place" and toks[0].dep_ == "det" and toks[0].lower_ != "the":
                return ""  # "Chad, another predominantly Muslim nation": one of several, not a definition
            if m.kind == "person" and toks[0].lower_ in ("a", "an"):
                return ""  # "Scott Brunner, a deputy assistant director of the FBI": one of several
            while toks and toks[0].dep_ == "det":
                toks = toks[1:]
            text = "".join(t.text_with_ws for t in toks).strip().rstrip(",")
            if 1 <= len(text.split()) <= 8 and '"' not in text and "“" not in text:
                return text
    return ""


def _in_relcl(tok: Token, top: Token) -> bool:
    while tok != top:
        if tok.dep_ in ("relcl", "acl", "punct") and tok.head.i >= top.i:
            return True
        tok = tok.head
    return False


def _drop_quoted_only(sentences: list[Sentence], clusters: dict[str, Cluster]) -> None:
    """Forget names that only ever occur inside quotations ("Crooked Hillary", "Witch Hunt"), and name a
    person as the article does, not as a quotation spells them ("Kim Yong Chol", not the tweet's "Kim
    Young Chol")."""
    outside: dict[str, Counter[str]] = {}
    for s in sentences:
        text = s.span.text
        if text.count('"') % 2 or text.count("“") != text.count("”"):
            continue  # part of a quotation that runs over several sentences
        for m in s.mentions:
            before = text[: m.start - s.offset - s.span.start_char]
            if before.count('"') % 2 == 0 and before.count("“") <= before.count("”"):
                outside.setdefault(m.cluster, Counter())[m.text] += 1
    for key in [k for k in clusters if k not in outside]:
        del clusters[key]
    for key, c in clusters.items():
        forms = outside[key]
        if c.kind == "person" and c.name not in forms:
            c.name = max(sorted(forms), key=lambda f: (len(f.split()), forms[f]))
            c.short = c.name.split()[-1]
