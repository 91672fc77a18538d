"""A class's gradebook: learners x assignments, each learner's answers, and a spreadsheet-safe CSV.

Everything is read with a fixed number of queries, however many learners there are.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func, select

from ..extensions import db
from ..models import Assignment, Attempt, Classroom, Enrolment, Question, Response, User, utcnow
from .assignments import class_assignments
from .grades import (
    AttemptScore,
    attempt_scores,
    averages_of,
    best_of,
    class_averages,
    withdrawn_question_ids,
)
from .grading import parse_matching_given

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
LEARNERS_PER_PAGE = 100


class Cell(NamedTuple):  # a tuple: a page makes 4,000 of them, and tuples are the cheapest to build
    """One learner's standing on one assignment."""

    assignment_id: int
    status: str  # done | late | missing | in_progress | not_started
    best: int | None  # questions right in the best submitted attempt
    total: int  # graded questions of that attempt (or of the one in progress)
    attempts: int
    answered: int = 0
    percent: float | None = None  # best / total, in percent, one decimal


@dataclass
class Gradebook:
    classroom: Classroom
    learners: list[User]  # the learners of this page, by name (every learner when not paged)
    assignments: list[Assignment]
    rows: list[tuple[User, list[Cell]]]  # one row per learner of ``learners``, cells in assignment order
    averages: dict[int, float | None]  # assignment id -> mean best percentage of those who submitted
    completions: dict[int, int]  # assignment id -> learners who submitted (on time or late)
    page: int = 1
    pages: int = 1
    first: int = 1  # the position of the page's first learner in the class list
    learner_count: int = 0  # every learner of the class

    def cell(self, learner_id: int, assignment_id: int) -> Cell:
        for learner, cells in self.rows:
            if learner.id == learner_id:
                return next(c for c in cells if c.assignment_id == assignment_id)
        raise KeyError((learner_id, assignment_id))

    def average(self, assignment_id: int) -> float | None:
        return self.averages[assignment_id]

    def completion(self, assignment_id: int) -> int:
        return self.completions[assignment_id]


def _enrolled(classroom: Classroom):
    return select(Enrolment.user_id).where(Enrolment.classroom_id == classroom.id)


def class_learners(classroom: Classroom, offset: int = 0, limit: int | None = None) -> list[User]:
    """The learners enrolled in the class, by name; ``offset`` and ``limit`` page them in SQL."""
    query = (
        select(User)
        .where(User.id.in_(_enrolled(classroom)))
        .order_by(func.lower(User.name), User.id)
        .offset(offset)
        .limit(limit)
    )
    return list(db.session.scalars(query))


def _cell(assignment_id: int, past_due: bool, scores) -> Cell:
    if not scores:
        return Cell(assignment_id, "missing" if past_due else "not_started", None, 0, 0)
    if len(scores) == 1:  # the usual case, kept cheap: a page holds thousands of cells
        only = scores[0]
        if only.submitted:
            status = "done" if only.on_time else "late"
            return Cell(assignment_id, status, only.right, only.total, 1, only.answered, only.percent)
        status = "missing" if past_due else "in_progress"
        return Cell(assignment_id, status, None, only.total, 1, only.answered)
    submitted = [s for s in scores if s.submitted]
    if submitted:
        best = best_of(submitted)
        status = "done" if any(s.on_time for s in submitted) else "late"
        return Cell(assignment_id, status, best.right, best.total, len(scores), best.answered, best.percent)
    current = max(scores, key=lambda s: s.attempt_id)
    status = "missing" if past_due else "in_progress"
    return Cell(assignment_id, status, None, current.total, len(scores), current.answered)


