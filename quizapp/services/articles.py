"""Storing articles and the questions the engine generates from them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

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


# --- Teacher pages: submitting, listing and regenerating articles -------------------------------------------

ALLOWED_UPLOAD_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


class UploadError(ValueError):
    """An uploaded file that cannot be an article; the message is safe to show."""


def check_upload_name(filename: str) -> None:
    """Refuse files whose name does not end in .txt, .md or .html (before reading them)."""
    name = (filename or "").strip().lower()
    if not name.endswith(ALLOWED_UPLOAD_SUFFIXES):
        raise UploadError("Upload a .txt, .md or .html file (other file types cannot be read as articles).")


def submit_article(owner: User, raw: str | bytes, *, title: str | None = None, source: str = "") -> Article:
    """Store ``raw`` as a pending article of ``owner`` (committed), then generate its questions.

    The same text sent again returns the stored article. Raises ``quizapp.qg.ArticleError`` when the
    text cannot be used (empty, binary, bad UTF-8, too short). Generation is the job
    ``run_generation(article_id)``: inline without Redis, queued for `flask worker` with it (the
    article stays "pending" meanwhile and its page refreshes until it is ready).
    """
    from .. import qg

    normalized = qg.normalize_article(raw, title=title)
    found = db.session.scalar(
        select(Article).where(Article.owner_id == owner.id, Article.sha256 == normalized.sha256)
    )
    if found is not None:
        return found
    article = Article(
        owner_id=owner.id,
        title=(normalized.title or "Untitled article")[:300],
        text=normalized.text,
        sha256=normalized.sha256,
        source=source[:500],
        status="pending",
    )
    db.session.add(article)
    try:
        db.session.commit()
    except IntegrityError:  # the same text sent twice at once (double click, two tabs): one article
        db.session.rollback()
        return db.session.scalar(
            select(Article).where(Article.owner_id == owner.id, Article.sha256 == normalized.sha256)
        )
    _start_generation(article)
    return article


def regenerate_article(article: Article) -> None:
    """Generate the article's questions again; edited, approved and rejected questions are kept."""
    article.status, article.status_message = "pending", ""
    db.session.commit()
    _start_generation(article)


def _start_generation(article: Article) -> None:
    from .jobs import submit

    submit("generate_article", article.id)
    db.session.refresh(article)


def run_generation(article_id: int) -> str:
    """Generate (or regenerate) the questions of an article by id and commit; return its new status.

    Questions already stored (same engine id) are kept as they are, including edited and rejected ones.
    An unexpected engine failure marks the article failed instead of losing it.
    """
    import logging

    article = db.session.get(Article, article_id)
    if article is None:
        return "missing"
    try:
        generate_for_article(article)
    except Exception as exc:  # noqa: BLE001 - any engine crash must leave a readable status
        db.session.rollback()
        logging.getLogger(__name__).exception("question generation failed for article %s", article_id)
        article = db.session.get(Article, article_id)
        article.status = "failed"
        article.status_message = f"The question engine failed ({type(exc).__name__}). Try Regenerate."
    db.session.commit()
    return article.status


def owned_article(teacher: User, article_id: int) -> Article | None:
    """The article if ``teacher`` owns it, else None."""
    article = db.session.get(Article, article_id)
    if article is None or article.owner_id != teacher.id:
        return None
    return article


def list_articles(teacher: User) -> list[tuple[Article, dict[str, int]]]:
    """The teacher's articles, newest first, each with its question counts by status."""
    from sqlalchemy import func

    articles = list(
        db.session.scalars(
            select(Article)
            .where(Article.owner_id == teacher.id)
            .order_by(Article.created_at.desc(), Article.id.desc())
        )
    )
    rows = db.session.execute(
        select(Question.article_id, Question.status, func.count())
        .where(Question.article_id.in_([a.id for a in articles] or [0]))
        .group_by(Question.article_id, Question.status)
    )
    counts: dict[int, dict[str, int]] = {a.id: {"draft": 0, "approved": 0, "rejected": 0} for a in articles}
    for article_id, status, n in rows:
        counts[article_id][status] = n
    return [(a, counts[a.id]) for a in articles]
