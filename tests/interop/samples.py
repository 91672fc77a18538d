"""Questions of every type, with awkward characters, for the format tests (no app needed)."""

from __future__ import annotations

from quizapp.interop.items import Item, matching_item

TRICKY = 'a ~tilde =eq #hash {brace} :colon \\back <b>tag</b> & "quote" * star | bar'


def sample_items() -> list[Item]:
    return [
        Item(
            "mcq",
            "Who said the library would open in 2027?",
            "Ana Ruiz",
            [],
            ["Tom Lee", "Ana Ruiz", "Mia Chen", "Raj Patel"],
            "11",
        ),
        Item("mcq", f"Which text is odd: {TRICKY}?", TRICKY, [], ["plain", TRICKY, "other: one"], "12"),
        Item("true_false", "The council voted 7 to 2 on Monday.", "True", [], ["True", "False"], "13"),
        Item("true_false", "The library will cost $40 million.", "False", [], ["True", "False"], "14"),
        Item("cloze", "The library will open in _____.", "2027", [], ["2025", "2026", "2027", "2030"], "15"),
        Item("cloze", "Mayor _____ backed the plan, she said.", "Ana Ruiz", ["Ruiz"], [], "16"),
        Item("short_answer", "How many council members voted for the library?", "seven", ["7"], [], "17"),
        Item("short_answer", f"Type this: {TRICKY}", TRICKY, ["x*y"], [], "18"),
        Item("flashcard", "Ana Ruiz", "the mayor of the city", [], [], "19"),
        matching_item(
            "Match each person with their role.",
            [
                {"left": "Ana Ruiz", "right": "mayor"},
                {"left": "Tom Lee", "right": "council member"},
                {"left": "Mia Chen", "right": "city librarian"},
            ],
            "20",
        ),
    ]


def fields(items: list[Item]) -> list[dict]:
    return [item.fields() for item in items]
