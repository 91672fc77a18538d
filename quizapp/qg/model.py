"""The candidate question record shared by the realisers, the ranker and the validator."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Candidate:
    """One generated question before ranking; ``target`` names the fact's key for de-duplication."""

    qtype: str
    prompt: str
    answer: str
    accepted: list[str]
    choices: list
    sent: int
    span: tuple[int, int]
    target: str
    weight: float
    difficulty: str
    shown: set[int] = field(default_factory=set)  # units (see ``units``) whose content the question displays
    extra: dict = field(default_factory=dict)


def unit(sent: int, view: int) -> int:
    """The id of one view (clause) of a sentence; view 0 is the whole sentence."""
    return sent * 4 + view


def units(sent: int) -> set[int]:
    """Every unit id of a sentence."""
    return {unit(sent, k) for k in range(4)}


def phrase_card(
    s, front: str, back: str, accepted: list[str], target: str, weight: float, difficulty: str = "medium"
) -> Candidate:
    """A self-rated flashcard whose back is a phrase of sentence ``s`` (shown whole): a phrase or a clause
    is too long to type and grade word for word."""
    return Candidate(
        "flashcard", front, back, accepted, [], s.idx, (s.start, s.end), target, weight, difficulty,
        units(s.idx), {"phrase": True},
    )  # fmt: skip
