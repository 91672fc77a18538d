"""Moving questions out to other tools (Anki, Moodle, GIFT, QTI, Quizlet, CSV, JSON) and back in.

Readers and writers live in the pure ``quizapp.interop``; this module finds the questions a teacher may
export, names the files, and writes imported questions into an article's bank all-or-nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..extensions import db
from ..interop import anki as anki_format
from ..interop import gift, jsonfmt, moodle, qti, tabular
from ..interop.items import FormatError, Item
from ..models import Article, Assignment, Classroom, Question, User

MAX_IMPORT_QUESTIONS = 500


@dataclass
class QuestionSet:
    """The questions of an article (its approved ones) or of an assignment, ready for paper or export."""

    title: str
    scope: str  # "article-12" or "assignment-5": seeds versions, fixes export ids
    article: Article
    items: list[Item]
    assignment_id: int | None = None


@dataclass
class ExportFile:
    filename: str
    mimetype: str
    data: bytes


def _may_see(user: User, owner_id: int | None) -> bool:
    # Admins too see only their own: an admin manages accounts, not other teachers' classes, as on
    # every teacher page (one rule, so print and paper entry cannot read or grade what those hide).
    return owner_id is not None and owner_id == user.id


def owned_article(user: User, article_id: int) -> Article | None:
    """The article if ``user`` owns it; None otherwise."""
    article = db.session.get(Article, article_id)
    return article if article is not None and _may_see(user, article.owner_id) else None


def teacher_sources(user: User) -> tuple[list[Article], list[Assignment]]:
    """The articles ``user`` owns and the assignments they set, newest first."""
    articles = db.session.scalars(
        db.select(Article).where(Article.owner_id == user.id).order_by(Article.created_at.desc())
    ).all()
    assignments = db.session.scalars(
        db.select(Assignment)
        .join(Classroom, Assignment.classroom_id == Classroom.id)
        .where(Classroom.teacher_id == user.id)
        .order_by(Assignment.created_at.desc())
    ).all()
    return list(articles), list(assignments)


def question_item(question: Question) -> Item:
    """The interop record of a stored question."""
    return Item(
        qtype=question.qtype,
        prompt=question.prompt,
        answer=question.answer,
        accepted=list(question.accepted or []),
        choices=list(question.choices or []),
        ref=str(question.id),
        evidence=question.evidence_text(),
    )


def article_question_set(user: User, article_id: int) -> QuestionSet | None:
    """The approved questions of an article ``user`` owns, in the teacher's order; None if not theirs."""
    article = owned_article(user, article_id)
    if article is None:
        return None
    approved = [q for q in article.questions if q.status == "approved"]
    return QuestionSet(article.title, f"article-{article.id}", article, [question_item(q) for q in approved])


def assignment_question_set(user: User, assignment_id: int) -> QuestionSet | None:
    """The still-approved questions of an assignment set by ``user``, in the assignment's order.

    A question rejected after the assignment was set is withdrawn, as it is from the online quiz: it
    is not printed, exported or accepted in paper entry.
    """
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or not _may_see(user, assignment.classroom.teacher_id):
        return None
    wanted = [int(i) for i in assignment.question_ids or []]
    found = {
        q.id: q
        for q in db.session.scalars(
            db.select(Question).where(
                Question.id.in_(wanted),
                Question.article_id == assignment.article_id,
                Question.status == "approved",
            )
        )
    }
    items = [question_item(found[i]) for i in wanted if i in found]
    return QuestionSet(
        assignment.title, f"assignment-{assignment.id}", assignment.article, items, assignment.id
    )


