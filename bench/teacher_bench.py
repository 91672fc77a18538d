"""Time the gradebook, item-analysis and class SRS pages on a class-sized data set.

Builds (bulk inserts, some seconds) 300 learners in one class, 40 assignments of 17 questions and
200,000 responses in 12,000 submitted attempts, plus spaced-repetition data: each learner holds cards
for 3 questions and the flashcard of every assignment (48,000 cards) with 1 to 7 reviews each, some
of them leeches. Then it requests each page several times through the test client and prints the
median, the ratio to a trivial page (/healthz) measured in the same run, and the number of SQL
queries per request. The last line is JSON.

    .venv/bin/python bench/teacher_bench.py [--database-url URL] [--repeat N]

Without --database-url a fresh SQLite file in a temporary folder is used; a PostgreSQL URL must name
an empty database (its tables are created and dropped).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

LEARNERS, ASSIGNMENTS, QUESTIONS_PER_ASSIGNMENT, RESPONSES = 300, 40, 17, 200_000
CARDS_PER_ASSIGNMENT = 3  # question cards per learner and assignment, besides the article's flashcard


def build(db, models) -> dict:
    """Insert the data set with executemany; return the ids the timed pages need."""
    from sqlalchemy import insert

    rng = random.Random(7)
    now = datetime.now(UTC)
    teacher = models.User(
        email="bench-teacher@example.com", name="Bench Teacher", role="teacher", password_hash="x"
    )
    db.session.add(teacher)
    db.session.flush()
    db.session.execute(
        insert(models.User),
        [
            {
                "email": f"learner{i}@example.com",
                "name": f"Learner {i:03d}",
                "role": "learner",
                "password_hash": "x",
                "session_token": f"t{i}",
                "created_at": now,
            }
            for i in range(LEARNERS)
        ],
    )
    learner_ids = [
        u.id
        for u in db.session.query(models.User.id)
        .filter(models.User.role == "learner")
        .order_by(models.User.id)
    ]
    classroom = models.Classroom(teacher_id=teacher.id, name="Bench class")
    db.session.add(classroom)
    db.session.flush()
    db.session.execute(
        insert(models.Enrolment),
        [{"classroom_id": classroom.id, "user_id": uid, "joined_at": now} for uid in learner_ids],
    )
    text = "The council voted 7 to 2 on Monday to build a new library. " * 40
    assignment_questions, flashcard_ids = [], []
    for a in range(ASSIGNMENTS):
        article = models.Article(
            owner_id=teacher.id, title=f"Article {a}", text=text, sha256=f"{a:064d}", status="ready"
        )
        db.session.add(article)
        db.session.flush()
        rows = []
        for q in range(QUESTIONS_PER_ASSIGNMENT):
            kind = ("mcq", "short_answer", "true_false")[q % 3]
            choices = {"mcq": ["Ana", "Ben", "Cy", "Dan"], "true_false": ["True", "False"]}.get(kind, [])
            rows.append(
                {
                    "article_id": article.id,
                    "gen_id": f"g{q}",
                    "qtype": kind,
                    "prompt": f"Question {q} of {a}?",
                    "answer": choices[0] if choices else "seven",
                    "accepted": [],
                    "choices": choices,
                    "evidence_start": 0,
                    "evidence_end": 58,
                    "status": "approved",
                    "position": q,
                    "created_at": now,
                    "updated_at": now,
                }
            )
        rows.append({**rows[0], "gen_id": "flash", "qtype": "flashcard", "prompt": f"Ana ({a})",
                     "answer": "the mayor", "choices": [], "position": QUESTIONS_PER_ASSIGNMENT})  # fmt: skip
        db.session.execute(insert(models.Question), rows)
        qids = [
            q.id
            for q in db.session.query(models.Question.id)
            .filter_by(article_id=article.id)
            .order_by(models.Question.id)
        ]
        flashcard_ids.append(qids.pop())  # the flashcard was inserted last: in the assignment, never quizzed
        assignment = models.Assignment(
            classroom_id=classroom.id,
            article_id=article.id,
            title=f"Assignment {a:02d}",
            question_ids=[*qids, flashcard_ids[-1]],
            due_at=now - timedelta(days=ASSIGNMENTS - a),
        )
        db.session.add(assignment)
        db.session.flush()
        assignment_questions.append((assignment.id, qids))
    attempts, per_attempt, sub = [], [], 0
    total_attempts = LEARNERS * ASSIGNMENTS
    full = RESPONSES - total_attempts * (QUESTIONS_PER_ASSIGNMENT - 1)  # attempts answering every question
    for k, ((assignment_id, qids), uid) in enumerate(
        (aq, uid) for aq in assignment_questions for uid in learner_ids
    ):
        answered = qids if k < full else qids[:-1]
        ability = (uid % 10) / 10
        answers = []
        for qid in answered:
            right = rng.random() < 0.35 + 0.6 * ability
            answers.append((qid, right))
        attempts.append(
            {
                "assignment_id": assignment_id,
                "user_id": uid,
                "number": 1,
                "question_order": qids,
                "option_orders": {},
                "answered_count": len(answers),
                "correct_count": sum(ok for _, ok in answers),
                "started_at": now,
                "submitted_at": now - timedelta(days=rng.randint(0, 50)),
                "source": "online",
            }
        )
        per_attempt.append(answers)
    db.session.execute(insert(models.Attempt), attempts)
    attempt_ids = [a.id for a in db.session.query(models.Attempt.id).order_by(models.Attempt.id)]
    batch = []
    for attempt_id, answers in zip(attempt_ids, per_attempt, strict=True):
        for qid, right in answers:
            sub += 1
            batch.append(
                {
                    "attempt_id": attempt_id,
                    "question_id": qid,
                    "given_answer": "Ana" if right else "Ben",
                    "correct": right,
                    "submission_id": f"s{sub}",
                    "created_at": now,
                }
            )
        if len(batch) >= 20_000:
            db.session.execute(insert(models.Response), batch)
            batch = []
    if batch:
        db.session.execute(insert(models.Response), batch)
    cards, logs = build_srs(db, models, rng, now, learner_ids, assignment_questions, flashcard_ids)
    db.session.commit()
    return {
        "cards": cards,
        "review_logs": logs,
        "teacher": teacher,
        "class_id": classroom.id,
        "assignment_id": assignment_questions[len(assignment_questions) // 2][0],
        "responses": sub,
    }


def build_srs(db, models, rng, now, learner_ids, assignment_questions, flashcard_ids) -> tuple[int, int]:
    """Cards and review logs: each learner reviews a few questions of every assignment and every
    flashcard, 1 to 7 times; about one card in 50 is a leech (8+ lapses or 8+ Again)."""
    from sqlalchemy import insert, select

    card_rows = []
    for uid in learner_ids:
        for (_, qids), flash in zip(assignment_questions, flashcard_ids, strict=True):
            for qid in [*rng.sample(qids, CARDS_PER_ASSIGNMENT), flash]:
                stability = rng.choice([0.5, 2.0, 8.0, 25.0, 60.0])
                card_rows.append(
                    {
                        "user_id": uid, "question_id": qid, "state": 2 if stability > 1 else 3, "step": 0,
                        "stability": stability, "difficulty": rng.uniform(3, 8),
                        "due": now + timedelta(days=rng.uniform(-5, 30)),
                        "last_review": now - timedelta(days=2), "reps": 0,
                        "lapses": 9 if rng.random() < 0.02 else rng.randint(0, 2), "created_at": now,
                    }
                )  # fmt: skip
    db.session.execute(insert(models.Card), card_rows)
    cards = db.session.execute(select(models.Card.id, models.Card.user_id)).all()
    logs, n = [], 0
    for card_id, uid in cards:
        leech_by_failures = rng.random() < 0.01
        for _ in range(8 if leech_by_failures else rng.randint(1, 7)):
            n += 1
            rating = 1 if leech_by_failures else rng.choice([1, 3, 3, 3, 4])
            logs.append(
                {
                    "card_id": card_id, "user_id": uid, "rating": rating,
                    "reviewed_at": now - timedelta(days=rng.uniform(0, 60)), "duration_ms": 4000,
                    "state_before": 2, "state_after": 2, "stability_before": 5.0, "stability_after": 6.0,
                    "scheduled_days": 3.0, "retrievability": 0.9, "scheduler_version": "bench",
                    "parameters": [], "desired_retention": 0.9, "source": "review", "submission_id": f"r{n}",
                }
            )  # fmt: skip
        if len(logs) >= 20_000:
            db.session.execute(insert(models.ReviewLog), logs)
            logs = []
    if logs:
        db.session.execute(insert(models.ReviewLog), logs)
    return len(cards), n


def analyze(db) -> None:
    """Refresh PostgreSQL's planner statistics after the bulk load, as autovacuum would soon do: on
    stale figures it plans per-learner queries as scans of all 200,000 responses."""
    from sqlalchemy import text

    if db.engine.dialect.name == "postgresql":
        db.session.commit()
        db.session.execute(text("ANALYZE"))
        db.session.commit()


def timed(client, path: str, repeat: int, engine) -> tuple[float, int]:
    """Median seconds of ``repeat`` GETs (after one warm-up) and the SQL statements of one request."""
    from sqlalchemy import event

    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(engine, "before_cursor_execute", count)
    client.get(path)
    event.remove(engine, "before_cursor_execute", count)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times), len(statements)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    from quizapp import create_app, models
    from quizapp.extensions import db

    folder = tempfile.mkdtemp(prefix="teacher-bench-")
    url = args.database_url or f"sqlite:///{folder}/bench.db"
    app = create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False}
    )
    app.instance_path = folder
    try:
        with app.app_context():  # requests below run outside it, each in its own context and session
            db.create_all()
            start = time.perf_counter()
            ids = build(db, models)
            analyze(db)
            built = time.perf_counter() - start
            dialect, user_id = db.engine.dialect.name, ids["teacher"].get_id()
            db.session.remove()
        print(
            f"data set: {LEARNERS} learners, {ASSIGNMENTS} assignments, {ids['responses']:,} responses, "
            f"{ids['cards']:,} cards, {ids['review_logs']:,} reviews built in {built:.1f} s ({dialect})"
        )
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = user_id
            session["_fresh"] = True
        pages = {
            "baseline /healthz": "/healthz",
            "gradebook (100 per page)": f"/teach/classes/{ids['class_id']}/gradebook",
            "gradebook CSV (all 300)": f"/teach/classes/{ids['class_id']}/gradebook.csv",
            "item analysis": f"/teach/assignments/{ids['assignment_id']}/stats",
            "class SRS": f"/teach/classes/{ids['class_id']}/study",
        }
        with app.app_context():
            engine = db.engine
        results = {name: timed(client, path, args.repeat, engine) for name, path in pages.items()}
        base = results["baseline /healthz"][0]
        figures = {}
        for name, (seconds, queries) in results.items():
            ratio = seconds / base if base else float("nan")
            print(
                f"{name:26} median {seconds * 1000:7.1f} ms  x{ratio:6.0f} baseline  {queries:2d} SQL queries"
            )
            figures[name] = {
                "median_ms": round(seconds * 1000, 2),
                "ratio": round(ratio, 1),
                "queries": queries,
            }
        print(
            json.dumps(
                {
                    "bench": "teacher",
                    "database": dialect,
                    "learners": LEARNERS,
                    "assignments": ASSIGNMENTS,
                    "responses": ids["responses"],
                    "cards": ids["cards"],
                    "review_logs": ids["review_logs"],
                    "build_s": round(built, 1),
                    "repeat": args.repeat,
                    "pages": figures,
                }
            )
        )
    finally:
        with app.app_context():
            db.session.remove()
            if args.database_url:
                db.drop_all()
            db.engine.dispose()


if __name__ == "__main__":
    main()
