"""Turn parsed sentences into clean standalone strings: statements, blanks and wh-questions.

Everything is built from tokens of the parse (never from raw character slices), so a prompt cannot run
into the next paragraph or cut a word in half.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import gazetteer
from .article import Sentence, title_before

if TYPE_CHECKING:
    from spacy.tokens import Token

BLANK = "_____"
_INTRO_DEPS = ("prep", "advmod", "npadvmod", "cc", "advcl", "intj")
_REFERENCE_WORDS = frozenset("it they them this these those that there such".split())
_DO = {"VBD": "did", "VBZ": "does", "VBP": "do"}


def core_indices(sent: Sentence) -> list[int] | None:
    """Token indices of the sentence worth showing alone: no intro phrase, no brackets; None if unusable."""
    if "_core" not in sent.__dict__:
        sent.__dict__["_core"] = _core_indices(sent)
    core = sent.__dict__["_core"]
    return list(core) if core is not None else None


def tokens(sent: Sentence) -> list[Token]:
    """The tokens of the sentence's document as a list, made once per sentence: indexing a spaCy Doc
    builds a new Token object each time, and the realisers index the same few hundred words thousands
    of times."""
    if "_tokens" not in sent.__dict__:
        sent.__dict__["_tokens"] = list(sent.span.doc)
    return sent.__dict__["_tokens"]


def _core_indices(sent: Sentence) -> list[int] | None:
    toks = [t for t in sent.span if not t.is_space]
    if not toks:
        return None
    keep = [t.i for t in toks]
    # Drop a short discourse intro ("In addition,", "Meanwhile,", "But") before the subject.
    comma = next((t for t in toks[:7] if t.text == ","), None)
    if comma is not None and sent.span.root.i < comma.i:
        comma = None  # "Zelensky declined this offer, asserting ...": the main clause, not an intro
    if comma is not None and all(t.dep_ in _INTRO_DEPS or t.head.i < comma.i for t in toks if t.i < comma.i):
        heads = {t.head.i for t in toks if t.i < comma.i and t.head.i >= comma.i}
        if len(heads) <= 1 and comma.i - toks[0].i <= 5:
            keep = [i for i in keep if i > comma.i]
    # ", however," set off by commas answers a sentence the question does not show: it goes with both
    # commas ("Baldwin, however, objects" reads "Baldwin objects").
    doc = sent.span.doc
    aside = {
        i
        for i in keep
        if doc[i].lower_ in _ASIDES
        and 0 < i < len(doc) - 1
        and doc[i - 1].text == ","
        and doc[i + 1].text == ","
    }
    commas = {j for i in aside for j in (i - 1, i + 1)}
    keep = [i for i in keep if i not in aside and i not in commas]
    first = sent.span.doc[keep[0]] if keep else None
    if first is not None and first.dep_ == "cc" and first.lower_ in ("but", "and", "so", "yet"):
        keep = keep[1:]
    # "The EU leaders also released ...": "also" adds to a sentence the question does not show
    spoken = quoted(sent)
    keep = [i for i in keep if not (doc[i].lower_ == "also" and doc[i].dep_ == "advmod" and i not in spoken)]
    depth = 0
    out = []
    inside = quoted(sent)  # a bracket inside a quotation is the speaker's: dropping it breaks the quote
    for i in keep:
        text = sent.span.doc[i].text
        if text == "(" and i not in inside:
            depth += 1
        if depth == 0:
            out.append(i)
        if text == ")" and depth and i not in inside:
            depth -= 1
    return out or None


_ASIDES = frozenset("however meanwhile instead nonetheless nevertheless though therefore moreover".split())


def views(sent: Sentence, core: list[int]) -> list[list[int]]:
    """The sentence as one view, or as two when its main verb has a conjoined verb phrase.

    "Zelensky compared X, and warned that Y" gives "Zelensky compared X" and "Zelensky warned that Y":
    two facts that can be asked separately without one question showing the other's answer.
    """
    root = sent.span.root
    doc = sent.span.doc
    conjs = [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i > root.i]
    if len(conjs) != 1:
        return [core]
    conj = conjs[0]
    finite = ("VBD", "VBZ", "VBP", "MD")
    if conj.tag_ not in finite and not any(
        c.tag_ in finite and c.dep_ in ("aux", "auxpass") for c in conj.children
    ):
        return [core]  # "has been reassigned and being investigated": the second verb needs the first's aux
    # Only "X did A, and did B" with the conjunction hanging off the main verb; anything else is
    # often a misparse of a subordinate clause ("... in the event the Senate reached ...").
    # "but" may join a contrast the first half needs ("was initially on the list, but was dropped"):
    # that stays whole; otherwise the halves are two facts.
    contrast = any(t.lower_ in _CONTRAST_WORDS for t in root.subtree if t.i < conj.i)
    joins = ("and",) if contrast else ("and", "but")
    ccs = [c for c in root.children if c.dep_ == "cc" and c.lower_ in joins and c.i < conj.i]
    if not ccs or any(t.dep_ in ("mark", "advcl") for t in conj.subtree if t.i < conj.i):
        return [core]
    conj_ids = set(range(conj.left_edge.i, conj.right_edge.i + 1))
    link = {
        c.i
        for c in root.children
        if c.dep_ in ("cc", "punct")
        and c.i < conj.left_edge.i
        and c.i
        > max(
            (t.i for t in root.subtree if t.i < conj.left_edge.i and t.dep_ not in ("cc", "punct")),
            default=root.i,
        )
    }
    main = [i for i in core if i not in conj_ids and i not in link]
    own_subject = subject_of(conj)
    subj = subject_of(root)
    if own_subject is None and subj is None:
        return [core]
    subj_ids = set() if own_subject is not None else set(range(subj.left_edge.i, subj.right_edge.i + 1))
    second = [i for i in core if i in conj_ids or i in subj_ids]
    if not (is_clause(doc, main) and is_clause(doc, second)):
        return [core]
    if (
        len(main) < 5
        or len(second) < 5
        or any(doc[i].dep_ == "mark" and doc[i].head == conj for i in second[:1])
    ):
        return [core]
    return [main, second]


_CONTRAST_WORDS = frozenset("initially originally first once formerly previously still yet only".split())


def is_clause(doc, ids: list[int]) -> bool:
    """Whether the tokens hold a subject and a finite verb: a sentence, not a fragment."""
    return any(doc[i].dep_ in ("nsubj", "nsubjpass", "expl") for i in ids) and any(
        doc[i].tag_ in ("VBD", "VBZ", "VBP", "MD") for i in ids
    )


def title_ids(s: Sentence) -> frozenset[int]:
    """The tokens of the titles set before full names ("Attorney General" in "Attorney General Jeff
    Sessions"); a title after an article ("the special envoy Steve Witkoff") stays, since the article
    would be left without its noun. Read once per sentence (every realiser asks, per target)."""
    if "_title_ids" not in s.__dict__:
        s.__dict__["_title_ids"] = _title_ids(s)
    return s.__dict__["_title_ids"]


def _title_ids(s: Sentence) -> frozenset[int]:
    doc, out = tokens(s), set()
    roles = gazetteer.role_words()
    for m in s.mentions:
        if m.kind != "person" or m.tok_end - m.tok_start < 2:
            continue
        title = title_before(s.span.doc, m.tok_start)
        if not title or title.split()[-1].lower() not in roles:
            continue
        start = m.tok_start - len(title.split())
        if start > 0 and doc[start - 1].dep_ in ("det", "poss"):
            continue
        out.update(range(start, m.tok_start))
    return frozenset(out)


def join(sent: Sentence, indices: list[int], replace: dict[int, tuple[int, str]] | None = None) -> str:
    """Join tokens (with their own spacing); ``replace`` maps a start index to (end index, text)."""
    doc = tokens(sent)
    replace = replace or {}
    parts: list[str] = []
    skip_to = -1
    index_set = set(indices)
    for i in indices:
        if i < skip_to:
            continue
        if i in replace:
            end, text = replace[i]
            ws = doc[end - 1].whitespace_ if end in index_set else " "
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
    """Replacements for a sentence-initial He/She resolved to a name, and for "they"/"them" resolved to
    a plural noun ("They're hard to detect" -> "Drones are hard to detect"); empty if none applies."""
    out: dict[int, tuple[int, str]] = {}
    first = next((t for t in sent.span if not t.is_space), None)
    if sent.he_at is not None and sent.he_is is not None and sent.he_is in names:
        out[sent.he_at] = (sent.he_at + 1, names[sent.he_is])
    if sent.they_are:
        doc = sent.span.doc
        for tok in sent.span:
            if tok.lower_ not in ("they", "them"):
                continue
            text = sent.they_are[:1].upper() + sent.they_are[1:] if tok.i == first.i else sent.they_are
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if tok.lower_ == "they" and nxt is not None and nxt.lower_ in ("'re", "’re"):
                out[tok.i] = (tok.i + 2, text + " are")
            else:
                out[tok.i] = (tok.i + 1, text)
    return out


DEMONSTRATIVE_REACH = 2  # "this offer": a noun named in the two sentences before
DEFINITE_REACH = 12  # "the program": the one program the article named before


def earlier(sentences: list[Sentence], sent: Sentence, reach: int) -> list[Sentence]:
    """The ``reach`` sentences before ``sent``."""
    return sentences[max(0, sent.idx - reach) : sent.idx]


def settled_references(sentences: list[Sentence], sent: Sentence) -> dict[int, tuple[int, str]]:
    """What every realiser reads "this offer" and "the program" as: demonstratives, then definites."""
    out = resolve_demonstratives(sent, earlier(sentences, sent, DEMONSTRATIVE_REACH))
    out.update(resolve_definites(sent, earlier(sentences, sent, DEFINITE_REACH)))
    out.update(resolve_it(sent, earlier(sentences, sent, 1)))
    return out


def resolve_it(sent: Sentence, previous: list[Sentence]) -> dict[int, tuple[int, str]]:
    """See :func:`_resolve_it`; remembered per sentence and context."""
    return dict(_remembered(sent, "_it", previous, _resolve_it))


def _resolve_it(sent: Sentence, previous: list[Sentence]) -> dict[int, tuple[int, str]]:
    """ "Justice Sotomayor likened it to ..." after "... dissented from Tuesday's ruling": an "it" that a
    verb acts on reads as the one thing of a kind that points back (a ruling, a bill, a plan) the
    sentence before names, in that sentence's words; with none or two, it stays unread."""
    its = [t for t in sent.span if t.lower_ == "it" and t.dep_ in ("dobj", "pobj") and t.i > sent.span.start]
    if len(its) != 1 or not previous or previous[-1].para < sent.para - 1:
        return {}
    things = [
        t
        for t in previous[-1].span
        if t.pos_ == "NOUN" and t.tag_ == "NN" and t.lemma_.lower() in _IT_NOUNS and t.dep_ != "compound"
    ]
    if len(things) != 1:
        return {}
    form = _owned_by(things[0]) or _plain_form(things[0])
    return {its[0].i: (its[0].i + 1, form)} if form else {}


# Things an "it" may point back to: documents, decisions and plans, which a later verb acts on.
_IT_NOUNS = frozenset(
    "ruling decision bill budget resolution order plan proposal measure deal offer report law ban "
    "policy program agreement legislation".split()
)


def _plain_form(noun: Token) -> str | None:
    """ "the budget bill": "the" with the noun's own compound words, when that is all it has before it."""
    words = [c for c in noun.children if c.i < noun.i and c.dep_ not in ("det", "compound", "amod")]
    if words:
        return None
    mods = [c for c in noun.lefts if c.dep_ in ("compound", "amod")]
    if any(m.ent_type_ for m in mods) or len(mods) > 2:
        return None
    return " ".join(["the", *(m.text for m in mods), noun.text])


def resolve_demonstratives(sent: Sentence, previous: list[Sentence]) -> dict[int, tuple[int, str]]:
    """See :func:`_resolve_demonstratives`; remembered per sentence and context (every realiser asks)."""
    return dict(_remembered(sent, "_demonstratives", previous, _resolve_demonstratives))


def _remembered(sent: Sentence, name: str, context: list[Sentence], compute) -> dict:
    cache = sent.__dict__.setdefault(name, {})
    key = tuple(p.idx for p in context)
    if key not in cache:
        cache[key] = compute(sent, context)
    return cache[key]


def _resolve_demonstratives(sent: Sentence, previous: list[Sentence]) -> dict[int, tuple[int, str]]:
    """ "this summit" -> "the summit" when one of the previous two sentences names a summit.

    The noun then has a clear referent in the article, and "the" reads right on its own in a question.
    """
    nouns = {n for p in previous for n in _nouns(p)}
    proposer = _proposer(previous[-1]) if previous else None
    out: dict[int, tuple[int, str]] = {}
    for tok in sent.span:
        if tok.lower_ in ("this", "these", "those") and tok.dep_ == "det" and tok.head.pos_ == "NOUN":
            if tok.head.lemma_.lower() in nouns:
                the = "The" if tok.text[0].isupper() else "the"
                named = _between(previous, tok.head) if tok.head.i == tok.i + 1 else None
                # "this summit" after "a summit ... between Trump and Putin": that summit, said so
                out[tok.i] = (tok.i + 2, f"{the} {named}") if named else (tok.i + 1, the)
            elif tok.lower_ == "this" and tok.head.lemma_.lower() in _PROPOSALS and proposer:
                # "Putin seeks for Ukraine to retreat ...", then "Zelensky declined this offer": Putin's.
                out[tok.i] = (tok.i + 1, f"{proposer}'s")
    return out


def _between(previous: list[Sentence], noun: Token) -> str | None:
    """ "summit between Trump and Putin" when the previous sentences name one such noun so, else None.

    Read off the surface: the small parser hangs "between" on whatever verb is near ("a summit scheduled
    for Friday between US President Donald Trump and Russian President Vladimir Putin")."""
    forms = set()
    for p in previous:
        doc = p.span.doc
        for t in p.span:
            if t.lemma_ != noun.lemma_ or t.pos_ != "NOUN":
                continue
            near = range(t.i + 1, min(t.i + 6, p.span.end))
            at = next((j for j in near if doc[j].lower_ == "between"), None)
            if at is None:
                continue
            people = [m for m in p.mentions if m.kind == "person" and m.tok_start > at][:2]
            if len(people) == 2 and doc[people[0].tok_end : people[1].tok_start].text.split()[:1] == ["and"]:
                names = [doc[m.tok_end - 1].text for m in people]
                forms.add(f"{noun.text} between {names[0]} and {names[1]}")
    return forms.pop() if len(forms) == 1 else None


def _nouns(sent: Sentence) -> frozenset[str]:
    if "_nouns" not in sent.__dict__:
        sent.__dict__["_nouns"] = frozenset(t.lemma_.lower() for t in sent.span if t.pos_ == "NOUN")
    return sent.__dict__["_nouns"]


_PROPOSALS = frozenset("offer proposal plan demand request suggestion deal ultimatum".split())
_WANTING = frozenset("seek want propose offer demand ask desire suggest insist".split())


def _proposer(prev: Sentence) -> str | None:
    """The one named person of the previous sentence who seeks, proposes or demands something."""
    people = {
        prev.span.doc[m.tok_end - 1].i: m.text.split()[-1]
        for m in prev.mentions
        if m.kind == "person" and not m.cluster.startswith("ambiguous")
    }
    found = {
        people[c.i] for t in prev.span if t.lemma_ in _WANTING and t.pos_ == "VERB" for c in t.children
        if c.dep_ == "nsubj" and c.i in people
    }  # fmt: skip
    return found.pop() if len(found) == 1 else None


def resolve_definites(sent: Sentence, earlier: list[Sentence]) -> dict[int, tuple[int, str]]:
    """See :func:`_resolve_definites`; remembered per sentence and context."""
    return dict(_remembered(sent, "_definites", earlier, _resolve_definites))


def _resolve_definites(sent: Sentence, earlier: list[Sentence]) -> dict[int, tuple[int, str]]:
    """ "the program" -> "the DACA program" when the article has named exactly one such program before.

    Only a bare "the <noun>" of the kind that points back (see ``_BACK_NOUNS``) is replaced, and only by a
    short named form ("the DACA program", "the Obama administration measure"); otherwise it stays, and
    the sentence is not asked about.
    """
    out: dict[int, tuple[int, str]] = {}
    for tok in sent.span:
        if tok.lower_ != "the" or tok.dep_ != "det" or not _anaphoric(tok.head, tok):
            continue
        noun = tok.head
        if noun.lemma_ in _BODIES and noun.i == tok.i + 1:
            body = _nearby_body(sent, earlier[-1:], tok.i)
            if body:  # "a deputy assistant director of the FBI, said the bureau is ...": the FBI
                out[tok.i] = (noun.i + 1, body if body.split()[0] in ("The", "the") else f"{tok.text} {body}")
            continue
        if noun.lower_ == "number" and noun.i == tok.i + 1:
            counted = _counted(earlier[-1:])
            if counted:  # "has registered more than 1 million drones. ... the number could grow": of drones
                out[tok.i] = (noun.i + 1, f"{tok.text} number of {counted}")
            continue
        forms = {
            _named_form(t) for p in earlier for t in p.span if t.lemma_ == noun.lemma_ and t.pos_ == "NOUN"
        }
        forms.discard(None)
        if len(forms) == 1 and noun.i == tok.i + 1:
            text = forms.pop()
            if "'s " in text or "’s " in text:  # "Tuesday's ruling" needs no article
                out[tok.i] = (noun.i + 1, text[:1].upper() + text[1:] if tok.text[0].isupper() else text)
            else:
                out[tok.i] = (noun.i + 1, ("The " if tok.text[0].isupper() else "the ") + text)
    return out


_BODIES = frozenset("agency bureau".split())


def _nearby_body(sent: Sentence, previous: list[Sentence], before: int) -> str | None:
    """The one organisation named in the sentence before ``before`` or in the previous sentence."""
    found = {m.text for m in sent.mentions if m.kind == "org" and m.tok_end <= before}
    if not found:
        found = {m.text for p in previous for m in p.mentions if m.kind == "org"}
    return found.pop() if len(found) == 1 else None


def _counted(previous: list[Sentence]) -> str | None:
    """The one plural noun the previous sentence's main clause counts ("registered more than 1 million
    drones, including 122,000 ... drones": drones), else None."""
    found = set()
    for p in previous:
        root = p.span.root
        for tok in p.span:
            counts = any(c.dep_ == "nummod" for c in tok.children)
            if tok.tag_ == "NNS" and counts and (tok.head == root or tok.head.head == root):
                found.add(tok.lower_)
    return found.pop() if len(found) == 1 else None


def _named_form(noun: Token) -> str | None:
    """ "DACA program" for "the (DACA) program": the noun with the name words right before it, if any."""
    doc = noun.doc
    words: list[Token] = []
    i = noun.i - 1
    while i >= 0 and len(words) < 3:
        tok = doc[i]
        if tok.text in ("(", ")"):
            i -= 1
            continue
        if tok.dep_ not in ("compound", "nmod") or tok.pos_ not in ("PROPN", "NOUN"):
            break
        words.insert(0, tok)
        i -= 1
    if not any(w.pos_ == "PROPN" for w in words):
        return _named_by(noun) or _owned_by(noun)
    return " ".join([w.text for w in words] + [noun.text])


def _owned_by(noun: Token) -> str | None:
    """ "Tuesday's ruling", "Putin's offer": the noun with a named or dated owner right before it."""
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.i == noun.i - 2), None)
    if owner is None or noun.doc[noun.i - 1].text not in ("'s", "’s"):
        return None
    if owner.pos_ != "PROPN" and owner.ent_type_ not in ("DATE", "PERSON", "ORG", "GPE", "NORP"):
        return None
    if any(c.dep_ in ("compound", "det", "amod") for c in owner.children):
        return None  # "the court's", "last week's": more than one word to carry over
    return f"{owner.text}{noun.doc[noun.i - 1].text} {noun.text}"


