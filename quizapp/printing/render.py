"""HTML from the print templates, and PDF from that HTML through WeasyPrint with the static-only fetcher."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..interop.items import Item
from .cards import cards_for, sheet_pages
from .fetcher import StaticOnlyFetcher, static_base_url
from .versions import Version, build_versions

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@dataclass
class SheetOptions:
    """What the teacher chose on the print page."""

    versions: int = 1
    include_article: bool = False
    word_bank: bool = True
    paper: str = "a4"  # or "letter"
    instructions: str = "Read the article carefully, then answer every question."
    class_name: str = ""


@dataclass
class SheetSource:
    """The material of a worksheet: a title, the article text and the questions."""

    title: str
    scope: str  # seeds the shuffles: "article-12", "assignment-5"
    items: list[Item]
    article_text: str = ""
    paragraphs: list[str] = field(default_factory=list)

    def __post_init__(self):
        if not self.paragraphs:
            self.paragraphs = [p.strip() for p in self.article_text.split("\n\n") if p.strip()]


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja environment of the print templates (autoescaped, no Flask needed)."""
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True))


def _context(source: SheetSource, options: SheetOptions, **extra) -> dict:
    return {
        "source": source,
        "options": options,
        "stylesheet": "css/print.css",
        "screen": False,
        **extra,
    }


def worksheet_html(source: SheetSource, options: SheetOptions, version: Version, **extra) -> str:
    """The HTML of one version of the worksheet."""
    ctx = _context(source, options, version=version, **extra)
    return environment().get_template("print/worksheet.html").render(ctx)


def keys_html(source: SheetSource, options: SheetOptions, versions: list[Version], **extra) -> str:
    """The HTML of the answer keys, one page per version."""
    ctx = _context(source, options, versions=versions, **extra)
    return environment().get_template("print/keys.html").render(ctx)


def flashcards_html(source: SheetSource, options: SheetOptions, **extra) -> str:
    """The HTML of the duplex flashcard sheet."""
    ctx = _context(source, options, pages=sheet_pages(cards_for(source.items)), **extra)
    return environment().get_template("print/flashcards.html").render(ctx)


def html_to_pdf_document(html: str):
    """A WeasyPrint document rendered from ``html``, loading nothing but static files."""
    from weasyprint import HTML

    # The paper size comes from the document itself (print.css: @page, and the named page "letter").
    return HTML(string=html, base_url=static_base_url(), url_fetcher=StaticOnlyFetcher()).render()


def html_to_pdf(html: str) -> bytes:
    """PDF bytes of ``html`` (see :func:`html_to_pdf_document`)."""
    return html_to_pdf_document(html).write_pdf()


def worksheet_pdf(source: SheetSource, options: SheetOptions) -> bytes:
    """All versions in one PDF; each version starts on a new sheet with its own page numbers."""
    versions = build_versions(source.items, source.scope, options.versions, options.word_bank)
    documents = [html_to_pdf_document(worksheet_html(source, options, v)) for v in versions]
    pages = [page for doc in documents for page in doc.pages]
    return documents[0].copy(pages).write_pdf()


def keys_pdf(source: SheetSource, options: SheetOptions) -> bytes:
    """The answer keys of every version, one version a page."""
    versions = build_versions(source.items, source.scope, options.versions, options.word_bank)
    return html_to_pdf(keys_html(source, options, versions))


def flashcards_pdf(source: SheetSource, options: SheetOptions) -> bytes:
    """The flashcard sheet: fronts, then backs mirrored for long-edge duplex printing."""
    return html_to_pdf(flashcards_html(source, options))