def slug(text: str) -> str:
    """A safe file-name stem from a title."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:60]
    return stem or "questions"


EXPORT_FORMATS = {
    "apkg": ("Anki deck", "apkg", "application/octet-stream"),
    "moodle": ("Moodle XML", "xml", "application/xml"),
    "gift": ("GIFT (Moodle text)", "gift.txt", "text/plain; charset=utf-8"),
    "qti": ("QTI 1.2 package (Canvas)", "qti.zip", "application/zip"),
    "quizlet": ("Quizlet (tab-separated)", "quizlet.tsv", "text/tab-separated-values; charset=utf-8"),
    "csv": ("CSV (quizapp columns)", "csv", "text/csv; charset=utf-8"),
    "json": ("JSON (engine schema)", "json", "application/json"),
}


def export_questions(qset: QuestionSet, fmt: str) -> ExportFile:
    """The questions of ``qset`` in format ``fmt`` (a key of :data:`EXPORT_FORMATS`)."""
    _, ext, mimetype = EXPORT_FORMATS[fmt]
    items, title = qset.items, qset.title
    if fmt == "apkg":
        data = anki_format.write_apkg(items, title, qset.scope)
    elif fmt == "qti":
        data = qti.write_qti_zip(items, title, qset.scope)
    else:
        text = {
            "moodle": lambda: moodle.write_moodle_xml(items, title),
            "gift": lambda: gift.write_gift(items, title),
            "quizlet": lambda: tabular.write_quizlet(items),
            "csv": lambda: tabular.write_csv(items),
            "json": lambda: jsonfmt.write_json(items, {"title": title, "text": qset.article.text}),
        }[fmt]()
        data = text.encode("utf-8")
    return ExportFile(f"{slug(title)}.{ext}", mimetype, data)


IMPORT_FORMATS = {"gift": "GIFT", "moodle": "Moodle XML", "csv": "CSV", "json": "JSON"}
_READERS = {
    "gift": gift.read_gift,
    "moodle": moodle.read_moodle_xml,
    "csv": tabular.read_csv,
    "json": jsonfmt.read_json,
}


def guess_import_format(filename: str) -> str | None:
    """The import format a file name suggests, if any."""
    name = filename.lower()
    for suffix, fmt in (
        (".gift", "gift"),
        (".txt", "gift"),
        (".xml", "moodle"),
        (".csv", "csv"),
        (".json", "json"),
    ):
        if name.endswith(suffix):
            return fmt
    return None


def read_import(fmt: str, data: bytes) -> list[Item]:
    """Parse an uploaded file; raises :class:`FormatError` with a reason a teacher can act on."""
    if fmt not in _READERS:
        raise FormatError("choose the file's format: GIFT, Moodle XML, CSV or JSON")
    if not data.strip():
        raise FormatError("the file is empty")
    if fmt == "moodle":
        items = _READERS[fmt](data)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FormatError("the file is not UTF-8 text (save it as UTF-8 and try again)") from None
        items = _READERS[fmt](text)
    if len(items) > MAX_IMPORT_QUESTIONS:
        raise FormatError(f"{len(items)} questions: at most {MAX_IMPORT_QUESTIONS} can be imported at once")
    return items


def _evidence_span(article: Article, sentence: str) -> tuple[int | None, int | None]:
    start = article.text.find(sentence) if sentence.strip() else -1
    return (start, start + len(sentence)) if start >= 0 else (None, None)


def import_questions(article: Article, fmt: str, data: bytes, approve: bool = False) -> list[Question]:
    """Add the questions of an uploaded file to ``article``'s bank, all of them or (on any error) none.

    They arrive as drafts (approved if ``approve``), marked ``edited`` so regeneration keeps them; evidence
    offsets are set only when the file carries an evidence sentence found verbatim in the article.
    """
    items = read_import(fmt, data)
    position = max((q.position for q in article.questions), default=-1) + 1
    created = []
    try:
        for n, item in enumerate(items):
            start, end = _evidence_span(article, item.evidence)
            question = Question(
                article_id=article.id,
                qtype=item.qtype,
                prompt=item.prompt,
                answer=item.answer,
                accepted=list(item.accepted),
                choices=list(item.choices),
                evidence_start=start,
                evidence_end=end,
                status="approved" if approve else "draft",
                edited=True,
                position=position + n,
            )
            db.session.add(question)
            created.append(question)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return created
