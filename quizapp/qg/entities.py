"""Entity mentions with labels agreed across the article, grouped into clusters of one referent.

The small spaCy model mislabels names now and then (Kyiv as PERSON, Trump as ORG). We repair labels by
(1) the shipped gazetteer of places, (2) surname clusters: a one-word mention that is the last word of a
full person name in the article is that person, and (3) the majority label of each surface form.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from . import gazetteer

KINDS = {
    "PERSON": "person",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "ORG": "org",
    "NORP": "norp",
    "DATE": "date",
    "TIME": "time",
    "CARDINAL": "number",
    "QUANTITY": "number",
    "PERCENT": "number",
    "MONEY": "number",
}
NAME_KINDS = ("person", "place", "org")
_ORG_ALIASES = frozenset(
    {"European Union", "United Nations", "House of Representatives", "Senate", "White House"}
)


@dataclass
class Mention:
    """One entity mention: character span in the article text, repaired kind and cluster key."""

    start: int
    end: int
    text: str
    kind: str
    sent: int
    tok_start: int
    tok_end: int
    cluster: str = ""


@dataclass
class Cluster:
    """All mentions of one referent; ``name`` is the form shown in options and answers."""

    key: str
    kind: str
    name: str
    count: int
    first_sent: int
    short: str = ""


@functools.lru_cache(maxsize=65536)
def surface_key(text: str) -> str:
    """A comparison key for a name: lower case, no leading article, no possessive, one space."""
    text = re.sub(r"['’]s$", "", " ".join(text.split()))
    return re.sub(r"^the ", "", text.lower())


def repair(mentions: list[Mention]) -> dict[str, Cluster]:
    """Fix mention kinds in place, assign cluster keys, and return the clusters by key."""
    places = gazetteer.places()
    full_names: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        # A name is capitalised; "marijuana" tagged PERSON is not one.
        if m.kind in NAME_KINDS and not all(
            w[:1].isupper() or not w[:1].isalpha() for w in m.text.split()[-1:]
        ):
            m.kind = "other"
    media = gazetteer.media()
    for m in mentions:
        if m.kind in NAME_KINDS and m.text.lower() in media:
            m.kind = "org"  # "wrote on Twitter": the tagger's PERSON is a platform
    for m in mentions:
        if m.kind in NAME_KINDS:
            canon = gazetteer.canonical(m.text)
            if canon in _ORG_ALIASES:
                m.kind = "org"
            elif canon in places or m.text in places:
                m.kind = "place"
        if m.kind == "person" and len(m.text.split()) >= 2:
            full_names[m.text.split()[-1]].add(m.text)
    for m in mentions:
        words = m.text.split()
        if m.kind in NAME_KINDS and len(words) == 1 and words[0] in full_names and m.text not in places:
            m.kind = "person"
    for m in mentions:
        # Demonyms tagged as places ("Ukrainian" as GPE) are nationalities, not places.
        if (
            m.kind == "place"
            and re.fullmatch(r"[A-Z][a-z]+(?:ian|ean|ese|ish|can|ic)", m.text)
            and m.text not in places
        ):
            m.kind = "norp"
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        if m.kind in NAME_KINDS:
            votes[surface_key(m.text)][m.kind] += 1
    for m in mentions:
        if m.kind in NAME_KINDS and gazetteer.canonical(m.text) not in places:
            ranked = sorted(
                votes[surface_key(m.text)].items(), key=lambda kv: (-kv[1], NAME_KINDS.index(kv[0]))
            )
            m.kind = ranked[0][0]
    return _cluster(mentions, full_names)


def _cluster(mentions: list[Mention], full_names: dict[str, set[str]]) -> dict[str, Cluster]:
    members: dict[str, list[Mention]] = defaultdict(list)
    # Family names that come first ("Kim Jong Un", "Kim Yong Chol"): a bare "Kim" may be either of them.
    first_words: dict[str, set[str]] = defaultdict(set)
    for names in full_names.values():
        for name in names:
            first_words[name.split()[0]].add(name)
    for m in mentions:
        if m.kind == "person":
            surname = m.text.split()[-1]
            # Two different full names with one surname ("Joe Smith" and "Ann Smith"), or a bare word that
            # begins two full names ("Kim"): the bare name is ambiguous.
            bare = len(m.text.split()) == 1
            ambiguous = bare and (
                len(full_names.get(surname, ())) > 1
                or surname not in full_names
                and len(first_words.get(surname, ())) > 1
            )
            m.cluster = ("ambiguous:" if ambiguous else "person:") + surname
        elif m.kind in ("place", "org", "norp"):
            m.cluster = f"{m.kind}:{surface_key(gazetteer.canonical(m.text))}"
        else:
            continue
        members[m.cluster].append(m)
    clusters: dict[str, Cluster] = {}
    for key in sorted(members):
        ms = members[key]
        forms = Counter(m.text for m in ms)
        first_at = {f: min(m.start for m in ms if m.text == f) for f in forms}
        kind = ms[0].kind
        if kind == "person":
            name = max(forms, key=lambda f: (len(f.split()), forms[f], -first_at[f]))
            short = name.split()[-1]
        else:
            name = _display_place(forms)
            short = name
        clusters[key] = Cluster(key, kind, name, len(ms), min(m.sent for m in ms), short)
    return clusters


def _display_place(forms: Counter[str]) -> str:
    ranked = sorted(forms, key=lambda f: (-forms[f], f))
    best = re.sub(r"['’]s$", "", ranked[0])
    return best[4:] if best.lower().startswith("the ") else best
