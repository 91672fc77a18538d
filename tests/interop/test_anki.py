"""The .apkg opens in Anki itself (the official ``anki`` package) with the notes, cards and ids we expect."""

import pytest

from quizapp.interop.anki import card_sides, stable_id, write_apkg
from tests.interop.samples import sample_items
from tests.support import skip_or_fail


@pytest.fixture
def open_in_anki(tmp_path):
    try:
        from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
    except ImportError as exc:  # the test extra installs it
        skip_or_fail(f"the anki package is not installed ({exc})")
    collections = []

    def _open(data: bytes, name: str = "deck"):
        path = tmp_path / f"{name}.apkg"
        path.write_bytes(data)
        col = Collection(str(tmp_path / f"{name}-{len(collections)}.anki2"))
        collections.append(col)
        col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
        )
        return col

    yield _open
    for col in collections:
        col.close()


def _notes(col):
    return [col.get_note(nid) for nid in col.find_notes("")]


def test_apkg_opens_in_anki_with_one_note_and_card_per_question(open_in_anki):
    items = sample_items()
    col = open_in_anki(write_apkg(items, "Library vote", "article-7"))
    notes = _notes(col)
    assert len(notes) == len(items)
    assert col.card_count() == len(items)
    assert "Library vote" in [d.name for d in col.decks.all_names_and_ids()]
    by_front = {n["Front"]: n for n in notes}
    for item in items:
        front, back = card_sides(item)
        note = by_front[front]
        assert note["Back"] == back
        assert note.note_type()["name"] == "quizapp question"
        assert f"quizapp::{item.qtype}" in note.tags
        assert [c.nid for c in note.cards()] == [note.id]


def test_card_fields_hold_the_question_and_its_key(open_in_anki):
    items = [i for i in sample_items() if i.ref in ("11", "17", "16")]
    items[0].evidence = "Mayor Ana Ruiz said the library would open in 2027."
    col = open_in_anki(write_apkg(items, "Deck", "article-7"))
    notes = {n["Front"].split(" ")[0]: n for n in _notes(col)}
    mcq, cloze, short = notes["Who"], notes["Mayor"], notes["How"]
    assert mcq["Front"].startswith("Who said the library would open in 2027?")
    assert "<li>Tom Lee</li>" in mcq["Front"] and mcq["Back"] == "Ana Ruiz"
    assert mcq["Source"] == "Mayor Ana Ruiz said the library would open in 2027."
    assert short["Back"] == "seven<br><small>Also accepted: 7</small>"
    assert cloze["Front"] == "Mayor [...] backed the plan, she said."
    assert cloze["Back"].startswith("Ana Ruiz")


def test_ids_are_stable_so_a_new_export_updates_rather_than_duplicates(open_in_anki):
    items = sample_items()
    first = open_in_anki(write_apkg(items, "Library vote", "article-7"), "first")
    items[0].answer = items[0].choices[0] = "Ana Ruiz (mayor)"
    again = open_in_anki(write_apkg(items, "Library vote", "article-7"), "second")
    assert sorted(n.guid for n in _notes(first)) == sorted(n.guid for n in _notes(again))
    assert stable_id("article-7", "deck") == stable_id("article-7", "deck") != stable_id("article-8", "deck")
    assert 1 << 30 <= stable_id("article-7", "model") < 1 << 31


def test_markup_in_questions_is_escaped_on_cards():
    from quizapp.interop.items import Item

    front, back = card_sides(Item("short_answer", "<img src=x onerror=alert(1)>?", "<b>x</b>"))
    assert "<img" not in front and "&lt;img" in front
    assert back == "&lt;b&gt;x&lt;/b&gt;"