def _named_by(noun: Token) -> str | None:
    """ "decision by Jeff Sessions" for "a decision by Attorney General Jeff Sessions in January to
    rescind ...": the noun and whose it is, when a name says so (a full name without its title, which
    a card may ask for)."""
    by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
    who = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if who is None or who.pos_ != "PROPN":
        return None
    name = [t for t in who.subtree if t.i <= who.i and t.pos_ == "PROPN" or t.dep_ == "compound"]
    if not name or len(name) > 5 or name[-1] != who:
        return None
    person = [t for t in name if t.ent_type_ == "PERSON"]
    if len(person) >= 2 and person[-1] == who:  # the full name without its title: "by Jeff Sessions"
        name = person
    return f"{noun.text} by " + " ".join(t.text for t in name)


def has_unresolved_reference(sent: Sentence, indices: list[int], resolved: set[int]) -> bool:
    """True when the shown text leans on something outside it ("it" first, "this offer", "They").

    A pronoun after a fitting name or noun earlier in the same shown text is taken as bound to it
    ("Trump tweeted that he ..."); a demonstrative ("this offer", "these territories") never is.
    """
    doc = tokens(sent)
    index_set = set(indices)
    seen_person = seen_group = False
    singular_nouns: set[str] = set()
    # The article's repaired mentions know people the tagger missed ("Trump and his allies").
    people = {j for m in sent.mentions if m.kind == "person" for j in range(m.tok_start, m.tok_end)}
    ambiguous = {
        j for m in sent.mentions if m.cluster.startswith("ambiguous:") for j in range(m.tok_start, m.tok_end)
    }
    for i in indices:
        tok = doc[i]
        low = tok.lower_
        if i in ambiguous and i not in resolved:
            return True  # "Kim" in an article with Kim Jong Un and Kim Yong Chol: which one?
        if i in resolved:
            seen_person = seen_person or low in ("he", "she") or i in people
            continue
        if low == "this" and tok.head.lemma_.lower() in _TIME_NOUNS:
            continue  # "earlier this year": a time the article's date fixes, not a back reference
        if low == "such" and i + 1 < len(doc) and doc[i + 1].lower_ == "as":
            continue  # "venues such as concerts": an example, not a back reference
        if low in ("this", "these", "those", "such") or (low == "that" and tok.dep_ == "det"):
            return True
        if low == "that" and tok.tag_ == "DT" and tok.dep_ in ("nsubj", "dobj", "pobj", "nsubjpass"):
            return True  # "prior to that": that what?
        if low in ("he", "she", "him", "his", "her", "hers", "himself", "herself") and not seen_person:
            return True
        if (
            low in ("them", "themselves")
            and i not in resolved
            or low in ("they", "their")
            and not (seen_group or seen_person)
        ):
            return True
        if low == "its" and singular_nouns:
            continue  # "the fix ... on its own merits": a possessive binds to the noun just before
        if low == "it" and _bound_by_opening_clause(tok):
            continue
        if low in ("it", "its", "itself") and len(singular_nouns) != 1:
            # "The bill's sponsors cast it ...": one earlier thing it can be. Two ("the bill ... the
            # ban, it ...") or none (it = something in an earlier sentence) and the reader cannot tell.
            return True
        if low == "there" and tok.dep_ != "expl":
            return True
        if low == "the" and tok.dep_ == "det" and _anaphoric(tok.head, tok):
            kind = _KIND_NOUNS.get(tok.head.lemma_.lower())
            named = [
                m for m in sent.mentions if m.kind == kind and m.tok_end <= i and m.tok_start in index_set
            ]
            if kind is None or len({m.cluster for m in named}) != 1:
                return True  # "the country" is bound only by the one country named before it here
        if tok.ent_type_ == "PERSON" or i in people:
            seen_person = True
        if tok.ent_type_ in ("NORP", "ORG", "GPE") or tok.tag_ in ("NNS", "NNPS"):
            seen_group = True
        if tok.tag_ == "NN" and tok.dep_ not in ("compound", "amod", "npadvmod"):
            singular_nouns.add(tok.lemma_)
    return False


