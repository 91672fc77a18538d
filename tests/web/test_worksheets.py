"""Worksheets on paper: versions whose keys match them, page numbers, whole questions, duplex cards."""

import io
import re

import pytest
from pypdf import PdfReader

from quizapp.printing.render import SheetOptions
from quizapp.services.exchange import article_question_set
from quizapp.services.worksheets import render_pdf
from tests.factories import PASSWORD, make_user
from tests.web.exchange.helpers import make_full_article

QUESTION = re.compile(r"^(\d+)\.\s+(.*)$")
OPTION = re.compile(r"^([A-H])\s+(.+)$")
PAIR = re.compile(r"^(\d+)\)\s+(.+?) ([A-H])\s+(.+)$")
KEY = re.compile(r"^(\d+)\.\s+(.+)$")
VERSION = re.compile(r"Version ([A-H])\s*$")


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _by_version(pages: list[str]) -> dict[str, list[str]]:
    """Page texts grouped by the version named in each page's footer."""
    grouped: dict[str, list[str]] = {}
    for text in pages:
        letter = VERSION.search(text.strip().splitlines()[-1]).group(1)
        grouped.setdefault(letter, []).append(text)
    return grouped


def _parse_version(pages: list[str]) -> dict[int, dict]:
    """Question number -> {"prompt", "options": {letter: text}, "pairs": {n: (left, letter, right)}}."""
    questions: dict[int, dict] = {}
    current = None
    for text in pages:
        for line in text.splitlines():
            line = line.strip()
            if m := QUESTION.match(line):
                current = questions.setdefault(
                    int(m.group(1)), {"prompt": m.group(2), "options": {}, "pairs": {}}
                )
            elif current is not None and (m := PAIR.match(line)):
                current["pairs"][int(m.group(1))] = (m.group(2), m.group(3), m.group(4))
            elif current is not None and (m := OPTION.match(line)):
                current["options"][m.group(1)] = m.group(2)
    return questions


def _parse_keys(pages: list[str]) -> dict[str, dict[int, str]]:
    keys: dict[str, dict[int, str]] = {}
    for text in pages:
        letter = re.search(r"Answer key · Version ([A-H])", text).group(1)
        for line in text.splitlines():
            if m := KEY.match(line.strip()):
                keys.setdefault(letter, {})[int(m.group(1))] = m.group(2)
    return keys


@pytest.fixture
def owner(app):
    return make_user("teacher")


@pytest.fixture
def qset(owner):
    article = make_full_article(owner, n=3, drafts=2)
    return article_question_set(owner, article.id)


def _norm(text: str) -> str:
    return " ".join(text.replace("_____", " ").split())


def _by_prompt(qset):
    return {_norm(item.prompt): item for item in qset.items}


def _find(items_by_prompt, printed_prompt):
    item = items_by_prompt.get(_norm(printed_prompt))
    assert item is not None, f"printed question not among the approved ones: {printed_prompt!r}"
    return item


def test_every_answer_key_matches_its_version(qset):
    options = SheetOptions(versions=3)
    versions = _by_version(_pages(render_pdf(qset, "worksheet", options).data))
    keys = _parse_keys(_pages(render_pdf(qset, "keys", options).data))
    assert sorted(versions) == sorted(keys) == ["A", "B", "C"]
    items = _by_prompt(qset)
    for letter, pages in versions.items():
        printed = _parse_version(pages)
        key = keys[letter]
        assert sorted(printed) == sorted(key) == list(range(1, len(qset.items) + 1)), letter
        for number, question in printed.items():
            item = _find(items, question["prompt"])
            if item.qtype == "mcq":
                chosen = key[number].split()[0]
                assert question["options"][chosen] == item.answer, (letter, number)
                assert sorted(question["options"].values()) == sorted(item.choices)
            elif item.qtype == "matching":
                wanted = {p["left"]: p["right"] for p in item.choices}
                for pair in key[number].split(", "):
                    n, right_letter = pair.split("-")
                    left = question["pairs"][int(n)][0]
                    rights = {ltr: text for _, ltr, text in question["pairs"].values()}
                    assert rights[right_letter] == wanted[left], (letter, number, pair)
            else:
                assert key[number].startswith(item.answer), (letter, number)


