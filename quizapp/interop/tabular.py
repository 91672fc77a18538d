"""Spreadsheet layouts: Quizlet's term/definition import and our own CSV of questions.

Our CSV has one header row and one question a row. ``choices`` and ``accepted`` hold several values
separated by ``|`` (write a literal bar as ``\\|``); a matching question's choices are ``left => right``
pairs. Types: mcq, true_false, cloze (prompt with ``_____``), short_answer, flashcard, matching.
"""

from __future__ import annotations

import csv
import io
import re

from .items import TRUE_FALSE, FormatError, Item, check_item, matching_item

CSV_HEADER = ["type", "prompt", "answer", "choices", "accepted"]
MAX_FIELD = 20_000


def _flat(text: str) -> str:
    # Quizlet reads one card a line and splits term from definition at the tab.
    return " ".join(text.replace("\t", " ").split())


def quizlet_rows(item: Item) -> list[tuple[str, str]]:
    """The (term, definition) cards of one question: a matching question gives one card per pair."""
    if item.qtype == "matching":
        return [(p["left"], p["right"]) for p in item.choices]
    term = item.prompt
    if item.qtype == "mcq":
        term += " (" + " / ".join(item.choices) + ")"
    return [(term, item.answer)]


def write_quizlet(items: list[Item], separator: str = "\t") -> str:
    """Quizlet's import text: ``term<separator>definition`` a line, no header, no tabs or newlines inside."""
    lines = []
    for item in items:
        for term, definition in quizlet_rows(item):
            lines.append(f"{_flat(term)}{separator}{_flat(definition)}")
    return "\n".join(lines) + "\n"


def _join(values: list[str]) -> str:
    return "|".join(v.replace("|", "\\|") for v in values)


def _split(cell: str) -> list[str]:
    if not cell.strip():
        return []
    return [v.replace("\\|", "|").strip() for v in re.split(r"(?<!\\)\|", cell)]


def write_csv(items: list[Item]) -> str:
    """Our CSV layout (header ``type,prompt,answer,choices,accepted``), readable by :func:`read_csv`."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for item in items:
        if item.qtype == "matching":
            choices = _join([f"{p['left']} => {p['right']}" for p in item.choices])
            accepted = ""
        else:
            choices = "" if item.qtype == "true_false" else _join([str(c) for c in item.choices])
            accepted = _join(item.accepted)
        writer.writerow([item.qtype, item.prompt, item.answer, choices, accepted])
    return buf.getvalue()


def read_csv(text: str) -> list[Item]:
    """Questions from our CSV layout; raises :class:`FormatError` naming the line at fault."""
    if "\x00" in text:
        raise FormatError("this is not a text file")
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise FormatError("the file is empty") from None
    except csv.Error as exc:
        raise FormatError(f"unreadable CSV ({exc})", "line 1") from None
    missing = [h for h in ("type", "prompt", "answer") if h not in header]
    if missing:
        raise FormatError(
            f"the header must be {','.join(CSV_HEADER)} (missing {', '.join(missing)})", "line 1"
        )
    items = []
    try:
        for row in reader:
            line = f"line {reader.line_num}"
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                raise FormatError(f"{len(row)} cells but the header has {len(header)}", line)
            if any(len(cell) > MAX_FIELD for cell in row):
                raise FormatError(f"a cell is longer than {MAX_FIELD} characters", line)
            cells = dict(zip(header, row + [""] * (len(header) - len(row)), strict=True))
            items.append(check_item(_row_item(cells, line), line))
    except csv.Error as exc:
        raise FormatError(f"unreadable CSV ({exc})", f"line {reader.line_num}") from None
    if not items:
        raise FormatError("no questions found below the header")
    return items


def _row_item(cells: dict[str, str], line: str) -> Item:
    qtype = cells.get("type", "").strip().lower().replace("-", "_").replace(" ", "_")
    prompt, answer = cells.get("prompt", "").strip(), cells.get("answer", "").strip()
    choices = _split(cells.get("choices", ""))
    accepted = _split(cells.get("accepted", ""))
    if qtype == "matching":
        pairs = []
        for choice in choices:
            if "=>" not in choice:
                raise FormatError(f"matching choice {choice!r} must be written 'left => right'", line)
            left, right = choice.split("=>", 1)
            pairs.append({"left": left.strip(), "right": right.strip()})
        return matching_item(prompt, pairs)
    if qtype == "true_false":
        answer = answer.capitalize() if answer.lower() in ("true", "false") else answer
        choices = list(TRUE_FALSE)
    return Item(qtype, prompt, answer, accepted, choices)
