"""Word lists shipped in ``quizapp/qg/data``: places, aliases, fallback people and role words."""

from __future__ import annotations

import functools
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data"


def _lines(name: str) -> list[str]:
    text = (_DATA / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@functools.cache
def places() -> dict[str, str]:
    """Map each known place name to its kind (country, city, state or region)."""
    return {name: kind for kind, name, _ in _place_rows()}


@functools.cache
def place_areas() -> dict[str, str]:
    """Map each known place name to its part of the world (europe, easteurope, asia, mideast, americas,
    africa, us)."""
    return {name: area for _, name, area in _place_rows()}


@functools.cache
def _place_rows() -> tuple[tuple[str, str, str], ...]:
    return tuple(tuple(line.split("|")) for line in _lines("places.txt"))  # type: ignore[misc]


@functools.cache
def alias_map() -> dict[str, str]:
    """Map a lower-cased surface form to the canonical name of the place or body it denotes."""
    out: dict[str, str] = {}
    for line in _lines("aliases.txt"):
        names = line.split("|")
        for name in names:
            out[name.lower()] = names[0]
    return out


@functools.cache
def _alias_lines() -> dict[str, tuple[str, ...]]:
    return {line.split("|")[0]: tuple(line.split("|")) for line in _lines("aliases.txt")}


def other_forms(name: str) -> tuple[str, ...]:
    """The other surface forms of a place or body ("G7", "G-7" for "Group of Seven"), without "the"."""
    forms = _alias_lines().get(canonical(name), ())
    return tuple(f for f in forms if f != name and not f.lower().startswith("the "))


@functools.cache
def role_words() -> frozenset[str]:
    """Head words of titles and roles ("president", "envoy", "senator")."""
    return frozenset(_lines("roles.txt"))


@functools.lru_cache(maxsize=65536)
def canonical(name: str) -> str:
    """The canonical form of a place or body name ("U.S." -> "United States"), else the name itself."""
    key = " ".join(name.split())
    return alias_map().get(key.lower(), alias_map().get(key.lower().removeprefix("the "), key))


@functools.cache
def female_names() -> frozenset[str]:
    """Common female first names: options for a question that says "his" leave these people out."""
    return frozenset(_lines("female_names.txt"))


@functools.cache
def media() -> frozenset[str]:
    """News outlets and platforms (lower case): sources of an article, never asked about."""
    return frozenset(name.lower() for name in _lines("media.txt"))


@functools.cache
def bodies() -> frozenset[str]:
    """Canonical names of government bodies and international organisations (comparable as options)."""
    return frozenset(_lines("bodies.txt"))