def test_versions_shuffle_differently_and_print_the_same_every_time(qset):
    options = SheetOptions(versions=2)
    first = _by_version(_pages(render_pdf(qset, "worksheet", options).data))
    again = _by_version(_pages(render_pdf(qset, "worksheet", options).data))
    assert first == again
    order = {v: [q["prompt"] for _, q in sorted(_parse_version(p).items())] for v, p in first.items()}
    assert sorted(order["A"]) == sorted(order["B"])
    assert order["A"] != order["B"]


def test_drafts_are_never_printed(qset):
    text = "\n".join(_pages(render_pdf(qset, "worksheet", SheetOptions()).data))
    assert "Draft question" not in text


def test_pages_are_numbered_and_no_question_is_split(owner):
    article = make_full_article(owner, n=6)
    qset = article_question_set(owner, article.id)
    pages = _pages(render_pdf(qset, "worksheet", SheetOptions(versions=2, include_article=True)).data)
    per_version = _by_version(pages)
    for letter, texts in per_version.items():
        assert len(texts) > 1
        for n, text in enumerate(texts, 1):
            assert f"Page {n} of {len(texts)}" in text, (letter, n)
    # break-inside: avoid: a question's options (and pairs) are on the page of its number.
    for text in pages:
        parsed = _parse_version([text])
        for number, q in parsed.items():
            item_type_lines = len(q["options"]) + len(q["pairs"])
            assert item_type_lines in (0, 3, 4), (number, q)  # tf has none, matching 3 pairs, mcq 4 options
    first_lines = [t.strip().splitlines()[0] for t in pages]
    assert not any(OPTION.match(line) or PAIR.match(line) for line in first_lines)


@pytest.mark.parametrize("paper, size", [("a4", (595, 842)), ("letter", (612, 792))])
def test_paper_size_is_the_one_chosen(qset, paper, size):
    for kind in ("worksheet", "keys", "flashcards"):
        for page in PdfReader(io.BytesIO(render_pdf(qset, kind, SheetOptions(paper=paper)).data)).pages:
            assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size, kind


def test_header_has_name_class_date_and_score_lines(qset):
    text = _pages(render_pdf(qset, "worksheet", SheetOptions(class_name="7B")).data)[0]
    assert "Name" in text and "Class 7B" in text and "Date" in text
    assert f"Score  / {len(qset.items)}" in text


def test_word_bank_can_be_switched_off(qset):
    with_bank = "\n".join(_pages(render_pdf(qset, "worksheet", SheetOptions(word_bank=True)).data))
    without = "\n".join(_pages(render_pdf(qset, "worksheet", SheetOptions(word_bank=False)).data))
    assert with_bank.count("Word bank:") == 3 and "Word bank:" not in without


def test_article_text_is_printed_when_asked(qset):
    def words(options):
        return " ".join(" ".join(_pages(render_pdf(qset, "worksheet", options).data)).split())

    sentence = "Council member Tom Lee voted against the plan."
    assert sentence not in words(SheetOptions())
    assert sentence in words(SheetOptions(include_article=True))


def _positions(data: bytes, page_no: int) -> list[tuple[str, float, float]]:
    reader = PdfReader(io.BytesIO(data))
    out = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            out.append((text.strip(), x, y))

    reader.pages[page_no].extract_text(visitor_text=visit)
    return out, float(reader.pages[page_no].mediabox.width)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_flashcard_backs_are_mirrored_behind_their_fronts(qset, paper):
    data = render_pdf(qset, "flashcards", SheetOptions(paper=paper)).data
    assert len(PdfReader(io.BytesIO(data)).pages) % 2 == 0
    fronts, width = _positions(data, 0)
    backs, _ = _positions(data, 1)
    front_nums = {t: (x, y) for t, x, y in fronts if re.fullmatch(r"#\d+", t)}
    back_nums = {t: (x, y) for t, x, y in backs if re.fullmatch(r"#\d+", t)}
    assert set(front_nums) == set(back_nums) == {f"#{n}" for n in range(1, 9)}
    for number, (fx, fy) in front_nums.items():
        bx, by = back_nums[number]
        # Long-edge duplex flips left and right: the back's x mirrors the front's (same row).
        assert abs((fx + bx) - width) < 12, (number, fx, bx, width)
        assert abs(fy - by) < 30, (number, fy, by)
    front_text = " ".join(t for t, _, _ in fronts)
    back_text = " ".join(t for t, _, _ in backs)
    assert "Who said the library would open in 2027?" in front_text
    assert "Ana Ruiz 0" in back_text and "Ana Ruiz 0" not in front_text.replace("(0)", "")


