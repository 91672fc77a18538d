"""Turn raw article input (plain text, Markdown, HTML; str or bytes) into clean paragraphs.

The normalised text is the article body without its headline: paragraphs separated by one blank line,
hard-wrapped lines inside a paragraph joined by a space, datelines ("KYIV, Ukraine:", "WASHINGTON —")
and bylines removed. Every offset the engine reports refers to this text.

Input limits (checked before any parsing): at most ``MAX_INPUT_BYTES`` of raw input and
``MAX_TEXT_CHARS`` of normalised text; anything larger is refused with an ``ArticleError``
rather than silently truncated, so a teacher never gets questions about half an article.
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
from dataclasses import dataclass

from .errors import ArticleError

MAX_INPUT_BYTES = 2_000_000
MAX_TEXT_CHARS = 1_000_000
MIN_WORDS = 25

_TERMINAL = tuple(".!?…\"”’')")
_HTML_RE = re.compile(r"<\s*(!doctype|html|head|body|p|div|article|script|style|span|br|h[1-6])\b", re.I)
_DATELINE_RE = re.compile(
    r"^(?:[A-Z][A-Z.'\-]+(?:\s+[A-Z][A-Z.'\-]+)*)(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?"
    r"(?:\s*\([A-Za-z]+\))?\s*(?::|—|–|--| - )\s+"
)
_BYLINE_RE = re.compile(r"^(by|from)\s+[A-Z][\w.'\-]+(\s+[A-Z][\w.'\-]+){0,3}\s*$", re.I)
_STOPWORDS = frozenset(
    "the of and to a in that is was for on with as by at from it he she they his her their be has have "
    "had are were an this which or not but said will would who".split()
)


@dataclass(frozen=True)
class NormalizedArticle:
    """An article ready for question generation: headline, body text and the body's SHA-256."""

    title: str
    text: str
    sha256: str


def normalize_article(raw: str | bytes, *, title: str | None = None) -> NormalizedArticle:
    """Clean raw article input into a headline and a body of paragraphs, or raise ArticleError."""
    text = _decode(raw)
    if len(text) > MAX_INPUT_BYTES:
        raise ArticleError(
            f"The article is too long ({len(text):,} characters); the limit is {MAX_INPUT_BYTES:,}."
        )
    found_title = None
    if _HTML_RE.search(text[:5000]):
        found_title, text = _html_to_text(text)
    elif _looks_like_markdown(text):
        text = _markdown_to_text(text)
    paragraphs = _paragraphs(text)
    headline, paragraphs = _split_headline(paragraphs, title or found_title)
    paragraphs = [p for p in (_strip_dateline(p) for p in paragraphs) if p and not _BYLINE_RE.match(p)]
    body = "\n\n".join(paragraphs)
    _check_usable(body)
    final_title = (title or "").strip() or headline or found_title or ""
    final_title = " ".join(final_title.split())
    return NormalizedArticle(final_title, body, hashlib.sha256(body.encode("utf-8")).hexdigest())


def _decode(raw: str | bytes) -> str:
    if isinstance(raw, bytes):
        if len(raw) > MAX_INPUT_BYTES:
            raise ArticleError(
                f"The article is too long ({len(raw):,} bytes); the limit is {MAX_INPUT_BYTES:,} bytes."
            )
        if b"\x00" in raw:
            raise ArticleError("This looks like a binary file, not an article: it contains NUL bytes.")
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ArticleError(
                f"The article is not valid UTF-8 text (bad byte at position {exc.start})."
            ) from None
    if not isinstance(raw, str):
        raise ArticleError("The article must be text (str or bytes).")
    if "\x00" in raw:
        raise ArticleError("This looks like binary data, not an article: it contains NUL characters.")
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    controls = sum(1 for c in raw[:20000] if ord(c) < 32 and c not in "\n\t")
    if controls > 10:
        raise ArticleError("This looks like binary data, not an article: it contains control characters.")
    # Zero-width and odd spaces break tokenisation and quote checks downstream.
    raw = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff]", "", raw)
    return re.sub(r"[\t\u00a0\u2000-\u200a\u202f\u3000]", " ", raw)


