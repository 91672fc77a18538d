"""The JSON shapes the API returns, built from the models through the teacher services."""

from __future__ import annotations

from ..models import Article, Assignment, Classroom, Question


def article_json(article: Article, counts: dict[str, int] | None = None) -> dict:
    """An article without its text, with question counts by status."""
    if counts is None:
        counts = {"draft": 0, "approved": 0, "rejected": 0}
        for q in article.questions:
            counts[q.status] = counts.get(q.status, 0) + 1
    return {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "sha256": article.sha256,
        "status": article.status,
        "status_message": article.status_message,
        "created_at": article.created_at.isoformat(),
        "question_counts": counts,
    }


def question_json(question: Question) -> dict:
    """A question with its key and evidence (the API is for the question's owner only)."""
    return {
        "id": question.id,
        "article_id": question.article_id,
        "type": question.qtype,
        "prompt": question.prompt,
        "answer": question.answer,
        "accepted": list(question.accepted or []),
        "choices": list(question.choices or []),
        "evidence": {
            "start": question.evidence_start,
            "end": question.evidence_end,
            "text": question.evidence_text(),
        },
        "status": question.status,
        "difficulty": question.difficulty,
        "score": question.score,
        "edited": question.edited,
    }


def class_json(classroom: Classroom, learners: int, assignments: int) -> dict:
    """A class with its join code and sizes."""
    return {
        "id": classroom.id,
        "name": classroom.name,
        "join_code": classroom.join_code,
        "desired_retention": classroom.desired_retention,
        "learners": learners,
        "assignments": assignments,
    }


def assignment_json(assignment: Assignment) -> dict:
    """An assignment's settings."""
    return {
        "id": assignment.id,
        "class_id": assignment.classroom_id,
        "article_id": assignment.article_id,
        "title": assignment.title,
        "question_ids": list(assignment.question_ids or []),
        "pool_draw": assignment.pool_draw,
        "opens_at": assignment.opens_at.isoformat() if assignment.opens_at else None,
        "due_at": assignment.due_at.isoformat() if assignment.due_at else None,
        "mode": assignment.mode,
        "attempts_allowed": assignment.attempts_allowed,
        "shuffle": assignment.shuffle,
    }


def results_json(assignment: Assignment) -> list[dict]:
    """Each learner's standing on the assignment, from the class gradebook."""
    from .gradebook import build_gradebook

    book = build_gradebook(assignment.classroom)
    rows = []
    for learner, cells in book.rows:
        cell = next(c for c in cells if c.assignment_id == assignment.id)
        rows.append(
            {
                "learner_id": learner.id,
                "name": learner.name,
                "email": learner.email,
                "status": cell.status,
                "best_score": cell.best,
                "total": cell.total,
                "percent": cell.percent,
                "attempts": cell.attempts,
            }
        )
    return rows
