"""Printable worksheets (versions A, B, C... with matching keys) and duplex flashcard sheets."""

from __future__ import annotations

from dataclasses import dataclass

from ..printing import render
from ..printing.render import SheetOptions, SheetSource
from ..printing.versions import MAX_VERSIONS, build_version, version_letters
from .exchange import QuestionSet, slug

PDF_KINDS = {
    "worksheet": "Worksheet (all versions)",
    "keys": "Answer keys",
    "flashcards": "Flashcard sheet (double-sided)",
}
MAX_INSTRUCTIONS = 500


@dataclass
class PdfFile:
    filename: str
    data: bytes


def sheet_options(form) -> SheetOptions:
    """Worksheet options from a query string or form (anything with ``.get``); bad values fall back."""
    try:
        versions = int(form.get("versions", 1))
    except (TypeError, ValueError):
        versions = 1
    instructions = (form.get("instructions") or "").strip()[:MAX_INSTRUCTIONS]
    return SheetOptions(
        versions=max(1, min(versions, MAX_VERSIONS)),
        include_article=form.get("include_article") in ("1", "on", "true", "yes"),
        word_bank=form.get("word_bank", "1") in ("1", "on", "true", "yes"),
        paper="letter" if form.get("paper") == "letter" else "a4",
        instructions=instructions or SheetOptions.instructions,
        class_name=(form.get("class_name") or "").strip()[:80],
    )


def sheet_source(qset: QuestionSet) -> SheetSource:
    """The material of a worksheet for ``qset``."""
    return SheetSource(qset.title, qset.scope, qset.items, qset.article.text)


def render_pdf(qset: QuestionSet, kind: str, options: SheetOptions) -> PdfFile:
    """The PDF of ``kind`` (a key of :data:`PDF_KINDS`) for ``qset``."""
    source = sheet_source(qset)
    renderer = {
        "worksheet": render.worksheet_pdf,
        "keys": render.keys_pdf,
        "flashcards": render.flashcards_pdf,
    }
    data = renderer[kind](source, options)
    return PdfFile(f"{slug(qset.title)}-{kind}.pdf", data)


def worksheet_page(qset: QuestionSet, options: SheetOptions, letter: str, **screen) -> str:
    """The worksheet of version ``letter`` as an HTML page for the browser (same template, print CSS)."""
    if letter not in version_letters(MAX_VERSIONS):
        letter = "A"
    version = build_version(qset.items, qset.scope, letter, options.word_bank)
    return render.worksheet_html(sheet_source(qset), options, version, screen=True, **screen)
