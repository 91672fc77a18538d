"""Anki decks (``.apkg``) through genanki, with ids that stay the same from one export to the next.

The note type and deck ids derive from the article (or assignment) id, and each note's guid from its
question's id, so importing a newer export into Anki updates the notes instead of duplicating them.
"""

from __future__ import annotations

import hashlib
import html
import os
import tempfile

import genanki

from .items import BLANK, Item

CSS = (
    ".card { font-family: sans-serif; font-size: 20px; text-align: left; color: #111; background: #fff; }"
    " .options { margin-top: .6em; } .source { margin-top: 1em; font-size: 14px; color: #555; }"
)


def stable_id(*parts: object) -> int:
    """A 31-bit id (Anki's safe range) derived from ``parts``."""
    digest = hashlib.sha256("/".join(map(str, parts)).encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def note_model(scope: str) -> genanki.Model:
    """The quizapp note type: Front, Back and Source (the sentence of the article behind the answer)."""
    return genanki.Model(
        stable_id(scope, "model"),
        "quizapp question",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}],
        templates=[
            {
                "name": "Card 1",
                "qfmt": "{{Front}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Back}}'
                '{{#Source}}<div class="source">{{Source}}</div>{{/Source}}',
            }
        ],
        css=CSS,
    )


def _h(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def card_sides(item: Item) -> tuple[str, str]:
    """The (front, back) HTML of the Anki card for one question."""
    if item.qtype == "matching":
        front = (
            _h(item.prompt) + "<ul>" + "".join(f"<li>{_h(p['left'])}</li>" for p in item.choices) + "</ul>"
        )
        back = (
            "<ul>" + "".join(f"<li>{_h(p['left'])} = {_h(p['right'])}</li>" for p in item.choices) + "</ul>"
        )
        return front, back
    front = _h(item.prompt.replace(BLANK, "[...]")) if item.qtype == "cloze" else _h(item.prompt)
    if item.qtype in ("mcq", "cloze") and item.choices:
        front += (
            '<ol class="options" type="A">' + "".join(f"<li>{_h(c)}</li>" for c in item.choices) + "</ol>"
        )
    if item.qtype == "true_false":
        front += '<div class="options">True or false?</div>'
    back = _h(item.answer)
    others = [a for a in item.accepted if a != item.answer]
    if others and item.qtype != "matching":
        back += "<br><small>Also accepted: " + _h(", ".join(others)) + "</small>"
    return front, back


def write_apkg(items: list[Item], deck_name: str, scope: str) -> bytes:
    """An Anki package holding one note (one card) per question; ``scope`` (e.g. ``article-12``) fixes ids."""
    model = note_model(scope)
    deck = genanki.Deck(stable_id(scope, "deck"), deck_name)
    for item in items:
        front, back = card_sides(item)
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[front, back, _h(item.evidence)],
                guid=genanki.guid_for("quizapp-question", item.ref),
                tags=[f"quizapp::{item.qtype}"],
            )
        )
    fd, path = tempfile.mkstemp(suffix=".apkg")
    os.close(fd)
    try:
        genanki.Package(deck).write_to_file(path)
        with open(path, "rb") as fh:
            return fh.read()
    finally:
        os.unlink(path)
