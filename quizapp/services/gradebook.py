"""A class's gradebook: learners x assignments, each learner's answers, and a spreadsheet-safe CSV.

Everything is read with a fixed number of aggregate queries (GROUP BY), however many learners there are.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select

from ..extensions import db
from ..models import Assignment, Attempt, Classroom, Enrolment, Question, Response, User, utcnow
from .assignments import class_assignments, questions_per_learner
from .grading import parse_matching_given

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_NOTHING = (0, 0, None, 0, 0)
LEARNERS_PER_PAGE = 100


@dataclass(frozen=True, slots=True)
class Cell:
    """One learner's standing on one assignment."""

    assignment_id: int
    status: str  # done | late | missing | in_progress | not_started
    best: int | None  # best submitted score (questions right)
    total: int
    attempts: int
    answered: int = 0
    percent: float | None = None  # best / total, in percent, one decimal


@dataclass
class Gradebook:
    classroom: Classroom
    learners: list[User]  # every learner of the class (``rows`` holds the current page)
    assignments: list[Assignment]
    rows: list[tuple[User, list[Cell]]]  # one row per learner, cells in assignment order
    averages: dict[int, float | None]  # assignment id -> mean best percentage of those who submitted
    completions: dict[int, int]  # assignment id -> learners who submitted (on time or late)
    page: int = 1
    pages: int = 1
    first: int = 1  # the position of the page's first learner in the class list

    def cell(self, learner_id: int, assignment_id: int) -> Cell:
        for learner, cells in self.rows:
            if learner.id == learner_id:
                return next(c for c in cells if c.assignment_id == assignment_id)
        raise KeyError((learner_id, assignment_id))

    def average(self, assignment_id: int) -> float | None:
        return self.averages[assignment_id]

    def completion(self, assignment_id: int) -> int:
        return self.completions[assignment_id]


def _status(due_at: datetime | None, now: datetime, n: int, submitted: int, on_time: int) -> str:
    if submitted:
        return "done" if on_time else "late"
    if due_at is not None and due_at < now:
        return "missing"
    return "in_progress" if n else "not_started"


def class_learners(classroom: Classroom) -> list[User]:
    """The learners enrolled in the class, by name."""
    return list(
        db.session.scalars(
            select(User)
            .join(Enrolment, Enrolment.user_id == User.id)
            .where(Enrolment.classroom_id == classroom.id)
            .order_by(func.lower(User.name), User.id)
        )
    )


def build_gradebook(
    classroom: Classroom, now: datetime | None = None, page: int = 1, per_page: int | None = None
) -> Gradebook:
    """The gradebook of a class: best submitted score, late and missing marks, per learner.

    With ``per_page`` only that page of learners (by name) gets cells, as Moodle's grader report
    pages its students; the class averages and completion counts always cover every learner.
    """
    now = now or utcnow()
    everyone = class_learners(classroom)
    pages = max(1, -(-len(everyone) // per_page)) if per_page else 1
    page = min(max(1, page), pages)
    learners = everyone[(page - 1) * per_page : page * per_page] if per_page else everyone
    assignments = class_assignments(classroom)
    assignment_ids = [a.id for a in assignments] or [0]
    enrolled = select(Enrolment.user_id).where(Enrolment.classroom_id == classroom.id)
    submitted = Attempt.submitted_at.is_not(None)
    on_time = submitted & (Assignment.due_at.is_(None) | (Attempt.submitted_at <= Assignment.due_at))
    who = Attempt.user_id.in_([u.id for u in learners] or [0]) if per_page else Attempt.user_id.in_(enrolled)
    rows = db.session.execute(
        select(
            Attempt.user_id,
            Attempt.assignment_id,
            func.count(Attempt.id),
            func.count(Attempt.submitted_at),
            func.max(case((submitted, Attempt.correct_count))),
            func.sum(case((on_time, 1), else_=0)),
            func.max(Attempt.answered_count),
        )
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .where(Attempt.assignment_id.in_(assignment_ids), who)
        .group_by(Attempt.user_id, Attempt.assignment_id)
    )
    found = {(r[0], r[1]): r[2:] for r in rows}
    totals = {a.id: questions_per_learner(a) for a in assignments}
    book_rows = []
    for learner in learners:
        cells = []
        for assignment in assignments:
            total = totals[assignment.id]
            n, n_submitted, best, on_time_count, answered = found.get((learner.id, assignment.id), _NOTHING)
            status = _status(assignment.due_at, now, n, n_submitted, on_time_count or 0)
            best = best if n_submitted else None
            percent = round(100 * best / total, 1) if best is not None and total else None
            cells.append(Cell(assignment.id, status, best, total, n, answered or 0, percent))
        book_rows.append((learner, cells))
    best = (
        select(Attempt.assignment_id, func.max(Attempt.correct_count).label("best"))
        .where(Attempt.assignment_id.in_(assignment_ids), Attempt.user_id.in_(enrolled), submitted)
        .group_by(Attempt.user_id, Attempt.assignment_id)
        .subquery()
    )
    sums = {
        aid: (n, total_best)
        for aid, n, total_best in db.session.execute(
            select(best.c.assignment_id, func.count(), func.sum(best.c.best)).group_by(best.c.assignment_id)
        )
    }
    averages, completions = {}, {}
    for assignment in assignments:
        n, total_best = sums.get(assignment.id, (0, 0))
        total = totals[assignment.id]
        averages[assignment.id] = round(100 * total_best / (n * total), 1) if n and total else None
        completions[assignment.id] = n
    first = (page - 1) * per_page + 1 if per_page else 1
    return Gradebook(classroom, everyone, assignments, book_rows, averages, completions, page, pages, first)


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
        result.append({"attempt": attempt, "items": items, "total": len(attempt.question_order or [])})
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