_TIME_NOUNS = frozenset(
    "year week month morning afternoon evening weekend spring summer fall autumn winter".split()
)
# Nouns that, bare after "the", point back to something named earlier ("the vote", "the fix").
_BACK_NOUNS = frozenset(
    "decision move offer problem issue plan proposal fix deal agency bureau number vote idea step effort "
    "measure change incident case request process announcement agreement program initiative "
    "policy order ruling report letter statement meeting event attack operation campaign effort group "
    "organization company country countries nation nations man woman men women official officials "
    "city region area latter former same".split()
)


_KIND_NOUNS = {"country": "place", "nation": "place", "city": "place", "agency": "org", "company": "org"}


def _anaphoric(noun: Token, det: Token) -> bool:
    """ "the vote", "the two countries": a definite noun with nothing of its own to tell which one."""
    if (
        noun.pos_ not in ("NOUN", "ADJ")
        or noun.lemma_.lower() not in _BACK_NOUNS
        and noun.lower_ not in (_BACK_NOUNS)
    ):
        return False
    own = [c for c in noun.children if c != det and c.dep_ not in ("punct", "cc")]
    # "the two countries" refers back as surely as "the countries" does
    return all(c.dep_ == "nummod" and c.i < noun.i for c in own)


_OPENING_MARKS = frozenset("while although though because as after before since when if".split())