def _html_to_text(markup: str) -> tuple[str | None, str]:
    import trafilatura  # imported lazily: it is heavy and plain-text input never needs it

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    doc = None
    try:
        doc = trafilatura.bare_extraction(
            markup, include_comments=False, include_tables=False, with_metadata=True, favor_precision=True
        )
    except Exception:  # noqa: BLE001 - trafilatura raises many kinds on malformed markup; fall back below
        doc = None
    title = getattr(doc, "title", None) if doc is not None else None
    body = getattr(doc, "text", None) if doc is not None else None
    if not body:
        stripped = re.sub(r"(?is)<(script|style|noscript|template|svg)\b.*?</\1\s*>", " ", markup)
        stripped = re.sub(r"(?is)<!--.*?-->", " ", stripped)
        stripped = re.sub(r"(?i)</?(p|div|br|h[1-6]|li|article|section|tr)\b[^>]*>", "\n\n", stripped)
        body = html.unescape(re.sub(r"(?s)<[^>]*>", " ", stripped))
    lines = [ln.strip() for ln in body.split("\n")]
    if title and lines and lines[0].strip().lower() == title.strip().lower():
        lines = lines[1:]
    return title, "\n\n".join(ln for ln in lines if ln)


def _looks_like_markdown(text: str) -> bool:
    return bool(re.search(r"(?m)^(#{1,6} |\* |- |> |```)|\*\*[^*]+\*\*|\[[^\]]+\]\([^)]+\)", text))


def _markdown_to_text(text: str) -> str:
    text = re.sub(r"(?s)```.*?```", "", text)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(?m)^#{1,6}\s+(.*?)\s*#*\s*$", r"\1\n", text)
    text = re.sub(r"(?m)^\s*>\s?", "", text)
    text = re.sub(r"(?m)^\s*(?:[-*+]|\d+\.)\s+", "", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)([^*\n]+?)\*(?![\w*])", r"\1", text)
    return re.sub(r"`([^`]*)`", r"\1", text)


def _paragraphs(text: str) -> list[str]:
    """Split into paragraphs: blank lines separate them; otherwise lines that end a sentence do."""
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    if len(blocks) > 1:
        return [" ".join(ln.strip() for ln in b.split("\n") if ln.strip()) for b in blocks]
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    paragraphs: list[str] = []
    for i, line in enumerate(lines):
        # A line that does not end a sentence was hard-wrapped, unless it is the headline line.
        joins = (
            paragraphs and not paragraphs[-1].endswith(_TERMINAL) and not (i == 1 and _is_headline(lines[0]))
        )
        if joins:
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
    return paragraphs


def _is_headline(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 30 or len(line) > 250:
        return False
    # More than one sentence is a paragraph; "N. Korean" or "U.S. House" is an abbreviation, not a break.
    if re.search(r"(?:[a-z]{2}[.!?]|[.!?][\"”’'])\s+[A-Z]", line):
        return False
    return not line.endswith(_TERMINAL) or len(words) <= 25


def _split_headline(paragraphs: list[str], title: str | None) -> tuple[str, list[str]]:
    if not paragraphs:
        return "", paragraphs
    first = " ".join(paragraphs[0].split())
    if title and _same(first, title):
        return first, paragraphs[1:]
    if not title and len(paragraphs) > 2 and _is_headline(first):
        return first, paragraphs[1:]
    return "", paragraphs


def _same(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().lower()

    return key(a) == key(b)


def _strip_dateline(paragraph: str) -> str:
    paragraph = " ".join(paragraph.split())
    match = _DATELINE_RE.match(paragraph)
    if (
        match
        and len(match.group(0)) <= 40
        and any(c.isupper() for c in paragraph[match.end() : match.end() + 1])
    ):
        paragraph = paragraph[match.end() :]
    return paragraph


def _check_usable(body: str) -> None:
    if not body.strip():
        raise ArticleError("The article is empty: there is no text to make questions from.")
    if len(body) > MAX_TEXT_CHARS:
        raise ArticleError(
            f"The article is too long ({len(body):,} characters); the limit is {MAX_TEXT_CHARS:,}."
        )
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", body)
    if len(words) < MIN_WORDS:
        raise ArticleError(
            f"The article is too short ({len(words)} words): questions need at least {MIN_WORDS} words "
            "in two or more sentences."
        )
    ascii_share = sum(1 for w in words if w.isascii()) / len(words)
    stop_share = sum(1 for w in words if w.lower() in _STOPWORDS) / len(words)
    if ascii_share < 0.8 or stop_share < 0.12:
        raise ArticleError(
            "The article does not look like English text; only English articles are supported."
        )
    if len(re.findall(r"[.!?][\"”’')]*(?:\s|$)", body)) < 2:
        raise ArticleError("The article is a single sentence; questions need at least two sentences.")
