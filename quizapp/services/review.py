"""Reviewing an article's questions: approve, reject, edit with validation, write one by hand."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select, update

from ..extensions import db
from ..models import Article, Question, User
from ..models.question import QUESTION_STATUSES

BLANK = "_____"
MAX_PROMPT, MAX_ANSWER, MAX_OPTIONS_TEXT = 1000, 300, 300
HAND_TYPES = ("mcq", "true_false", "cloze", "short_answer", "flashcard")
TYPE_LABELS = {
    "mcq": "Multiple choice",
    "true_false": "True or false",
    "cloze": "Fill in the blank",
    "short_answer": "Short answer",
    "flashcard": "Flashcard",
    "matching": "Matching",
}


class ReviewError(ValueError):
    """A question that cannot be saved as given; the message says what to fix."""


@dataclass
class QuestionInput:
    """A question as a teacher typed it (already split into lists by the view)."""

    prompt: str = ""
    answer: str = ""
    options: list[str] = field(default_factory=list)  # mcq options, cloze word bank
    key_index: int | None = None  # which mcq option is the key
    accepted: list[str] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)  # matching
    evidence: str = ""  # a quote from the article (hand-written questions)


def owned_question(teacher: User, question_id: int) -> Question | None:
    """The question if its article belongs to ``teacher``, else None."""
    question = db.session.get(Question, question_id)
    if question is None or question.article.owner_id != teacher.id:
        return None
    return question


def _text(value: str, label: str, limit: int, required: bool = True) -> str:
    value = " ".join((value or "").split())
    if required and not value:
        raise ReviewError(f"{label} cannot be empty.")
    if len(value) > limit:
        raise ReviewError(f"{label} can have at most {limit} characters.")
    return value


def _distinct(values: list[str], label: str) -> list[str]:
    cleaned = [_text(v, label, MAX_OPTIONS_TEXT) for v in values if (v or "").strip()]
    if len({v.casefold() for v in cleaned}) != len(cleaned):
        raise ReviewError(f"{label}: every entry must be different.")
    return cleaned


def validate(qtype: str, data: QuestionInput) -> dict:
    """The cleaned fields of a question of ``qtype``, or ReviewError saying what is wrong.

    mcq: exactly 4 distinct options, one of them the key; true_false: the key is True or False;
    cloze: the prompt has a blank (_____), a word bank (optional) holds the key; matching: 2-8 pairs.
    """
    prompt = _text(data.prompt, "The question", MAX_PROMPT)
    accepted: list[str] = []
    if qtype == "mcq":
        options = [" ".join((o or "").split()) for o in data.options]
        if len(options) != 4 or not all(options):
            raise ReviewError("A multiple-choice question needs exactly 4 options, none empty.")
        options = _distinct(options, "Options")
        if data.key_index is None or not 0 <= data.key_index < 4:
            raise ReviewError("Mark which option is the correct answer.")
        return {"prompt": prompt, "answer": options[data.key_index], "choices": options, "accepted": []}
    if qtype == "true_false":
        answer = (data.answer or "").strip().capitalize()
        if answer not in ("True", "False"):
            raise ReviewError("The answer to a true-or-false question must be True or False.")
        return {"prompt": prompt, "answer": answer, "choices": ["True", "False"], "accepted": []}
    if qtype == "matching":
        pairs = [
            (_text(a, "A left item", MAX_OPTIONS_TEXT), _text(b, "A right item", MAX_OPTIONS_TEXT))
            for a, b in data.pairs
        ]
        if not 2 <= len(pairs) <= 8:
            raise ReviewError("A matching question needs 2 to 8 pairs, one per line as: left = right.")
        _distinct([a for a, _ in pairs], "Left items")
        _distinct([b for _, b in pairs], "Right items")
        choices = [{"left": a, "right": b} for a, b in pairs]
        answer = "; ".join(f"{a} = {b}" for a, b in pairs)
        return {"prompt": prompt, "answer": answer, "choices": choices, "accepted": []}
    if qtype not in ("cloze", "short_answer", "flashcard"):
        raise ReviewError(f"Unknown question type {qtype!r}.")
    answer = _text(data.answer, "The answer" if qtype != "flashcard" else "The back", MAX_ANSWER)
    if qtype in ("cloze", "short_answer"):
        accepted = [
            a for a in _distinct(data.accepted, "Accepted answers") if a.casefold() != answer.casefold()
        ]
    choices: list = []
    if qtype == "cloze":
        if BLANK not in prompt:
            raise ReviewError(f"A fill-in-the-blank question needs a blank ({BLANK}) in its text.")
        choices = _distinct(data.options, "Word bank")
        if choices and answer.casefold() not in {c.casefold() for c in choices}:
            raise ReviewError("The word bank must include the answer (or leave the word bank empty).")
    return {"prompt": prompt, "answer": answer, "choices": choices, "accepted": accepted}


def update_question(question: Question, data: QuestionInput) -> Question:
    """Save a teacher's edit; the question is marked edited so regeneration never overwrites it."""
    fields = validate(question.qtype, data)
    for name, value in fields.items():
        setattr(question, name, value)
    question.edited = True
    db.session.commit()
    return question