def build_gradebook(
    classroom: Classroom, now: datetime | None = None, page: int = 1, per_page: int | None = None
) -> Gradebook:
    """The gradebook of a class: best submitted score, late and missing marks, per learner.

    A score is the attempt's right answers out of the graded questions that learner was given (see
    :mod:`.scores`). With ``per_page`` only that page of learners (by name) is read and gets cells, as
    Moodle's grader report pages its students; the class averages and completion counts always cover
    every learner.
    """
    now = now or utcnow()
    count = db.session.scalar(select(func.count()).select_from(_enrolled(classroom).subquery()))
    pages = max(1, -(-count // per_page)) if per_page else 1
    page = min(max(1, page), pages)
    offset = (page - 1) * per_page if per_page else 0
    learners = class_learners(classroom, offset, per_page)
    assignments = class_assignments(classroom)
    by_cell: dict[tuple[int, int], list[AttemptScore]] = {}
    who = [u.id for u in learners] if per_page else _enrolled(classroom)
    withdrawn = withdrawn_question_ids(assignments)
    for score in attempt_scores(assignments, who, withdrawn):
        by_cell.setdefault((score.user_id, score.assignment_id), []).append(score)
    columns = [(a.id, a.due_at is not None and a.due_at < now) for a in assignments]
    rows = [
        (learner, [_cell(aid, past_due, by_cell.get((learner.id, aid))) for aid, past_due in columns])
        for learner in learners
    ]
    # Paged, the class figures need every learner's attempts: one GROUP BY. Unpaged (the CSV, the API)
    # every attempt is already scored here.
    if per_page:
        figures = class_averages(assignments, _enrolled(classroom), withdrawn)
    else:
        figures = averages_of(by_cell, assignments)
    averages = {aid: mean for aid, (_, mean) in figures.items()}
    completions = {aid: n for aid, (n, _) in figures.items()}
    return Gradebook(
        classroom, learners, assignments, rows, averages, completions, page, pages, offset + 1, count
    )


def assignment_learner(assignment: Assignment, user_id: int) -> User | None:
    """The learner if enrolled in the assignment's class or holding an attempt at it, else None."""
    enrolled = select(Enrolment.id).where(
        Enrolment.classroom_id == assignment.classroom_id, Enrolment.user_id == user_id
    )
    attempted = select(Attempt.id).where(Attempt.assignment_id == assignment.id, Attempt.user_id == user_id)
    return db.session.scalar(select(User).where(User.id == user_id, enrolled.exists() | attempted.exists()))


def learner_answers(assignment: Assignment, learner: User) -> list[dict]:
    """The learner's attempts at the assignment, each with its answers in the order the learner saw them."""
    attempts = list(
        db.session.scalars(
            select(Attempt)
            .where(Attempt.assignment_id == assignment.id, Attempt.user_id == learner.id)
            .order_by(Attempt.number, Attempt.id)
        )
    )
    rows = db.session.execute(
        select(Response, Question)
        .join(Question, Question.id == Response.question_id)
        .where(Response.attempt_id.in_([a.id for a in attempts] or [0]))
    )
    by_attempt: dict[int, dict[int, tuple[Response, Question]]] = {}
    for response, question in rows:
        by_attempt.setdefault(response.attempt_id, {})[question.id] = (response, question)
    scores = {s.attempt_id: s for s in attempt_scores([assignment], [learner.id])}
    text = assignment.article.text
    result = []
    for attempt in attempts:
        answered = by_attempt.get(attempt.id, {})
        items = []
        for qid in attempt.question_order or []:
            if qid not in answered:
                continue
            response, question = answered[qid]
            evidence = ""
            if question.evidence_start is not None and question.evidence_end is not None:
                evidence = text[question.evidence_start : question.evidence_end]
            given = response.given_answer or ""
            if question.qtype == "matching":  # stored as JSON {"left": "right"}: show it as pairs
                given = "; ".join(f"{k} = {v}" for k, v in parse_matching_given(given).items())
            items.append({"response": response, "question": question, "evidence": evidence, "given": given})
        score = scores.get(attempt.id)
        result.append(
            {
                "attempt": attempt,
                "items": items,
                "right": score.right if score else 0,
                "total": score.total if score else 0,
            }
        )
    return result


def safe_cell(value):
    """A CSV cell that a spreadsheet will not run as a formula (text starting with = + - @ gets a quote)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


STATUS_WORDS = {
    "done": "submitted",
    "late": "late",
    "missing": "missing",
    "in_progress": "in progress",
    "not_started": "not started",
}


def gradebook_csv(book: Gradebook) -> str:
    """The gradebook as CSV text with a UTF-8 BOM, every field quoted when needed, formulas defused."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    header = ["Learner", "E-mail"]
    for a in book.assignments:
        header += [f"{a.title} (%)", f"{a.title} (status)"]
    writer.writerow([safe_cell(h) for h in header])
    for learner, cells in book.rows:
        row = [learner.name, learner.email]
        for cell in cells:
            row += [cell.percent, STATUS_WORDS[cell.status]]
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()