def _bound_by_opening_clause(tok: Token) -> bool:
    """ "While the bill would not lift the ban, it seeks ...": the main subject "it" is the opening
    clause's subject, when that is one singular thing."""
    root = tok.head
    if tok.dep_ != "nsubj" or root.dep_ != "ROOT":
        return False
    for clause in root.children:
        if clause.dep_ != "advcl" or clause.i > tok.i:
            continue
        if not any(c.dep_ == "mark" and c.lower_ in _OPENING_MARKS for c in clause.children):
            continue
        subj = subject_of(clause)
        return subj is not None and subj.tag_ in ("NN", "NNP") and subj.pos_ != "PRON"
    return False


def subject_of(verb: Token) -> Token | None:
    """The nominal subject of a verb, if any."""
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


# A trailing clause these open can go without a comma before it: "... warned Wednesday as they pressed".
_CUT_MARKS = frozenset("as while when after before because since".split())


def tail_cut(verb: Token, indices: list[int]) -> list[int]:
    """Drop a trailing participle/adverbial clause after a comma, to keep questions short."""
    doc = verb.doc
    cut: set[int] = set()
    last = max((i for i in indices if not doc[i].is_punct), default=-1)
    for child in verb.children:
        # Only a clause that runs to the end of the sentence can go without leaving a hole.
        marked = any(
            c.dep_ == "mark" and c.lower_ in _CUT_MARKS and c.i == child.left_edge.i for c in child.children
        )
        if (
            child.dep_ in ("advcl", "parataxis")
            and child.i > verb.i
            and child.right_edge.i >= last
            and (doc[child.left_edge.i - 1].text == "," or marked)
        ):
            comma = doc[child.left_edge.i - 1].text == ","
            cut.update(range(child.left_edge.i - (1 if comma else 0), child.right_edge.i + 1))
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
    doc = verb.doc
    # A conjoined verb keeps its own tense ("did ... inform ... and suggested"): ask about the first alone.
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i > verb.i:
            remove = remove | set(range(c.left_edge.i, c.right_edge.i + 1))
            remove |= {
                x.i for x in verb.children if x.dep_ in ("cc", "punct") and verb.i < x.i < c.left_edge.i
            }
    clause = [i for i in indices if verb.left_edge.i <= i <= verb.right_edge.i and i not in remove]
    clause = [i for i in clause if not (doc[i].dep_ == "mark" and doc[i].head == verb)]
    while clause and doc[clause[-1]].is_punct:
        clause.pop()
    if not clause or clause[0] not in subj_ids:
        return None  # something precedes the subject: too risky to reorder
    shown_subject = [i for i in sorted(subj_ids) if i in clause]
    subj_words = subject_text or spaced(doc, shown_subject)
    first = doc[shown_subject[0] if shown_subject else min(subj_ids)]  # a title left out: "Steve Witkoff"
    titled = first.i + 1 < len(doc) and doc[first.i + 1].text[:1].isupper()  # "Special Counsel Robert ..."
    if subject_text is None and first.tag_ not in ("NNP", "NNPS") and first.text[:1].isupper():
        if not titled or first.tag_ == "DT":  # "What did the Supreme Court uphold?", never "did The"
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
        # "did ... inform that Russia is willing ... and suggested": a later finite conjunct would keep
        # its tense after do-support (the small model often hangs it on the wrong verb); leave it out.
        late = [
            doc[i]
            for i in rest
            if doc[i].dep_ == "conj"
            and doc[i].tag_ == verb.tag_
            and doc[i].i > verb.i
            and doc[i].head.i in rest
        ]
        for c in late:
            cut = set(range(c.left_edge.i, c.right_edge.i + 1))
            cut |= {x.i for x in c.head.children if x.dep_ == "cc" and x.i < c.i}
            rest = [i for i in rest if i not in cut]
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


