"""Recording a learner's answer exactly once, however often or concurrently it is sent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Attempt, Question, Response
from .grading import grade_question


class SubmissionConflict(ValueError):
    """A submission id that was already used for a different attempt."""


@dataclass(frozen=True)
class RecordedResponse:
    response: Response
    created: bool  # False when this submission (or an answer to this question) was already recorded


def record_response(
    attempt: Attempt,
    question: Question,
    given: str,
    submission_id: str,
    response_ms: int | None = None,
    *,
    then: Callable[[Response], object] | None = None,
) -> RecordedResponse:
    """Grade ``given`` on the server and store it once; the attempt's counters move in single UPDATEs.

    A repeated ``submission_id`` (double click, back button, two tabs) or a second answer to the same
    question in the same attempt returns the response already stored and changes nothing.

    ``then`` runs on the new response inside the same transaction (the review of its card): the answer
    and what follows from it commit together or not at all. Should ``then`` trip over a unique
    constraint of its own, the answer is recorded alone.
    """
    attempt_id, question_id = attempt.id, question.id
    correct = grade_question(question, given).correct
    response = Response(
        attempt_id=attempt_id,
        question_id=question_id,
        given_answer=(given or "")[:2000],
        correct=correct,
        response_ms=response_ms if response_ms is None or response_ms >= 0 else None,
        submission_id=submission_id,
    )
    db.session.add(response)
    try:
        db.session.flush()
        db.session.execute(
            update(Attempt)
            .where(Attempt.id == attempt_id)
            .values(
                answered_count=Attempt.answered_count + 1,
                correct_count=Attempt.correct_count + (1 if correct else 0),
            )
        )
        if then is not None:
            then(response)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        existing = db.session.scalar(
            select(Response).where(
                (Response.submission_id == submission_id)
                | ((Response.attempt_id == attempt_id) & (Response.question_id == question_id))
            )
        )
        if existing is None and then is not None:  # the conflict was the follow-up's: keep the answer
            return record_response(attempt, question, given, submission_id, response_ms)
        if existing is None:  # the conflict was something else: let it surface
            raise
        if existing.attempt_id != attempt_id:
            raise SubmissionConflict("This submission id belongs to another attempt.") from None
        return RecordedResponse(existing, created=False)
    return RecordedResponse(response, created=True)
