"""Storing articles and the questions the engine generates from them."""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..models import Article, Question, User


def store_generated_questions(article: Article, result: dict) -> int:
    """Add the engine's questions to ``article`` as drafts, keeping teacher-edited ones; return how many."""
    existing = {q.gen_id: q for q in article.questions if q.gen_id}
    added = 0
    for position, item in enumerate(result["questions"]):
        current = existing.get(item["id"])
        if current is not None:
            if not current.edited:
                current.position = position
            continue
        evidence = item.get("evidence") or {}
        article.questions.append(
            Question(
                gen_id=item["id"],
                qtype=item["type"],
                prompt=item["prompt"],
                answer=item["answer"],
                accepted=list(item.get("accepted") or []),
                choices=list(item.get("choices") or []),
                evidence_start=evidence.get("start"),
                evidence_end=evidence.get("end"),
                score=float(item.get("score") or 0.0),
                difficulty=item.get("difficulty") or "medium",
                generator_version=result["generator"]["version"],
                position=position,
            )
        )
        added += 1
    return added


def create_article(
    owner: User | None, raw: str | bytes, *, title: str | None = None, source: str = ""
) -> Article:
    """Normalise ``raw``, store it as an article of ``owner`` and generate its questions.

    The same text given twice by the same owner returns the stored article unchanged.
    Raises ``quizapp.qg.ArticleError`` with a readable message when the text cannot be used.
    """
    from .. import qg

    normalized = qg.normalize_article(raw, title=title)
    owner_id = owner.id if owner is not None else None
    found = db.session.scalar(
        select(Article)
        .where(Article.owner_id.is_(owner_id) if owner_id is None else Article.owner_id == owner_id)
        .where(Article.sha256 == normalized.sha256)
    )
    if found is not None:
        return found
    article = Article(
        owner_id=owner_id,
        title=normalized.title,
        text=normalized.text,
        sha256=normalized.sha256,
        source=source,
    )
    db.session.add(article)
    generate_for_article(article)
    db.session.commit()
    return article


def generate_for_article(article: Article) -> int:
    """Run the engine over the article's text and add its questions; mark the article ready or failed."""
    from .. import qg

    try:
        result = qg.generate_questions(article.text, title=article.title)
    except qg.ArticleError as exc:
        article.status, article.status_message = "failed", str(exc)
        return 0
    added = store_generated_questions(article, result)
    article.status, article.status_message = "ready", ""
    return added
