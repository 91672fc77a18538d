"""Item analysis of an assignment, after Moodle's statistics report, and regrading by accepting an answer.

Counted over submitted attempts. Facility index: the share of responses that are right. Discrimination
index: the corrected item-total correlation, i.e. the Pearson (point-biserial) correlation between being
right on the item (0/1) and the attempt's score on the *rest* of the test (its right answers minus this
item). Both come out of one GROUP BY query, whatever the number of learners.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from sqlalchemy import case, select, update

from ..extensions import db
from ..models import Assignment, Attempt, Question, Response
from .grading import article_words_of, is_correct

MIN_RESPONSES = 10  # fewer responses than this: no discrimination or difficulty flags (too noisy)
LOW_DISCRIMINATION = 0.2
TOO_EASY, TOO_HARD = 0.9, 0.2
MAX_WRONG_SHOWN = 8
CHOICE_TYPES = ("mcq", "true_false")
TYPED_TYPES = ("short_answer", "cloze")


class AcceptError(ValueError):
    """An answer that cannot be accepted; the message is safe to show."""


@dataclass
class ItemStats:
    question: Question
    n: int = 0
    right: int = 0
    discrimination: float | None = None
    options: list[tuple[str, int, bool]] = field(default_factory=list)  # (option, count, is key)
    wrong_answers: list[tuple[str, int]] = field(default_factory=list)  # typed answers marked wrong
    flags: list[tuple[str, str]] = field(default_factory=list)  # (code, message)

    @property
    def facility(self) -> float | None:
        return self.right / self.n if self.n else None


def _pearson(n: int, sx: float, sy: float, sxy: float, syy: float) -> float | None:
    if n < 2:
        return None
    mx, my = sx / n, sy / n
    var_x = mx * (1 - mx)  # x is 0/1, so E[x^2] = E[x]
    var_y = syy / n - my * my
    if var_x <= 1e-12 or var_y <= 1e-12:
        return None
    return max(-1.0, min(1.0, (sxy / n - mx * my) / math.sqrt(var_x * var_y)))


def _flags(stats: ItemStats) -> list[tuple[str, str]]:
    flags = []
    if stats.n < MIN_RESPONSES:
        return flags
    d, f = stats.discrimination, stats.facility
    if d is not None and d < 0:
        flags.append(
            ("negative", f"Negative discrimination ({d:.2f}): strong learners get it wrong more often.")
        )
    elif d is not None and d < LOW_DISCRIMINATION:
        flags.append(
            ("low", f"Low discrimination ({d:.2f} < {LOW_DISCRIMINATION}): it barely separates learners.")
        )
    key_count = next((c for _, c, is_key in stats.options if is_key), 0)
    for option, count, is_key in stats.options:
        if not is_key and count > key_count:
            flags.append(("distractor", f"The distractor “{option}” was chosen more often than the key."))
    if f is not None and f > TOO_EASY:
        flags.append(("easy", f"Too easy: {f:.0%} right."))
    elif f is not None and f < TOO_HARD:
        flags.append(("hard", f"Too hard: only {f:.0%} right."))
    return flags


def _fold(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def item_analysis(assignment: Assignment) -> tuple[list[ItemStats], int]:
    """Statistics of every question of the assignment, and the number of submitted attempts analysed."""
    ids = list(assignment.question_ids or [])
    questions = {q.id: q for q in db.session.scalars(select(Question).where(Question.id.in_(ids or [0])))}
    finished = (Attempt.assignment_id == assignment.id) & Attempt.submitted_at.is_not(None)
    x = case((Response.correct, 1), else_=0)
    rest = Attempt.correct_count - x
    rows = db.session.execute(
        select(
            Response.question_id,
            db.func.count(Response.id),
            db.func.sum(x),
            db.func.sum(rest),
            db.func.sum(x * rest),
            db.func.sum(rest * rest),
        )
        .join(Attempt, Attempt.id == Response.attempt_id)
        .where(finished)
        .group_by(Response.question_id)
    )
    stats = {qid: ItemStats(q) for qid, q in questions.items()}
    for qid, n, sx, sy, sxy, syy in rows:
        if qid in stats:
            item = stats[qid]
            item.n, item.right = int(n), int(sx or 0)
            item.discrimination = _pearson(
                int(n), float(sx or 0), float(sy or 0), float(sxy or 0), float(syy or 0)
            )
    answers = db.session.execute(
        select(Response.question_id, Response.given_answer, Response.correct, db.func.count(Response.id))
        .join(Attempt, Attempt.id == Response.attempt_id)
        .where(finished)
        .group_by(Response.question_id, Response.given_answer, Response.correct)
    )
    given: dict[int, list[tuple[str, bool, int]]] = {}
    for qid, answer, correct, n in answers:
        given.setdefault(qid, []).append((answer, bool(correct), int(n)))
    for qid, item in stats.items():
        q = item.question
        if q.qtype in CHOICE_TYPES:
            counts: dict[str, int] = {}
            for answer, _, n in given.get(qid, []):
                counts[_fold(answer)] = counts.get(_fold(answer), 0) + n
            item.options = [
                (str(c), counts.get(_fold(str(c)), 0), _fold(str(c)) == _fold(q.answer)) for c in q.choices
            ]
        elif q.qtype in TYPED_TYPES:
            wrong = sorted(
                ((a, n) for a, ok, n in given.get(qid, []) if not ok and a.strip()),
                key=lambda t: (-t[1], t[0]),
            )
            item.wrong_answers = wrong[:MAX_WRONG_SHOWN]
        item.flags = _flags(item)
    submitted = db.session.scalar(select(db.func.count(Attempt.id)).where(finished)) or 0
    return [stats[i] for i in ids if i in stats], submitted


_LEAD = re.compile(r"^(.{3,80}?[?:.])\s+(\S.*)$", re.S)


def distinct_labels(prompts: list[str]) -> list[str]:
    """Each prompt without a lead sentence it shares with another prompt of the list.

    Generated questions often open alike ("Which option completes the sentence? ...", "True or
    false: ..."), so a table of prompts cut to one line would show identical rows; the part that
    differs (the blanked sentence, the statement) tells them apart.
    """
    leads = [_LEAD.match(" ".join(p.split())) for p in prompts]
    counts: dict[str, int] = {}
    for match in leads:
        if match:
            counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    return [
        match.group(2) if match and counts[match.group(1)] > 1 else " ".join(prompt.split())
        for prompt, match in zip(prompts, leads, strict=True)
    ]


def assignment_question(assignment: Assignment, question_id: int) -> Question | None:
    """The question if it is part of the assignment, else None."""
    if question_id not in (assignment.question_ids or []):
        return None
    return db.session.get(Question, question_id)


def accept_answer(question: Question, answer: str) -> int:
    """Add ``answer`` to the question's accepted answers and regrade every response it now makes right.

    Responses and their attempts' ``correct_count`` change with one UPDATE each, in one transaction;
    returns how many responses became right.
    """
    if question.qtype not in TYPED_TYPES:
        raise AcceptError("Only short-answer and fill-in-the-blank questions have accepted answers.")
    answer = " ".join((answer or "").split())
    if not answer or len(answer) > 300:
        raise AcceptError("Choose a given answer of 1 to 300 characters to accept.")
    accepted = list(question.accepted or [])
    if _fold(answer) not in {_fold(a) for a in [question.answer, *accepted]}:
        accepted.append(answer)
    wrong = db.session.scalars(
        select(Response.given_answer)
        .distinct()
        .where(Response.question_id == question.id, Response.correct.is_(False))
    ).all()
    known = article_words_of(question)
    now_right = [
        g for g in wrong if is_correct(question.qtype, question.answer, accepted, g, question.choices, known)
    ]
    question.accepted = accepted
    question.edited = True
    changed = 0
    if now_right:
        affected = select(Response.attempt_id).where(
            Response.question_id == question.id,
            Response.correct.is_(False),
            Response.given_answer.in_(now_right),
        )
        db.session.execute(
            update(Attempt)
            .where(Attempt.id.in_(affected))
            .values(correct_count=Attempt.correct_count + 1)
            .execution_options(synchronize_session=False)
        )
        result = db.session.execute(
            update(Response)
            .where(
                Response.question_id == question.id,
                Response.correct.is_(False),
                Response.given_answer.in_(now_right),
            )
            .values(correct=True)
            .execution_options(synchronize_session=False)
        )
        changed = result.rowcount
    db.session.commit()
    return changed