def test_download_and_browser_page(client, auth, owner, qset):
    auth.login(owner.email, PASSWORD)
    article_id = qset.article.id
    response = client.get(
        f"/teach/exchange/articles/{article_id}/pdf?kind=worksheet&versions=2&include_article=1"
    )
    assert response.status_code == 200
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF")
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Content-Disposition"].endswith("-worksheet.pdf")
    page = client.get(f"/teach/exchange/articles/{article_id}/worksheet?version=B&word_bank=0")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Version B" in html and "Word bank" not in html
    assert "/static/css/print.css" in html and "/static/js/worksheet-print.js" in html
    assert "<script>" not in html and "style=" not in html


def test_no_questions_to_print_says_so(client, auth, owner):
    article = make_full_article(owner, n=0)
    auth.login(owner.email, PASSWORD)
    response = client.get(f"/teach/exchange/articles/{article.id}/pdf?kind=worksheet", follow_redirects=True)
    assert "no approved questions to print" in response.get_data(as_text=True)


def test_form_options_last_word_bank_value_wins_and_bad_values_fall_back():
    from werkzeug.datastructures import MultiDict

    from quizapp.services.worksheets import sheet_options

    ticked = sheet_options(MultiDict([("word_bank", "0"), ("word_bank", "1"), ("versions", "3")]))
    unticked = sheet_options(MultiDict([("word_bank", "0"), ("versions", "99"), ("paper", "legal")]))
    assert ticked.word_bank and ticked.versions == 3
    assert not unticked.word_bank and unticked.versions == 8 and unticked.paper == "a4"
    assert sheet_options(MultiDict([("versions", "x"), ("instructions", "  ")])).versions == 1
    assert sheet_options(MultiDict([("instructions", "  ")])).instructions == SheetOptions.instructions


def test_browser_page_links_every_version(client, auth, owner, qset):
    auth.login(owner.email, PASSWORD)
    html = client.get(
        f"/teach/exchange/articles/{qset.article.id}/worksheet?versions=3&version=C&word_bank=0&word_bank=1"
    ).get_data(as_text=True)
    assert "Version C" in html and "Word bank:" in html
    assert 'aria-current="page">C</a>' in html
    assert html.count("version=") == 3


def test_long_card_text_never_pushes_cards_off_their_page():
    from quizapp.interop.items import Item
    from quizapp.printing.render import SheetSource, flashcards_pdf

    long_text = "The council debated the library plan at length. " * 14
    items = [Item("flashcard", f"{n} {long_text}", f"{n} {long_text}", ref=str(n)) for n in range(8)]
    data = flashcards_pdf(SheetSource("Long cards", "article-9", items), SheetOptions())
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) == 2  # eight cards: one fronts page, one backs page
    assert "#8" in pages[0].extract_text() and "#8" in pages[1].extract_text()


def test_the_word_bank_sorts_numbers_by_value_then_words():
    from quizapp.interop.items import Item
    from quizapp.printing.versions import build_version

    item = Item(qtype="cloze", prompt="It cost $_____ million.", answer="12",
                choices=["40", "2027", "seven", "12", "9,000", "$7", "Ana"], ref="1")  # fmt: skip
    (question,) = build_version([item], "article-1", "A").questions
    assert question.bank == ["$7", "12", "40", "2027", "9,000", "Ana", "seven"]


def test_card_fronts_stand_alone_on_paper():
    from quizapp.interop.items import Item
    from quizapp.printing.cards import cards_for

    cards = cards_for(
        [
            Item(
                "mcq",
                "Which option completes the sentence? The library opens in _____.",
                "2027",
                choices=["2025", "2026", "2027", "2028"],
                ref="1",
            ),
            Item("true_false", "The council voted 7 to 2.", "True", choices=["True", "False"], ref="2"),
            Item("cloze", "The mayor is _____.", "Ana Ruiz", ref="3"),
        ]
    )
    # a card shows no options: it never asks which option completes the sentence
    assert cards[0].front == "The library opens in _______." and cards[0].back == "2027"
    assert cards[1].front == "True or false: The council voted 7 to 2." and cards[1].back == "True"
    assert cards[2].front == "The mayor is _______."
