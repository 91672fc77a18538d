"""Moodle XML: writer and (safe) reader.

Per type: mcq -> ``multichoice`` (``<single>true</single>``); true_false -> ``truefalse`` (answers
``true``/``false``); short_answer -> ``shortanswer`` (``<usecase>0</usecase>``, accepted forms as further
100% answers); flashcard -> ``shortanswer`` tagged ``quizapp-flashcard``; matching -> ``matching``;
cloze -> ``cloze`` (Moodle's embedded answers: ``{1:SHORTANSWER:=a~=b}``, or ``{1:MULTICHOICE:~x~=a}``
for a word bank). Accepted forms Moodle cannot hold travel in ``quizapp-accepted:`` tags.
Files are parsed with defusedxml: entity expansion and external entities are refused.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from xml.sax.saxutils import escape as xml_escape

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from .items import BLANK, TRUE_FALSE, FormatError, Item, check_item, matching_item

_TAG_TYPE = "quizapp-flashcard"
_TAG_ACCEPTED = "quizapp-accepted:"
_CLOZE_SPECIALS = '\\}#~/"'


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _html(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def _sa_escape(text: str) -> str:
    # In a Moodle short answer "*" is a wildcard; a literal star is written "\*".
    return text.replace("*", "\\*")


def _cloze_escape(text: str) -> str:
    return "".join("\\" + ch if ch in _CLOZE_SPECIALS else ch for ch in _html(text))


def write_moodle_xml(items: list[Item], title: str = "") -> str:
    """A Moodle XML ``<quiz>`` document holding ``items``."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    if title:
        out.append(
            f'  <question type="category"><category><text>$course$/{xml_escape(title)}</text>'
            "</category></question>"
        )
    for n, item in enumerate(items, 1):
        out.append(_question(item, f"{title} - Q{n}" if title else f"Q{n}"))
    out.append("</quiz>")
    return "\n".join(out) + "\n"


def _answer(fraction: int, text: str, fmt: str = "plain_text") -> str:
    return (
        f'    <answer fraction="{fraction}" format="{fmt}"><text>{xml_escape(text)}</text>'
        '<feedback format="html"><text></text></feedback></answer>'
    )


def _question(item: Item, name: str) -> str:
    qtype, body, text = _body(item)
    tags = []
    if item.qtype == "flashcard":
        tags.append(_TAG_TYPE)
    if item.qtype in ("mcq", "true_false") or (item.qtype == "cloze" and item.choices):
        tags.extend(_TAG_ACCEPTED + a for a in item.accepted)
    lines = [
        f'  <question type="{qtype}">',
        f"    <name><text>{xml_escape(name)}</text></name>",
        f'    <questiontext format="html"><text>{_cdata(text)}</text></questiontext>',
        '    <generalfeedback format="html"><text></text></generalfeedback>',
        "    <defaultgrade>1</defaultgrade>",
        "    <penalty>0.3333333</penalty>",
        "    <hidden>0</hidden>",
        *body,
    ]
    if tags:
        lines.append(
            "    <tags>" + "".join(f"<tag><text>{xml_escape(t)}</text></tag>" for t in tags) + "</tags>"
        )
    lines.append("  </question>")
    return "\n".join(lines)


def _body(item: Item) -> tuple[str, list[str], str]:
    if item.qtype == "mcq":
        body = [
            "    <single>true</single>",
            "    <shuffleanswers>true</shuffleanswers>",
            "    <answernumbering>abc</answernumbering>",
        ]
        body += [_answer(100 if c == item.answer else 0, c) for c in item.choices]
        return "multichoice", body, _html(item.prompt)
    if item.qtype == "true_false":
        right = item.answer == "True"
        return (
            "truefalse",
            [
                _answer(100 if right else 0, "true", "moodle_auto_format"),
                _answer(0 if right else 100, "false", "moodle_auto_format"),
            ],
            _html(item.prompt),
        )
    if item.qtype == "matching":
        body = ["    <shuffleanswers>true</shuffleanswers>"]
        body += [
            f'    <subquestion format="html"><text>{_cdata(_html(p["left"]))}</text>'
            f"<answer><text>{xml_escape(p['right'])}</text></answer></subquestion>"
            for p in item.choices
        ]
        return "matching", body, _html(item.prompt)
    if item.qtype == "cloze":
        before, after = item.prompt.split(BLANK, 1)
        if item.choices:
            opts = "~".join(("=" if c == item.answer else "") + _cloze_escape(c) for c in item.choices)
            gap = "{1:MULTICHOICE:" + opts + "}"
        else:
            answers = [item.answer, *(a for a in item.accepted if a != item.answer)]
            gap = "{1:SHORTANSWER:" + "~".join("=" + _cloze_escape(a) for a in answers) + "}"
        return "cloze", [], _html(before) + gap + _html(after)
    answers = [item.answer, *(a for a in item.accepted if a != item.answer)]
    return (
        "shortanswer",
        ["    <usecase>0</usecase>", *(_answer(100, _sa_escape(a)) for a in answers)],
        _html(item.prompt),
    )