_PRUNABLE = frozenset({"relcl", "acl", "appos", "prep"})
MAX_PROMPT_TOKENS = 30


def prune(sent: Sentence, ids: list[int], protect: set[int], limit: int = MAX_PROMPT_TOKENS) -> list[int]:
    """Drop optional modifiers (relative clauses, side phrases) not on the path to ``protect`` until short.

    Dependency subtrees are removed whole, with the comma or conjunction that introduced them, so what
    is left is still a sentence; the protected tokens, their heads up to the root and the subject stay.
    """
    doc = tokens(sent)
    keep = list(ids)
    if len(keep) <= limit:
        return keep
    path = _kept_path(sent, frozenset(protect))
    while len(keep) > limit:
        kept = set(keep)
        best = None
        for i in keep:
            tok = doc[i]
            if i in path or tok.dep_ not in _PRUNABLE:
                continue
            # Only phrases hanging off nouns are optional; a verb's prepositional phrase is often its object.
            if tok.dep_ == "prep" and (tok.lower_ == "of" or tok.head.pos_ not in ("NOUN", "PROPN")):
                continue
            if tok.dep_ == "prep" and doc[tok.i - 1].text != ",":
                continue  # "support for Ukraine's sovereignty": a noun's own phrase often is the point
            if tok.dep_ == "prep" and _bare_without(tok.head, tok):
                continue  # "the fix to the DACA program" cut to "the fix": the reader cannot tell which
            # A relative clause without a comma restricts its noun ("the event the Senate reached ..."):
            # removing it changes the meaning.
            if tok.dep_ in ("relcl", "acl", "appos") and doc[tok.left_edge.i - 1].text != ",":
                continue
            if _in_example_list(doc, tok):
                continue  # "such as concerts, sporting events and ...": the list's other items, misparsed
            sub = [t.i for t in tok.subtree if t.i in kept]
            if any(j in path for j in sub) or len(sub) < 2:
                continue
            if best is None or len(sub) > len(best):
                best = sub
        if best is None:
            break
        drop = set(best)
        lo, hi = min(best), max(best)
        # Take the comma or conjunction that joined the phrase, so no ", ," or "and ." is left behind.
        before = [i for i in keep if i < lo]
        after = [i for i in keep if i > hi]
        if before and doc[before[-1]].text in (",", "-", "—", "and", "or", "but") and before[-1] not in path:
            drop.add(before[-1])
            closing = (
                after and doc[after[0]].text in (",", "-", "—") and doc[before[-1]].text in (",", "-", "—")
            )
            # A comma whose verb comes after it opens that clause (", Brunner said"): it stays.
            opens = after and doc[after[0]].head.i > after[0] and doc[after[0]].head.pos_ in ("VERB", "AUX")
            if closing and not opens:
                drop.add(after[0])
        keep = [i for i in keep if i not in drop]
    return keep


