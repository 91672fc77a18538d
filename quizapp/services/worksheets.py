"""Printable worksheets (versions A, B, C... with matching keys) and duplex flashcard sheets."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Assignment, Attempt, Enrolment, Question, Response, User, utcnow
from ..printing import render
from ..printing.render import SheetOptions, SheetSource
from ..printing.versions import MAX_VERSIONS, SheetQuestion, Version, build_version, version_letters
from . import study
from .exchange import QuestionSet, slug
from .grading import grade_question

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
    # The form sends word_bank=0 (hidden field), then word_bank=1 if the box is ticked: the last one counts.
    banks = form.getlist("word_bank") if hasattr(form, "getlist") else [form.get("word_bank", "1")]
    return SheetOptions(
        versions=max(1, min(versions, MAX_VERSIONS)),
        include_article=form.get("include_article") in ("1", "on", "true", "yes"),
        word_bank=(banks[-1] if banks else "1") in ("1", "on", "true", "yes"),
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


# --- Paper results: a teacher types in what a learner wrote on a printed version of an assignment. ---


class PaperEntryError(ValueError):
    """Answers that cannot be read; the message names the question number at fault."""


def paper_version(qset: QuestionSet, letter: str, word_bank: bool = True) -> Version:
    """The printed version ``letter`` of an assignment to enter results against (the PDF's shuffles)."""
    letter = letter if letter in version_letters(MAX_VERSIONS) else "A"
    return build_version(qset.items, qset.scope, letter, word_bank)


def _given(q: SheetQuestion, raw: str) -> str:
    """The answer text a learner's mark on paper stands for (a letter becomes its option's text)."""
    text = " ".join(raw.split())
    kind = q.item.qtype
    if kind == "mcq":
        options = dict(q.options)
        if text.upper() not in options:
            raise PaperEntryError(f"question {q.number}: write one of {', '.join(options)}")
        return options[text.upper()]
    if kind == "true_false":
        value = {"T": "True", "TRUE": "True", "F": "False", "FALSE": "False"}.get(text.upper())
        if value is None:
            raise PaperEntryError(f"question {q.number}: write T or F")
        return value
    if kind == "matching":
        letters = [c for c in text.upper() if c.isalpha()]
        rights = dict(q.rights)
        if len(letters) != len(q.lefts) or any(c not in rights for c in letters):
            raise PaperEntryError(
                f"question {q.number}: write the {len(q.lefts)} letters in the order of the numbers, e.g. "
                + "".join(sorted(rights))
            )
        # Stored as the online quiz stores a matching answer: {"left": "right", ...}, graded pair by pair.
        return json.dumps({left: rights[c] for (_, left), c in zip(q.lefts, letters, strict=True)})
    return text


def record_paper_results(
    qset: QuestionSet, learner_id: int, letter: str, raw_answers: dict[int, str], entry_id: str
) -> Attempt:
    """Store a learner's paper worksheet as a submitted attempt (source "paper"), graded on the server.

    ``raw_answers`` maps printed question numbers to what the learner wrote (blank = unanswered). All answers
    are read before anything is stored; any unreadable one raises :class:`PaperEntryError` and nothing is
    saved. ``entry_id`` (one per form) makes a repeated submission record nothing twice.
    """
    if qset.assignment_id is None:
        raise PaperEntryError("paper results are entered for an assignment")
    assignment = db.session.get(Assignment, qset.assignment_id)
    enrolled = db.session.scalar(
        select(Enrolment.id).where(
            Enrolment.classroom_id == assignment.classroom_id, Enrolment.user_id == learner_id
        )
    )
    if enrolled is None:
        raise PaperEntryError("choose a learner of this class")
    version = paper_version(qset, letter)
    ids = [int(item.ref) for item in qset.items]
    questions = {q.id: q for q in db.session.scalars(select(Question).where(Question.id.in_(ids or [0])))}
    given = {}
    for q in version.questions:
        raw = (raw_answers.get(q.number) or "").strip()
        if raw:
            given[int(q.item.ref)] = _given(q, raw)[:2000]
    if not given:
        raise PaperEntryError("enter at least one answer")
    key = f"paper-{entry_id}"[:40]
    if db.session.scalar(select(Response.id).where(Response.submission_id.like(f"{key}-%"))) is not None:
        raise PaperEntryError("these results were already recorded")
    number = (
        db.session.scalar(
            select(func.max(Attempt.number)).where(
                Attempt.assignment_id == assignment.id, Attempt.user_id == learner_id
            )
        )
        or 0
    ) + 1
    order = [int(q.item.ref) for q in version.questions]
    option_orders = {
        str(int(q.item.ref)): [q.item.choices.index(text) for _, text in q.options]
        for q in version.questions
        if q.item.qtype == "mcq"
    }
    now = utcnow()
    attempt = Attempt(
        assignment_id=assignment.id,
        user_id=learner_id,
        number=number,
        question_order=order,
        option_orders=option_orders,
        started_at=now,
        submitted_at=now,
        source="paper",
    )
    try:
        db.session.add(attempt)
        db.session.flush()
        correct = 0
        for qid, text in given.items():
            question = questions[qid]
            # On paper a flashcard's back is written down, so it is marked like a short answer.
            kind = "short_answer" if question.qtype == "flashcard" else question.qtype
            ok = grade_question(question, text, qtype=kind).correct
            correct += ok
            db.session.add(
                Response(
                    attempt_id=attempt.id,
                    question_id=qid,
                    given_answer=text,
                    correct=ok,
                    submission_id=f"{key}-{qid}",
                )
            )
        attempt.answered_count, attempt.correct_count = len(given), correct
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise PaperEntryError("these results were already recorded (or entered at the same moment)") from None
    schedule_paper_answers(attempt)
    return attempt


def schedule_paper_answers(attempt: Attempt) -> int:
    """Review the learner's card for each answer of a paper attempt, as an online answer reviews it.

    Goes through :func:`study.review_from_response`, the path online answers take: a right answer is
    rated Good, a wrong one Again (paper has no answer times), and each response's submission id is
    logged once, so entering the same sheet again reviews nothing twice. Returns the reviews made.
    """
    ids = [r.question_id for r in attempt.responses]
    questions = {q.id: q for q in db.session.scalars(select(Question).where(Question.id.in_(ids or [0])))}
    made = 0
    for response in sorted(attempt.responses, key=lambda r: r.id):
        try:
            made += study.review_from_response(
                attempt.user_id, questions[response.question_id], response, source="paper"
            ).created
        except study.ReviewConflict:
            db.session.rollback()  # the grade stands; only its review was a duplicate
    return made


def paper_learners(qset: QuestionSet) -> list[User]:
    """The learners of the assignment's class, by name, to choose whose paper is being entered."""
    if qset.assignment_id is None:
        return []
    classroom_id = db.session.get(Assignment, qset.assignment_id).classroom_id
    return list(
        db.session.scalars(
            select(User)
            .join(Enrolment, Enrolment.user_id == User.id)
            .where(Enrolment.classroom_id == classroom_id)
            .order_by(User.name, User.id)
        )
    )
