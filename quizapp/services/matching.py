"""What a matching set pairs, read from its prompt, so its table can say so.

The question engine writes "Match each person with their role in the article." and "Match each person
with what they said in the article."; teachers and imported sets write their own ("Match each country
with its capital."). The left column is named after what each line is; anything else is an "Item".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PROMPT = re.compile(r"^\s*match\s+(?:each|every)\s+([a-z][a-z -]{0,30}?)\s+(?:with|to)\s+(.*)$", re.I)
_SAID = re.compile(r"\b(said|says|say|quot\w*|words)\b", re.I)


@dataclass(frozen=True)
class MatchingColumns:
    left: str  # the left column's header, e.g. "Person"
    quoted: bool  # the right side is what people said: shown as quotations


def matching_columns(prompt: str | None) -> MatchingColumns:
    """The header of a matching set's left column and whether its right side is quotations."""
    found = _PROMPT.match(prompt or "")
    if not found:
        return MatchingColumns("Item", False)
    left = found.group(1).strip()
    return MatchingColumns(left[:1].upper() + left[1:], bool(_SAID.search(found.group(2))))