def _in_example_list(doc, tok: Token) -> bool:
    """Whether ``tok`` opens the rest of a "such as A, B and C" list the parser hung elsewhere."""
    start = tok.left_edge.i
    if start < 2 or doc[start - 1].text != ",":
        return False
    before = doc[start - 2]
    return (
        before.dep_ in ("pobj", "conj")
        and before.head.lower_ == "as"
        and doc[before.head.i - 1].lower_ == "such"
    )


def _kept_path(sent: Sentence, protect: frozenset[int]) -> frozenset[int]:
    """What pruning never cuts: the protected tokens, their heads up to the root, the subject, auxiliaries,
    negation, object and marker of that path, and every quoted word (the speaker's, not ours to shorten)."""
    cache = sent.__dict__.setdefault("_kept_paths", {})
    if protect in cache:
        return cache[protect]
    doc = sent.span.doc
    path: set[int] = set()
    for i in protect:
        tok = doc[i]
        while True:
            path.add(tok.i)
            if tok.head == tok:
                break
            tok = tok.head
    for tok in sent.span:
        if tok.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg", "dobj", "mark") and tok.head.i in path:
            path.update(t.i for t in tok.subtree)
    path.update(quoted(sent))
    cache[protect] = frozenset(path)
    return cache[protect]


def _bare_without(noun: Token, phrase: Token) -> bool:
    """Whether ``noun`` is "the <noun>" with nothing else to tell which one once ``phrase`` is gone."""
    others = [c for c in noun.children if c != phrase and c.dep_ not in ("punct", "cc")]
    return bool(others) and all(c.dep_ == "det" and c.lower_ == "the" for c in others)


