"""Taking an assignment: attempts that respect its rules, questions shown without their keys, results.

An attempt fixes, when it starts, which questions the learner gets (``pool_draw`` of the pool, drawn
deterministically per learner and attempt number) and in which order, and how each question's options
are ordered, so a reload shows the same screen. Only approved questions are ever shown; flashcards are
not quizzed but become the learner's review cards.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import Assignment, Attempt, Classroom, Enrolment, Question, Response
from ..models.types import utcnow
from .clock import now as clock_now
from .grading import Grade, grade_question
from .responses import RecordedResponse, SubmissionConflict, record_response
from .study import ReviewConflict, ensure_flashcards, review_answer, review_from_response

QUIZ_TYPES = ("mcq", "true_false", "cloze", "short_answer", "matching")
SHUFFLED_OPTIONS = ("mcq", "cloze")


class QuizError(ValueError):
    """Something the learner asked for that the assignment's rules do not allow; safe to show."""


@dataclass
class AssignmentState:
    assignment: Assignment
    status: str  # upcoming | open | in_progress | done | late | missing | closed
    attempts_used: int
    attempts_left: int | None  # None: unlimited
    in_progress: Attempt | None
    submitted: list[Attempt] = field(default_factory=list)
    can_start: bool = False
    reason: str = ""


@dataclass
class QuestionView:
    position: int  # 1-based
    total: int
    question: Question
    options: list[str] = field(default_factory=list)  # mcq, true_false, cloze word bank (shown order)
    lefts: list[str] = field(default_factory=list)  # matching
    rights: list[str] = field(default_factory=list)  # matching, shuffled
    response: Response | None = None


@dataclass
class ResultRow:
    question: Question
    response: Response | None
    grade: Grade
    evidence: tuple[str, str, str] | None


def learner_assignment(user_id: int, assignment_id: int) -> Assignment | None:
    """The assignment if it belongs to one of the learner's classes; None otherwise."""
    return db.session.scalar(
        select(Assignment)
        .join(Enrolment, Enrolment.classroom_id == Assignment.classroom_id)
        .where(Assignment.id == assignment_id, Enrolment.user_id == user_id)
    )


def learner_assignments(user_id: int) -> list[Assignment]:
    """Every assignment of the learner's classes, soonest due first."""
    rows = db.session.scalars(
        select(Assignment)
        .join(Enrolment, Enrolment.classroom_id == Assignment.classroom_id)
        .join(Classroom, Classroom.id == Assignment.classroom_id)
        .where(Enrolment.user_id == user_id)
    )
    far = datetime.max.replace(tzinfo=utcnow().tzinfo)
    return sorted(rows, key=lambda a: (a.due_at or far, a.id))


def quiz_question_ids(assignment: Assignment) -> list[int]:
    """The assignment's approved, quizzable questions in the teacher's order."""
    pool = [int(q) for q in assignment.question_ids or []]
    ok = set(
        db.session.scalars(
            select(Question.id).where(
                Question.id.in_(pool or [0]),
                Question.status == "approved",
                Question.qtype.in_(QUIZ_TYPES),
                Question.article_id == assignment.article_id,
            )
        )
    )
    return [q for q in pool if q in ok]


def assignment_state(assignment: Assignment, user_id: int, when: datetime | None = None) -> AssignmentState:
    """Where the learner stands on an assignment and whether they may start an attempt now."""
    moment = when or clock_now()
    attempts = list(
        db.session.scalars(
            select(Attempt)
            .where(Attempt.assignment_id == assignment.id, Attempt.user_id == user_id)
            .order_by(Attempt.number)
        )
    )
    submitted = [a for a in attempts if a.submitted_at is not None]
    in_progress = next((a for a in attempts if a.submitted_at is None), None)
    allowed = assignment.attempts_allowed or 0
    left = None if allowed == 0 else max(0, allowed - len(attempts))
    state = AssignmentState(assignment, "open", len(attempts), left, in_progress, submitted)
    due, opens = assignment.due_at, assignment.opens_at
    if in_progress is not None:  # a retry under way is what the learner has to come back to
        state.status = "in_progress"
    elif submitted:
        late = due is not None and submitted[0].submitted_at > due
        state.status = "late" if late else "done"
    elif opens is not None and moment < opens:
        state.status = "upcoming"
    elif due is not None and moment > due:
        state.status = "missing"
    if opens is not None and moment < opens:
        state.reason = "This assignment is not open yet."
    elif due is not None and moment > due:
        state.reason = "The due date has passed."
    elif left == 0:
        state.reason = "You have used every attempt this assignment allows."
    elif not quiz_question_ids(assignment):
        state.reason = "This assignment has no questions to answer yet."
    state.can_start = in_progress is None and not state.reason
    return state


def _rng(assignment: Assignment, user_id: int, number: int, salt: str) -> random.Random:
    return random.Random(f"{assignment.id}:{user_id}:{number}:{salt}")


