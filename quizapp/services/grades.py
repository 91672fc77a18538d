"""What an attempt scores: its right answers out of the graded questions the learner was actually given.

An attempt fixes its questions when it starts (``Attempt.question_order``): online, the approved quiz
questions drawn for that learner (flashcards are self-rated, never graded, so they are not in it); on
paper, the printed version, where a flashcard's back is written down and marked. A question withdrawn
later (no longer approved) counts on neither side, as it no longer appears on the learner's results.

So the score never depends on the assignment's pool size or on its flashcards, only on the attempt.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import case, func, select

from ..extensions import db
from ..models import Assignment, Attempt, Question, Response


class AttemptScore(NamedTuple):  # a tuple: a class's gradebook scores thousands of attempts
    """One attempt's figures, with withdrawn questions taken out."""

    attempt_id: int
    user_id: int
    assignment_id: int
    submitted: bool
    on_time: bool
    right: int
    total: int
    answered: int
    percent: float | None  # right / total as a percentage, one decimal; None for an empty attempt


def _percent(right: int, total: int) -> float | None:
    return round(100 * right / total, 1) if total else None


_SUBMITTED = Attempt.submitted_at.is_not(None)
_ON_TIME = _SUBMITTED & (Assignment.due_at.is_(None) | (Attempt.submitted_at <= Assignment.due_at))


def withdrawn_question_ids(assignments: list[Assignment]) -> set[int]:
    """Questions of these assignments that are no longer approved."""
    ids = {int(q) for a in assignments for q in a.question_ids or []}
    if not ids:
        return set()
    articles = {a.article_id for a in assignments}  # a short list to send, where ids may be hundreds
    query = select(Question.id).where(Question.article_id.in_(articles), Question.status != "approved")
    return ids.intersection(db.session.scalars(query))


def attempt_scores(
    assignments: list[Assignment], user_ids, withdrawn: set[int] | None = None
) -> list[AttemptScore]:
    """Every attempt at ``assignments`` by ``user_ids`` (a list of ids or a SELECT of them), scored.

    ``withdrawn`` is :func:`withdrawn_question_ids` of the assignments when the caller has it. A fixed
    number of queries: two, or four when some of the assignments' questions were withdrawn.
    """
    assignment_ids = [a.id for a in assignments]
    if not assignment_ids:
        return []
    scope = Attempt.assignment_id.in_(assignment_ids) & Attempt.user_id.in_(user_ids)
    rows = db.session.execute(
        select(
            Attempt.id,
            Attempt.user_id,
            Attempt.assignment_id,
            case((_SUBMITTED, 1), else_=0),
            case((_ON_TIME, 1), else_=0),
            Attempt.correct_count,
            func.json_array_length(Attempt.question_order),
            Attempt.answered_count,
        )
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .where(scope)
    ).all()
    if withdrawn is None:
        withdrawn = withdrawn_question_ids(assignments)
    return _scored(rows, assignments, withdrawn, scope)


def _scored(rows, assignments: list[Assignment], withdrawn: set[int], scope) -> list[AttemptScore]:
    given_back: dict[int, int] = {}  # attempt id -> withdrawn questions in its order
    answered_back: dict[int, tuple[int, int]] = {}  # attempt id -> (withdrawn answered, withdrawn right)
    if withdrawn:
        affected = [a.id for a in assignments if withdrawn.intersection(int(q) for q in a.question_ids or [])]
        for attempt_id, order in db.session.execute(
            select(Attempt.id, Attempt.question_order).where(scope, Attempt.assignment_id.in_(affected))
        ):
            given_back[attempt_id] = sum(1 for q in order or [] if int(q) in withdrawn)
        for attempt_id, n, right in db.session.execute(
            select(
                Response.attempt_id, func.count(Response.id), func.sum(case((Response.correct, 1), else_=0))
            )
            .join(Attempt, Attempt.id == Response.attempt_id)
            .where(scope, Response.question_id.in_(withdrawn))
            .group_by(Response.attempt_id)
        ):
            answered_back[attempt_id] = (int(n), int(right or 0))
    scores = []
    for attempt_id, user_id, assignment_id, submitted, in_time, right, total, answered in rows:
        if given_back or answered_back:
            lost_answers, lost_right = answered_back.get(attempt_id, (0, 0))
            right = max(0, (right or 0) - lost_right)
            total = max(0, (total or 0) - given_back.get(attempt_id, 0))
            answered = max(0, (answered or 0) - lost_answers)
        right, total = right or 0, total or 0
        scores.append(
            AttemptScore(
                attempt_id,
                user_id,
                assignment_id,
                bool(submitted),
                bool(in_time),
                right,
                total,
                answered or 0,
                _percent(right, total),
            )
        )
    return scores


def best_of(scores: list[AttemptScore]) -> AttemptScore | None:
    """The submitted attempt with the highest percentage (more right answers break a tie), or None."""
    submitted = [s for s in scores if s.submitted]
    if not submitted:
        return None
    return max(
        submitted, key=lambda s: (s.percent if s.percent is not None else -1.0, s.right, -s.attempt_id)
    )


def class_averages(
    assignments: list[Assignment], user_ids, withdrawn: set[int] | None = None
) -> dict[int, tuple[int, float | None]]:
    """Per assignment: how many of ``user_ids`` submitted it, and the mean of their best percentages.

    Worked out in SQL (one GROUP BY over every attempt); only assignments with a withdrawn question
    are scored attempt by attempt, since SQL cannot see which questions an attempt was given.
    """
    if withdrawn is None:
        withdrawn = withdrawn_question_ids(assignments)
    affected = [a for a in assignments if withdrawn.intersection(int(q) for q in a.question_ids or [])]
    plain = [a.id for a in assignments if a not in affected]
    result: dict[int, tuple[int, float | None]] = {a.id: (0, None) for a in assignments}
    if plain:
        ratio = Attempt.correct_count * 100.0 / func.nullif(func.json_array_length(Attempt.question_order), 0)
        best = (
            select(Attempt.assignment_id, func.max(ratio).label("best"))
            .where(Attempt.assignment_id.in_(plain), Attempt.user_id.in_(user_ids), _SUBMITTED)
            .group_by(Attempt.user_id, Attempt.assignment_id)
            .subquery()
        )
        query = select(best.c.assignment_id, func.count(), func.avg(best.c.best)).group_by(
            best.c.assignment_id
        )
        for assignment_id, n, mean in db.session.execute(query):
            result[assignment_id] = (int(n), round(float(mean), 1) if mean is not None else None)
    if affected:
        by_learner: dict[tuple[int, int], list[AttemptScore]] = {}
        for score in attempt_scores(affected, user_ids, withdrawn):
            by_learner.setdefault((score.user_id, score.assignment_id), []).append(score)
        result.update(averages_of(by_learner, affected))
    return result


def averages_of(
    by_learner: dict[tuple[int, int], list[AttemptScore]], assignments: list[Assignment]
) -> dict[int, tuple[int, float | None]]:
    """Per assignment: how many learners submitted, and the mean of their best (unrounded) percentages,
    from attempts already scored and grouped by (learner, assignment)."""
    bests: dict[int, list[float | None]] = {a.id: [] for a in assignments}
    for (_, assignment_id), scores in by_learner.items():
        best = best_of(scores)
        if best is not None and assignment_id in bests:
            bests[assignment_id].append(100 * best.right / best.total if best.total else None)
    result = {}
    for assignment_id, percents in bests.items():
        known = [p for p in percents if p is not None]
        result[assignment_id] = (len(percents), round(sum(known) / len(known), 1) if known else None)
    return result
