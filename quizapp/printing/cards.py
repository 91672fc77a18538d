"""Cut-out flashcards for double-sided printing: fronts on one page, backs mirrored on the next.

Printed long-edge duplex, a sheet turns over about its vertical axis, so the card in column ``c`` of a
front page lands behind column ``columns - 1 - c`` of the back page: each back row is the front row
reversed (empty cells included, so a short last row still lines up).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..interop.items import BLANK, Item

MCQ_LEAD = "Which option completes the sentence? "
COLUMNS = 2
ROWS = 4
MAX_CARD_CHARS = 280  # what fits a 90 x 58 mm card in small type; longer text is cut at a word


def fit(text: str, limit: int = MAX_CARD_CHARS) -> str:
    """``text``, cut at a word boundary with an ellipsis when longer than a card holds."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


@dataclass(frozen=True)
class Card:
    front: str
    back: str
    number: int = 0


def cards_for(items: list[Item]) -> list[Card]:
    """One card per question (a matching question gives one card per pair)."""
    cards = []
    for item in items:
        if item.qtype == "matching":
            cards.extend(Card(p["left"], p["right"]) for p in item.choices)
        elif item.qtype in ("cloze", "mcq") and BLANK in item.prompt:
            # A card has no options: "Which option completes the sentence?" would ask for what is not there.
            front = item.prompt.removeprefix(MCQ_LEAD).replace(BLANK, "_______")
            cards.append(Card(front, item.answer))
        elif item.qtype == "true_false":
            cards.append(Card(f"True or false: {item.prompt}", item.answer))
        else:
            cards.append(Card(item.prompt, item.answer))
    return [Card(fit(c.front), fit(c.back), n) for n, c in enumerate(cards, 1)]


def sheet_pages(cards: list[Card], columns: int = COLUMNS, rows: int = ROWS) -> list[tuple[str, list[list]]]:
    """Pages as ``("front"|"back", grid)``; a grid is rows of cells, each a Card or None (blank)."""
    per_page = columns * rows
    pages: list[tuple[str, list[list]]] = []
    for start in range(0, len(cards), per_page):
        chunk: list = list(cards[start : start + per_page])
        chunk += [None] * (per_page - len(chunk))
        grid = [chunk[r * columns : (r + 1) * columns] for r in range(rows)]
        grid = [row for row in grid if any(row)]
        pages.append(("front", grid))
        pages.append(("back", [list(reversed(row)) for row in grid]))
    return pages