def _option_orders(questions: list[Question], assignment: Assignment, user_id: int, number: int) -> dict:
    orders = {}
    for q in questions:
        n = len(q.choices or [])
        order = list(range(n))
        if q.qtype == "matching" and n > 1:
            _rng(assignment, user_id, number, f"m{q.id}").shuffle(order)
            if order == sorted(order):  # the right column must never line up with the key
                order = order[1:] + order[:1]
        elif q.qtype in SHUFFLED_OPTIONS and assignment.shuffle:
            _rng(assignment, user_id, number, f"o{q.id}").shuffle(order)
        orders[str(q.id)] = order
    return orders


def start_attempt(assignment: Assignment, user_id: int) -> Attempt:
    """Resume the learner's unfinished attempt or start a new one; raise QuizError when not allowed."""
    state = assignment_state(assignment, user_id)
    if state.in_progress is not None:
        return state.in_progress
    if not state.can_start:
        raise QuizError(state.reason or "You cannot start this assignment now.")
    number = state.attempts_used + 1
    order = quiz_question_ids(assignment)
    if assignment.pool_draw and 0 < assignment.pool_draw < len(order):
        drawn = set(_rng(assignment, user_id, number, "pool").sample(order, assignment.pool_draw))
        order = [q for q in order if q in drawn]
    if assignment.shuffle:
        _rng(assignment, user_id, number, "order").shuffle(order)
    questions = db.session.scalars(select(Question).where(Question.id.in_(order))).all()
    attempt = Attempt(
        assignment_id=assignment.id,
        user_id=user_id,
        number=number,
        question_order=order,
        option_orders=_option_orders(list(questions), assignment, user_id, number),
        started_at=clock_now(),
    )
    db.session.add(attempt)
    try:
        db.session.commit()
    except IntegrityError:  # a double click started the same attempt number: use the one that won
        db.session.rollback()
        state = assignment_state(assignment, user_id)
        if state.in_progress is None:
            raise
        return state.in_progress
    ensure_flashcards(user_id, assignment.question_ids)
    return attempt


def flashcards_to_deck(assignment: Assignment, user_id: int) -> int:
    """Put the assignment's approved flashcards in the learner's deck once it is open; return how many."""
    opens = assignment.opens_at
    if opens is not None and clock_now() < opens:
        return 0
    return ensure_flashcards(user_id, assignment.question_ids)


def own_attempt(user_id: int, attempt_id: int) -> Attempt | None:
    """The attempt if it is the learner's own; None otherwise."""
    attempt = db.session.get(Attempt, attempt_id, options=[joinedload(Attempt.assignment)])
    return attempt if attempt is not None and attempt.user_id == user_id else None


def _approved(ids) -> dict[int, Question]:
    query = select(Question).where(Question.id.in_(ids or [0]), Question.status == "approved")
    return {q.id: q for q in db.session.scalars(query)}


def _in_order(attempt: Attempt, found: dict[int, Question]) -> list[Question]:
    ids = [int(q) for q in attempt.question_order or []]
    return [found[q] for q in ids if q in found and found[q].qtype in QUIZ_TYPES]


def live_questions(attempt: Attempt) -> list[Question]:
    """The attempt's questions in its stored order, leaving out any no longer approved."""
    return _in_order(attempt, _approved([int(q) for q in attempt.question_order or []]))


def responses_of(attempt: Attempt) -> dict[int, Response]:
    """The attempt's recorded answers by question id."""
    rows = db.session.scalars(select(Response).where(Response.attempt_id == attempt.id))
    return {r.question_id: r for r in rows}


def live_and_answered(attempt: Attempt) -> tuple[list[Question], dict[int, Response]]:
    """:func:`live_questions` and the answers to them by question id, read in one query (the quiz page
    and every answer post need both)."""
    ids = [int(q) for q in attempt.question_order or []]
    answer = (Response.question_id == Question.id) & (Response.attempt_id == attempt.id)
    query = (
        select(Question, Response)
        .outerjoin(Response, answer)
        .where(Question.id.in_(ids or [0]), Question.status == "approved")
    )
    found: dict[int, Question] = {}
    answered: dict[int, Response] = {}
    for question, response in db.session.execute(query):
        found[question.id] = question
        if response is not None:
            answered[question.id] = response
    return _in_order(attempt, found), answered


def present(attempt: Attempt, position: int) -> QuestionView | None:
    """The question at ``position`` (1-based) as the learner sees it: options in the stored order, no key."""
    questions, answered = live_and_answered(attempt)
    if not 1 <= position <= len(questions):
        return None
    q = questions[position - 1]
    order = (attempt.option_orders or {}).get(str(q.id))
    return _view(q, order, position, len(questions), answered.get(q.id))


