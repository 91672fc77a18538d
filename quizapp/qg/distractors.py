"""Wrong options of the key's own kind: article entities first, then shipped lists; never a variant."""

from __future__ import annotations

import functools
import random
import re

from rapidfuzz import fuzz

from . import gazetteer
from .article import Analysis
from .entities import surface_key
from .numbers import date_variants, number_variants


@functools.lru_cache(maxsize=65536)
def is_variant(a: str, b: str) -> bool:
    """True when two option strings could name the same thing (Trump / Donald Trump, UK / Britain)."""
    ka, kb = surface_key(a), surface_key(b)
    if not ka or not kb or ka == kb:
        return True
    if gazetteer.canonical(a) == gazetteer.canonical(b):
        return True
    if re.search(r"\d", ka) and re.search(r"\d", kb):
        # Numbers differ by value, not spelling: only the same digits (in any order) are a variant.
        return sorted(re.findall(r"\d+", ka)) == sorted(re.findall(r"\d+", kb))
    ta, tb = set(re.findall(r"\w+", ka)), set(re.findall(r"\w+", kb))
    if ta <= tb or tb <= ta:
        return True
    # Same surname ("Kim Jong Un" / "Kim Yong Chol" differ; "John Roberts" / "Roberts" do not).
    wa, wb = ka.split(), kb.split()
    if len(wa) > 1 and len(wb) > 1 and wa[-1] == wb[-1] and wa[-1][0].isalpha() and not wa[-1].isdigit():
        return True
    if fuzz.ratio(ka, kb) >= 85:
        return True
    # A reversed score ("59-360" for "360-59") is a variant, not a different result.
    return bool(re.fullmatch(r"\d+-\d+", ka) and sorted(ka.split("-")) == sorted(kb.split("-")))


def entity_options(
    an: Analysis,
    key_cluster: str,
    key_text: str,
    shown: str,
    full: bool,
    rng: random.Random,
    count: int = 3,
    article_only: bool = False,
    exact: bool = True,
) -> list[str]:
    """Names of other people/places/bodies in the article (then shipped lists) in the key's form.

    ``shown`` is the text the learner sees with the question; a name in it is never an option.
    ``article_only`` leaves out the shipped lists (a false statement needs a name the article keeps apart);
    with ``exact`` false, fewer than ``count`` may come back.
    """
    key = an.clusters[key_cluster]
    kind = _place_kind(key.name)
    article: list[str] = []
    for c in _ranked_clusters(an, key.kind):
        if c.key == key_cluster:
            continue
        if key.kind == "person" and not full and len(c.name.split()) > 2:
            continue  # "Kim Jong Un": the last word is not a surname to offer on its own
        if key.kind == "person" and len(c.name.split()) < 2 and c.count < 2:
            continue  # a lone word seen once ("Res" from "H.Con.Res.") may not be a person at all
        if key.kind == "norp" and not (c.name.endswith("s") and c.name[0].isupper()):
            continue  # groups with groups: "Democrats" / "Republicans", not "Democratic"
        if key.kind == "org" and not (_is_body(c.name) and _is_body(key.name)):
            continue  # a news agency is no distractor for a government body
        if key.kind == "place" and kind and _place_kind(c.name) != kind:
            continue  # a country for a country: "Hawaii" is no option for "Chad"
        article.append(c.name if full else c.short)
    extra: list[str] = []
    # People are never padded from a shipped list: an outsider's name is too easy to rule out.
    # Nor are cities or regions: one from another country ("Minsk" for a town in Donetsk) is absurd.
    if key.kind == "place" and kind in ("country", "state"):
        area = gazetteer.place_areas().get(gazetteer.canonical(key.name), "")
        extra = sorted(
            n
            for n, k in gazetteer.places().items()
            if k == (kind or "country") and gazetteer.place_areas()[n] == area
        )
    rng.shuffle(extra)
    # An option named in the question's own sentence is either absurd there or a second right answer.
    words = set(re.findall(r"\w+", shown))
    article = [o for o in article if not _named_in(o, words, shown) and _same_shape(o, key_text)]
    if key.kind == "person" and {"his", "him", "himself"} & {w.lower() for w in words}:
        # "Who removed Strzok from his team?": Hillary Clinton and Lisa Page are ruled out by "his"
        women = gazetteer.female_names()
        article = [o for o in article if _first_name(an, o) not in women]
    extra = [o for o in extra if not _named_in(o, words, shown) and _same_shape(o, key_text)]
    return _pick(article + ([] if article_only else extra), key_text, count, exact)


# Distractors come from the most frequent names and terms only: enough for plausible options, and it
# keeps the cost per question constant, so long articles cost time linear in their length.
_POOL = 40


def _ranked_clusters(an: Analysis, kind: str) -> list:
    cache = an.__dict__.setdefault("_ranked", {})
    if kind not in cache:
        ranked = sorted(
            (c for c in an.clusters.values() if c.kind == kind), key=lambda c: (-c.count, c.first_sent, c.key)
        )
        cache[kind] = ranked[:_POOL]
    return cache[kind]


def _first_name(an: Analysis, option: str) -> str:
    """The first name of the person an option names (its cluster's full name), or ""."""
    full = next((c.name for c in _ranked_clusters(an, "person") if option in (c.name, c.short)), option)
    return full.split()[0] if len(full.split()) > 1 else ""


def _named_in(option: str, words: set[str], text: str) -> bool:
    return option.split()[-1] in words or option in text


def _same_shape(option: str, key: str) -> bool:
    """Abbreviations go with abbreviations ("US", "EU"), full names with full names."""

    def abbrev(s: str) -> bool:
        return s.replace(".", "").isupper()

    return abbrev(option) == abbrev(key) and (len(option.split()) > 1) == (len(key.split()) > 1)


def _is_body(name: str) -> bool:
    return gazetteer.canonical(name) in gazetteer.bodies()


def _place_kind(name: str) -> str:
    return gazetteer.places().get(gazetteer.canonical(name), "")


def value_options(
    key_text: str, kind: str, rng: random.Random, count: int = 3, context: str = ""
) -> list[str]:
    """Same-format numbers or nearby dates for a numeric or date key (``context``: the words around it)."""
    pool = (
        number_variants(key_text, rng, count + 2, context)
        if kind == "number"
        else date_variants(key_text, rng, count + 2)
    )
    return _pick(pool, key_text, count)


def _pick(pool: list[str], key_text: str, count: int, exact: bool = True) -> list[str]:
    chosen: list[str] = []
    for option in pool:
        if is_variant(option, key_text) or any(is_variant(option, c) for c in chosen):
            continue
        chosen.append(option)
        if len(chosen) == count:
            break
    return chosen if len(chosen) == count or not exact else []