_OPEN = {'"': '"', "“": "”"}


def quoted(sent: Sentence) -> frozenset[int]:
    """Indices of tokens inside (or forming) quotation marks in the sentence."""
    if "_quoted" not in sent.__dict__:
        sent.__dict__["_quoted"] = frozenset(_quoted(sent))
    return sent.__dict__["_quoted"]


def _quoted(sent: Sentence) -> set[int]:
    inside: set[int] = set()
    closer = None
    for tok in sent.span:
        if closer is None and tok.text in _OPEN:
            closer = _OPEN[tok.text]
            inside.add(tok.i)
        elif closer is not None:
            inside.add(tok.i)
            if tok.text == closer:
                closer = None
    return inside


def quotations(sent: Sentence) -> list[tuple[int, int]]:
    """Complete quotations in the sentence as (first, last) token indices of the words inside."""
    out = []
    start = None
    closer = None
    for tok in sent.span:
        if closer is None and tok.text in _OPEN:
            closer, start = _OPEN[tok.text], tok.i + 1
        elif closer is not None and tok.text == closer:
            out.append((start, tok.i - 1))
            closer = None
    return out


def all_quoted(sent: Sentence) -> bool:
    """True when every word of the sentence lies inside quotation marks (or a quote is left open)."""
    if "_all_quoted" not in sent.__dict__:
        sent.__dict__["_all_quoted"] = _all_quoted(sent)
    return sent.__dict__["_all_quoted"]


def _all_quoted(sent: Sentence) -> bool:
    inside = quoted(sent)
    words = [t for t in sent.span if not t.is_punct and not t.is_space]
    text = sent.span.text
    unbalanced = text.count('"') % 2 == 1 or text.count("“") != text.count("”")
    return unbalanced or bool(words) and all(t.i in inside for t in words)
