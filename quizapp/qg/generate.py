"""The entry point: article in, a deterministic JSON-ready question set out.

Output schema (all values JSON-serialisable, same bytes for the same input)::

    {"article": {"title", "text", "sha256"}, "generator": {"name", "version"},
     "questions": [{"id", "type", "prompt", "answer", "accepted", "choices", "evidence",
                    "score", "difficulty"}]}

Per type:
- ``mcq``: ``choices`` holds four options, exactly one equal to ``answer``.
- ``true_false``: ``choices`` is ``["True", "False"]``; ``prompt`` is the statement; ``answer`` one of them.
- ``cloze``: ``prompt`` contains one ``_____``; ``choices`` is the word bank (key and three distractors,
  sorted alphabetically) or empty.
- ``short_answer``: a wh-question; ``accepted`` lists typed answers to accept ("Steve Witkoff", "Witkoff").
- ``flashcard``: ``prompt`` is the front, ``answer`` the back.
- ``matching``: ``choices`` holds the correct pairs ``[{"left": person, "right": role}]`` sorted by left
  (a client shuffles the right column); ``answer`` spells the pairs out as ``"left = right; ..."``.

``evidence`` is the whole sentence that supports the key (``article.text[start:end]``); for ``matching`` it
runs from the first to the last supporting sentence.
"""

from __future__ import annotations

import hashlib
import random
from typing import Any

from .article import analyse
from .candidates import generate_candidates
from .errors import ArticleError
from .gazetteer import other_forms
from .nlp import parse_paragraphs
from .normalize import NormalizedArticle, normalize_article
from .select import choose, score
from .validate import valid

GENERATOR_NAME = "quizapp-qg"
GENERATOR_VERSION = "0.1.0"
TYPED_TYPES = ("cloze", "short_answer")


def generate_questions(
    text: str | bytes, *, title: str | None = None, limit: int | None = None, seed: int = 0
) -> dict[str, Any]:
    """Generate the default question set for an article (or at most ``limit`` questions)."""
    if limit is not None and (not isinstance(limit, int) or limit < 0):
        raise ArticleError("The question limit must be a whole number of zero or more.")
    article = normalize_article(text, title=title)
    return questions_for(article, limit=limit, seed=seed)


def questions_for(article: NormalizedArticle, *, limit: int | None = None, seed: int = 0) -> dict[str, Any]:
    """Generate questions for an already normalised article."""
    an = analyse(article.text, article.title, parse_paragraphs(article.text))
    rng = random.Random(seed)
    cands = [c for c in generate_candidates(an, rng) if valid(c, article.text)]
    chosen = choose(an, cands, limit)
    questions = [_emit(c, article.text) for c in chosen]
    return {
        "article": {"title": article.title, "text": article.text, "sha256": article.sha256},
        "generator": {"name": GENERATOR_NAME, "version": GENERATOR_VERSION},
        "questions": questions,
    }


def _emit(c, text: str) -> dict[str, Any]:
    digest = hashlib.sha256(f"{c.qtype}\x1f{c.prompt}\x1f{c.answer}".encode()).hexdigest()[:12]
    start, end = c.span
    # A typed "G7" is as right as "Group of Seven" (the forms of one place or body the package lists);
    # added here, after selection, so another question naming "the US" is not read as showing the answer.
    typed = [f for a in (c.answer, *c.accepted) for f in other_forms(a)] if c.qtype in TYPED_TYPES else []
    accepted = list(dict.fromkeys([c.answer, *c.accepted, *typed]))
    return {
        "id": f"q-{digest}",
        "type": c.qtype,
        "prompt": c.prompt,
        "answer": c.answer,
        "accepted": accepted,
        "choices": [dict(p) if isinstance(p, dict) else p for p in c.choices],
        "evidence": {"start": start, "end": end, "text": text[start:end]},
        "score": score(c),
        "difficulty": c.difficulty,
    }