class _TextOf(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "p", "div") and self.parts:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (tags dropped, entities decoded, line breaks kept)."""
    parser = _TextOf()
    parser.feed(fragment or "")
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    return "\n".join(line for line in lines if line).strip()


def read_moodle_xml(data: bytes | str) -> list[Item]:
    """The questions of a Moodle XML file; raises :class:`FormatError` naming the element at fault."""
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise FormatError("the file declares a DTD or entities, which are refused for safety") from None
    except SafeET.ParseError as exc:
        raise FormatError(f"not well-formed XML ({exc})") from None
    if root.tag != "quiz":
        raise FormatError(f"the root element is <{root.tag}>, expected <quiz>")
    items = []
    for n, q in enumerate(root.findall("question"), 1):
        qtype = q.get("type", "")
        where = f'<question type="{qtype}"> #{n}'
        if qtype in ("category", "description"):
            continue
        items.append(check_item(_read_question(q, qtype, where), where))
    if not items:
        raise FormatError("no questions found in <quiz>")
    return items


def _text(el, path: str) -> str:
    found = el.find(path)
    return (found.text or "") if found is not None else ""


def _formatted(el) -> str:
    raw = _text(el, "text")
    return html_to_text(raw) if el.get("format", "html") == "html" else raw.strip()


def _fraction(answer, where: str) -> float:
    try:
        return float(answer.get("fraction", "0") or 0)
    except ValueError:
        raise FormatError(f"<answer fraction={answer.get('fraction')!r}> is not a number", where) from None


def _read_question(q, qtype: str, where: str) -> Item:
    prompt = html_to_text(_text(q, "questiontext/text"))
    tags = [t.text or "" for t in q.findall("tags/tag/text")]
    accepted_tags = [t[len(_TAG_ACCEPTED) :] for t in tags if t.startswith(_TAG_ACCEPTED)]
    answers = [(_fraction(a, where), _formatted(a)) for a in q.findall("answer")]
    right = [t for f, t in answers if f >= 100]
    if qtype == "multichoice":
        if _text(q, "single").strip().lower() not in ("true", "1"):
            raise FormatError("multiple-answer multichoice questions are not supported", where)
        if not right:
            raise FormatError("no <answer> has fraction 100", where)
        return Item("mcq", prompt, right[0], accepted_tags, [t for _, t in answers])
    if qtype == "truefalse":
        if not right or right[0].lower() not in ("true", "false"):
            raise FormatError('a truefalse question needs a 100% <answer> "true" or "false"', where)
        return Item("true_false", prompt, right[0].capitalize(), accepted_tags, list(TRUE_FALSE))
    if qtype == "shortanswer":
        keys = [t.replace("\\*", "*") for t in right]
        if not keys:
            raise FormatError("no <answer> has fraction 100", where)
        kind = "flashcard" if _TAG_TYPE in tags else "short_answer"
        return Item(kind, prompt, keys[0], keys[1:], [])
    if qtype == "matching":
        pairs = [
            {"left": html_to_text(_text(s, "text")), "right": _text(s, "answer/text").strip()}
            for s in q.findall("subquestion")
        ]
        return matching_item(prompt, [p for p in pairs if p["left"]])
    if qtype == "cloze":
        return _read_cloze(_text(q, "questiontext/text"), accepted_tags, where)
    raise FormatError(f"question type {qtype!r} is not supported", where)


_GAP = re.compile(
    r"\{(\d*):(SHORTANSWER|SA|MW|SHORTANSWER_C|SAC|MWC|MULTICHOICE|MC|MULTICHOICE_S|MCS"
    r"|MULTICHOICE_V|MCV|MULTICHOICE_H|MCH):((?:\\.|[^}\\])*)\}"
)


def _read_cloze(raw: str, accepted_tags: list[str], where: str) -> Item:
    gaps = list(_GAP.finditer(raw))
    if len(gaps) != 1:
        raise FormatError(
            f"only cloze questions with exactly one gap are supported (found {len(gaps)})", where
        )
    gap = gaps[0]
    prompt = html_to_text(raw[: gap.start()] + BLANK + raw[gap.end() :])
    options = []
    for part in re.split(r"(?<!\\)~", gap.group(3)):
        part = re.split(r"(?<!\\)#", part, maxsplit=1)[0]  # drop feedback
        right = part.startswith("=") or part.startswith("%100%")
        body = re.sub(r"^(=|%-?\d+(\.\d+)?%)", "", part)
        text = html_to_text(re.sub(r"\\(.)", r"\1", body))
        options.append((right, text))
    keys = [t for r, t in options if r]
    if not keys:
        raise FormatError("the gap has no right answer (=)", where)
    if gap.group(2).startswith(("MULTICHOICE", "MC")):
        return Item("cloze", prompt, keys[0], accepted_tags, [t for _, t in options])
    return Item("cloze", prompt, keys[0], keys[1:], [])