def add_question(article: Article, qtype: str, data: QuestionInput) -> Question:
    """Add a hand-written question (approved at once: its author reviewed it)."""
    if qtype not in HAND_TYPES:
        raise ReviewError("Choose a question type.")
    fields = validate(qtype, data)
    start = end = None
    quote = " ".join((data.evidence or "").split())
    if quote:
        start = article.text.find(quote)
        if start < 0:
            raise ReviewError("The evidence must be copied exactly from the article text (or left empty).")
        end = start + len(quote)
    last = db.session.scalar(select(func.max(Question.position)).where(Question.article_id == article.id))
    question = Question(
        article_id=article.id,
        qtype=qtype,
        evidence_start=start,
        evidence_end=end,
        status="approved",
        edited=True,
        position=(last or 0) + 1,
        **fields,
    )
    db.session.add(question)
    db.session.commit()
    return question


def set_status(question: Question, status: str) -> None:
    """Approve, reject or send back to draft one question."""
    if status not in QUESTION_STATUSES:
        raise ReviewError("Unknown status.")
    question.status = status
    db.session.commit()


def bulk_set_status(article: Article, question_ids: list[int], status: str) -> int:
    """Set ``status`` on the chosen questions of ``article`` in one UPDATE; return how many changed."""
    if status not in QUESTION_STATUSES:
        raise ReviewError("Unknown status.")
    if not question_ids:
        return 0
    result = db.session.execute(
        update(Question)
        .where(Question.article_id == article.id, Question.id.in_(question_ids))
        .values(status=status)
    )
    db.session.commit()
    return result.rowcount


def article_questions(article: Article, status: str | None = None) -> list[Question]:
    """The article's questions in order, optionally only those with ``status``."""
    query = select(Question).where(Question.article_id == article.id)
    if status:
        query = query.where(Question.status == status)
    return list(db.session.scalars(query.order_by(Question.position, Question.id)))


def highlighted_segments(text: str, questions: list[Question]) -> list[dict]:
    """Split ``text`` into segments; a segment inside evidence lists its questions' ids.

    Each segment: ``{"text", "qids", "starts"}``, where ``starts`` names the questions whose evidence
    begins there (the page puts an anchor on it so a question can link to its sentence).
    """
    spans = [
        (q.evidence_start, q.evidence_end, q.id)
        for q in questions
        if q.evidence_start is not None
        and q.evidence_end is not None
        and 0 <= q.evidence_start < q.evidence_end <= len(text)
    ]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    segments = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        qids = [qid for s, e, qid in spans if s <= a and b <= e]
        starts = [qid for s, _, qid in spans if s == a]
        segments.append({"text": text[a:b], "qids": qids, "starts": starts})
    return segments


def status_counts(article: Article) -> dict[str, int]:
    """How many of the article's questions are draft, approved and rejected."""
    rows = db.session.execute(
        select(Question.status, func.count())
        .where(Question.article_id == article.id)
        .group_by(Question.status)
    )
    counts = dict.fromkeys(QUESTION_STATUSES, 0)
    counts.update({status: n for status, n in rows})
    return counts
