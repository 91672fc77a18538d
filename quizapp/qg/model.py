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
    shown: set[int] = field(default_factory=set)  # sentences whose content the question displays
    extra: dict = field(default_factory=dict)