def card_view(question: Question, seed: str) -> QuestionView:
    """A question reviewed as a card: options shuffled by ``seed`` (the same on reload), no key."""
    n = len(question.choices or [])
    order = list(range(n))
    if question.qtype in (*SHUFFLED_OPTIONS, "matching") and n > 1:
        random.Random(seed).shuffle(order)
        if question.qtype == "matching" and order == sorted(order):
            order = order[1:] + order[:1]
    return _view(question, order, 1, 1, None)


def _view(q: Question, order: list | None, position: int, total: int, response: Response | None):
    choices = list(q.choices or [])
    order = [i for i in (order if order is not None else range(len(choices))) if 0 <= i < len(choices)]
    view = QuestionView(position, total, q, response=response)
    if q.qtype == "matching":
        view.lefts = [str(c.get("left", "")) for c in choices if isinstance(c, dict)]
        view.rights = [str(choices[i].get("right", "")) for i in order if isinstance(choices[i], dict)]
    elif q.qtype == "true_false":
        view.options = [str(c) for c in choices] or ["True", "False"]
    else:
        view.options = [str(choices[i]) for i in order]
    return view


def answer(
    attempt: Attempt,
    question_id: int,
    given: str,
    submission_id: str,
    response_ms: int | None,
    *,
    question: Question | None = None,
) -> RecordedResponse:
    """Grade and record the learner's answer once, and review the question's card with it.

    In practice mode the answer and its card's review commit in one transaction. In test mode the card
    is reviewed when the attempt is finished, not now: a review would show the key that the test keeps
    back until the end. ``question`` is the attempt's live question of that id when the caller has it.
    """
    if attempt.submitted_at is not None:
        raise QuizError("This attempt is already finished.")
    if question is None or question.id != question_id:
        question = next((q for q in live_questions(attempt) if q.id == question_id), None)
    if question is None:
        raise LookupError("This question is not part of the attempt.")
    user_id = attempt.user_id
    practice = attempt.assignment.mode != "test"  # a test's answers reach the cards when it is finished

    def review(response: Response) -> None:
        review_answer(user_id, question_id, response)

    try:
        recorded = record_response(
            attempt, question, given, submission_id, response_ms, then=review if practice else None
        )
    except SubmissionConflict as exc:
        raise QuizError("This answer was already sent from another page. Reload and try again.") from exc
    if practice and not recorded.created:  # a twin's answer: make sure its review happened (once)
        _review(user_id, question, recorded.response)
    return recorded


def _review(user_id: int, question: Question, response: Response) -> None:
    try:
        review_from_response(user_id, question, response)
    except ReviewConflict:
        db.session.rollback()  # the answer stands; only its review was a duplicate


def finish(attempt: Attempt) -> None:
    """Mark the attempt submitted (once: a second call changes nothing)."""
    db.session.execute(
        update(Attempt)
        .where(Attempt.id == attempt.id, Attempt.submitted_at.is_(None))
        .values(submitted_at=clock_now())
    )
    db.session.commit()
    db.session.refresh(attempt)
    if attempt.assignment.mode == "test":  # now the answers may schedule their cards (once each)
        questions, answered = live_and_answered(attempt)
        for question in questions:
            if question.id in answered:
                _review(attempt.user_id, question, answered[question.id])


def evidence_parts(question: Question) -> tuple[str, str, str] | None:
    """The evidence's paragraph split as (before, evidence, after), for highlighting; None without one."""
    text = question.article.text if question.article else ""
    start, end = question.evidence_start, question.evidence_end
    if start is None or end is None or not 0 <= start < end <= len(text):
        return None
    para_start = text.rfind("\n\n", 0, start)
    para_start = 0 if para_start < 0 else para_start + 2
    para_end = text.find("\n\n", end)
    para_end = len(text) if para_end < 0 else para_end
    return text[para_start:start], text[start:end], text[end:para_end]


def feedback(question: Question, response: Response) -> ResultRow:
    """How a recorded answer was graded, with the key's evidence."""
    result = grade_question(question, response.given_answer)
    return ResultRow(question, response, result, evidence_parts(question))


def results(attempt: Attempt) -> list[ResultRow]:
    """Each question of the attempt with the learner's answer, its grade, the key and the evidence."""
    return results_of([attempt])[attempt.id]


def results_of(attempts: list[Attempt]) -> dict[int, list[ResultRow]]:
    """``results`` of several attempts by attempt id, in a fixed number of queries."""
    found = _approved({int(q) for a in attempts for q in a.question_order or []})
    answers: dict[int, dict[int, Response]] = {a.id: {} for a in attempts}
    for r in db.session.scalars(select(Response).where(Response.attempt_id.in_(list(answers) or [0]))):
        answers[r.attempt_id][r.question_id] = r
    rows: dict[int, list[ResultRow]] = {}
    for attempt in attempts:
        rows[attempt.id] = []
        for q in _in_order(attempt, found):
            response = answers[attempt.id].get(q.id)
            if response is not None:
                rows[attempt.id].append(feedback(q, response))
            else:
                rows[attempt.id].append(ResultRow(q, None, Grade(False, 0.0), evidence_parts(q)))
    return rows
