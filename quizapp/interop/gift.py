"""GIFT, Moodle's plain-text question format: writer and reader.

Per type: mcq ``{~a =b ~c}``; true_false ``{TRUE}``/``{FALSE}``; short_answer ``{=a =b}``; matching
``{=left -> right ...}``; cloze as GIFT's "missing word" (the answer block where the blank was: ``{=a ~b}``
with a word bank, ``{=a =b}`` without); flashcard as a short answer. What GIFT cannot say (that a short
answer is a flashcard, the accepted forms of a question with options) travels in a comment line
``// quizapp: {...}`` that other tools ignore, so our own files come back unchanged.
"""

from __future__ import annotations

import json
import re

from .items import BLANK, TRUE_FALSE, FormatError, Item, check_item, matching_item

SPECIALS = "\\~=#{}:"
_ESCAPES = {ch: chr(0xE000 + i) for i, ch in enumerate(SPECIALS)}
_UNESCAPES = {v: k for k, v in _ESCAPES.items()}
_META = "// quizapp:"


def escape(text: str) -> str:
    """Escape GIFT's special characters (``~ = # { } :`` and backslash) and newlines."""
    out = "".join("\\" + ch if ch in SPECIALS else ch for ch in text)
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def write_gift(items: list[Item], title: str = "") -> str:
    """A GIFT document holding ``items`` (titles ``Q1``, ``Q2``... or ``title - Qn``)."""
    blocks = []
    for n, item in enumerate(items, 1):
        name = f"{title} - Q{n}" if title else f"Q{n}"
        blocks.append(_write_one(item, name))
    return "\n\n".join(blocks) + "\n"


def _write_one(item: Item, name: str) -> str:
    lines = []
    meta: dict = {}
    if item.qtype == "flashcard":
        meta["type"] = "flashcard"
    has_options = item.qtype in ("mcq", "true_false") or (item.qtype == "cloze" and item.choices)
    if item.accepted and has_options:
        meta["accepted"] = item.accepted
    if meta:
        lines.append(f"{_META} {json.dumps(meta, ensure_ascii=False)}")
    head = f"::{escape(name)}::"
    if item.qtype == "cloze":
        before, after = item.prompt.split(BLANK, 1)
        lines.append(f"{head}{escape(before)}{_block(item)}{escape(after)}")
    else:
        lines.append(f"{head}{escape(item.prompt)} {_block(item)}")
    return "\n".join(lines)


def _block(item: Item) -> str:
    if item.qtype == "true_false":
        return "{TRUE}" if item.answer == "True" else "{FALSE}"
    if item.qtype == "matching":
        pairs = " ".join(f"={escape(p['left'])} -> {escape(p['right'])}" for p in item.choices)
        return "{" + pairs + "}"
    if item.choices:  # mcq, or cloze with a word bank
        opts = " ".join(("=" if c == item.answer else "~") + escape(c) for c in item.choices)
        return "{" + opts + "}"
    answers = [item.answer, *(a for a in item.accepted if a != item.answer)]
    return "{" + " ".join("=" + escape(a) for a in answers) + "}"


def _unescape(text: str) -> str:
    text = text.replace("\\n", "\n")
    return "".join(_UNESCAPES.get(ch, ch) for ch in text)


def _protect(text: str) -> str:
    # Replace escaped specials by private-use characters so that splitting never sees them.
    return re.sub(r"\\([\\~=#{}:])", lambda m: _ESCAPES[m.group(1)], text)


def read_gift(text: str) -> list[Item]:
    """The questions of a GIFT document; raises :class:`FormatError` naming the line at fault."""
    if "\x00" in text:
        raise FormatError("this is not a text file")
    items = []
    for line_no, block, meta in _blocks(text):
        items.append(check_item(_read_one(block, meta, line_no), f"line {line_no}"))
    if not items:
        raise FormatError("no questions found")
    return items


def _blocks(text: str):
    """(first line number, protected question text, metadata) for each question of the document."""
    current: list[str] = []
    start = 0
    meta: dict = {}
    lines = text.replace("\r\n", "\n").split("\n")
    for no, raw in enumerate(lines + [""], 1):
        line = raw.strip()
        if line.startswith(_META):
            try:
                meta = json.loads(line[len(_META) :])
            except json.JSONDecodeError:
                raise FormatError("the quizapp comment is not valid JSON", f"line {no}") from None
            continue
        if line.startswith("//") or line.startswith("$CATEGORY:"):
            continue
        if line:
            if not current:
                start = no
            current.append(_protect(raw.strip()))
            continue
        if current:
            yield start, " ".join(current), meta  # a question may span lines: they join with a space
            current, meta = [], {}


def _read_one(block: str, meta: dict, line_no: int) -> Item:
    where = f"line {line_no}"
    title = ""
    m = re.match(r"\s*::(.*?)::", block, re.S)
    if m:
        title, block = m.group(1), block[m.end() :]
    block = re.sub(r"^\s*\[(html|moodle|plain|markdown)\]", "", block)
    if block.count("{") != 1 or block.count("}") != 1 or block.index("{") > block.index("}"):
        raise FormatError(
            "each question needs exactly one answer block { ... } (escape literal braces as \\{ \\})", where
        )
    before, rest = block.split("{", 1)
    inside, after = rest.split("}", 1)
    before, after = _unescape(before.lstrip()), _unescape(after.rstrip())
    inside = inside.strip()
    del title  # names are not kept: questions are numbered by position
    if after.strip():  # GIFT's missing-word format: the block stands where the blank is
        item = _answers(inside, before + BLANK + after, where, cloze=True)
    else:
        item = _answers(inside, before.strip(), where, cloze=False)
    if meta.get("type") == "flashcard" and item.qtype == "short_answer":
        item.qtype = "flashcard"
    if isinstance(meta.get("accepted"), list):
        item.accepted = [str(a) for a in meta["accepted"]]
    return item


def _answers(inside: str, prompt: str, where: str, cloze: bool) -> Item:
    if not inside:
        raise FormatError("essay questions (an empty answer block) are not supported", where)
    if inside.startswith("#"):
        raise FormatError("numerical questions (#) are not supported", where)
    if inside.upper() in ("T", "TRUE", "F", "FALSE") and not cloze:
        answer = "True" if inside.upper().startswith("T") else "False"
        return Item("true_false", prompt, answer, [], list(TRUE_FALSE))
    parts = [p for p in re.split(r"(?=[=~])", inside) if p.strip()]
    if not parts or any(p[0] not in "=~" for p in parts):
        raise FormatError("answers must start with = (right) or ~ (wrong)", where)
    options = []
    for part in parts:
        mark, body = part[0], part[1:]
        body = body.split("#", 1)[0]  # drop feedback
        body = re.sub(r"^%-?\d+(\.\d+)?%", "", body)
        options.append((mark, _unescape(body).strip()))
    if not cloze and all(mark == "=" for mark, _ in options) and any("->" in b for _, b in options):
        pairs = []
        for _, body in options:
            if "->" not in body:
                raise FormatError("every matching pair must be written =left -> right", where)
            left, right = body.split("->", 1)
            pairs.append({"left": left.strip(), "right": right.strip()})
        return matching_item(prompt, pairs)
    right = [b for mark, b in options if mark == "="]
    if not right:
        raise FormatError("no right answer (=) given", where)
    if any(mark == "~" for mark, _ in options):
        choices = [b for _, b in options]
        return Item("cloze" if cloze else "mcq", prompt, right[0], [], choices)
    return Item("cloze" if cloze else "short_answer", prompt, right[0], right[1:], [])
