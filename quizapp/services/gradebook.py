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

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Cell:
    """One learner's standing on one assignment."""

    status: str  # done | late | missing | in_progress | not_started
    best: int | None  # best submitted score (questions right)
    total: int
    attempts: int
    answered: int = 0

    @property
    def percent(self) -> float | None:
        if self.best is None or not self.total:
            return None
        return round(100 * self.best / self.total, 1)


@dataclass
class Gradebook:
    classroom: Classroom
    learners: list[User]
    assignments: list[Assignment]
    cells: dict[tuple[int, int], Cell]

    def cell(self, learner_id: int, assignment_id: int) -> Cell:
        return self.cells[(learner_id, assignment_id)]

    def average(self, assignment_id: int) -> float | None:
        """The class's mean best percentage on an assignment, over learners who submitted."""
        values = [
            c.percent for (_, a), c in self.cells.items() if a == assignment_id and c.percent is not None
        ]
        return round(sum(values) / len(values), 1) if values else None

    def completion(self, assignment_id: int) -> int:
        """How many learners submitted the assignment (on time or late)."""
        return sum(
            1 for (_, a), c in self.cells.items() if a == assignment_id and c.status in ("done", "late")
        )


def _status(
    due_at: datetime | None, now: datetime, n: int, submitted: int, first_submit, answered: int
) -> str:
    if submitted:
        return "late" if due_at is not None and first_submit is not None and first_submit > due_at else "done"
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


def build_gradebook(classroom: Classroom, now: datetime | None = None) -> Gradebook:
    """The gradebook of a class: best submitted score, late and missing marks, for every learner."""
    now = now or utcnow()
    learners = class_learners(classroom)
    assignments = class_assignments(classroom)
    enrolled = select(Enrolment.user_id).where(Enrolment.classroom_id == classroom.id)
    submitted = Attempt.submitted_at.is_not(None)
    rows = db.session.execute(
        select(
            Attempt.user_id,
            Attempt.assignment_id,
            func.count(Attempt.id),
            func.count(Attempt.submitted_at),
            func.max(case((submitted, Attempt.correct_count))),
            func.min(Attempt.submitted_at),
            func.max(Attempt.answered_count),
        )
        .where(Attempt.assignment_id.in_([a.id for a in assignments] or [0]), Attempt.user_id.in_(enrolled))
        .group_by(Attempt.user_id, Attempt.assignment_id)
    )
    found = {(r[0], r[1]): r[2:] for r in rows}
    cells = {}
    for assignment in assignments:
        total = questions_per_learner(assignment)
        for learner in learners:
            n, n_submitted, best, first_submit, answered = found.get(
                (learner.id, assignment.id), (0, 0, None, None, 0)
            )
            if isinstance(first_submit, str):  # SQLite's MIN() over a datetime column returns text
                first_submit = datetime.fromisoformat(first_submit).replace(tzinfo=now.tzinfo)
            elif first_submit is not None and first_submit.tzinfo is None:
                first_submit = first_submit.replace(tzinfo=now.tzinfo)
            status = _status(assignment.due_at, now, n, n_submitted, first_submit, answered or 0)
            cells[(learner.id, assignment.id)] = Cell(
                status, best if n_submitted else None, total, n, answered or 0
            )
    return Gradebook(classroom, learners, assignments, cells)


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
            items.append({"response": response, "question": question, "evidence": evidence})
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
    for learner in book.learners:
        row = [learner.name, learner.email]
        for a in book.assignments:
            cell = book.cell(learner.id, a.id)
            row += [cell.percent, STATUS_WORDS[cell.status]]
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()
