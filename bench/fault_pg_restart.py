"""PostgreSQL restarted under load: how many requests fail during the restart, and none after it.

Runs gunicorn (4 workers) on a PostgreSQL schema of its own, 8 clients answering questions without
pause; restarts the PostgreSQL cluster in the middle (needs root and pg_ctlcluster, as on the
development machines); then checks that the app answers every request after recovery and that no
answer was lost or counted twice. Prints figures; the last line is JSON.

    .venv/bin/python bench/fault_pg_restart.py
"""

from __future__ import annotations

import json
import subprocess
import threading
import time
import uuid
from pathlib import Path

import requests
from _server import ROOT, log_in, migrated_app, pg_schema_url

CLIENTS = 8
QUESTIONS = 400


def cluster() -> list[str]:
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]
    return [version, "main"]


def setup(app):
    from quizapp.extensions import db
    from tests.factories import make_article, make_assignment, make_attempt, make_class, make_user

    with app.app_context():
        teacher = make_user("teacher")
        article = make_article(teacher, n_questions=QUESTIONS)
        learners = [make_user("learner", email=f"pg-fault-{i}@example.com") for i in range(CLIENTS)]
        assignment = make_assignment(make_class(teacher, learners), article)
        plan = [(u.email, make_attempt(assignment, u).id) for u in learners]
        questions = [(q.id, q.answer) for q in article.questions]
        db.session.remove()
    return plan, questions


def main() -> None:
    from tests.factories import PASSWORD
    from tests.production.conftest import Gunicorn

    url = pg_schema_url("qa_bench_fault")
    app = migrated_app(url)
    plan, questions = setup(app)
    server = Gunicorn(url, workers=4, extra_env={"QUIZAPP_RATELIMIT": "0"})
    restart_at = {}
    outcomes: list[tuple[float, bool]] = []
    lock = threading.Lock()

    def client(email: str, attempt_id: int) -> None:
        session, token = log_in(server.url, email, PASSWORD)
        for qid, key in questions:
            sid = uuid.uuid4().hex
            while True:  # retry the same submission until it lands, as the quiz page does
                try:
                    r = session.post(
                        f"{server.url}/attempts/{attempt_id}/answers",
                        data={"question_id": qid, "answer": key, "submission_id": sid},
                        headers={"X-CSRFToken": token},
                        timeout=30,
                    )
                    ok = r.status_code == 200
                except requests.RequestException:
                    ok = False
                with lock:
                    outcomes.append((time.monotonic(), ok))
                if ok:
                    break
                time.sleep(0.05)

    threads = [threading.Thread(target=client, args=item) for item in plan]
    start = time.monotonic()
    for t in threads:
        t.start()
    time.sleep(3)
    restart_at["begin"] = time.monotonic()
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", *cluster(), "restart"], check=True)
    restart_at["end"] = time.monotonic()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start

    failed_during = sum(1 for t, ok in outcomes if not ok and t <= restart_at["end"] + 2)
    failed_after = sum(1 for t, ok in outcomes if not ok and t > restart_at["end"] + 2)
    after = [ok for t, ok in outcomes if t > restart_at["end"] + 2]
    checks = [requests.get(f"{server.url}/healthz", timeout=10).status_code for _ in range(50)]
    server.stop()

    from sqlalchemy import func, select

    from quizapp.models import Attempt, Response

    with app.app_context():
        from quizapp.extensions import db

        counts = [
            (
                a.answered_count,
                db.session.scalar(
                    select(func.count()).select_from(Response).where(Response.attempt_id == a.id)
                ),
            )
            for a in db.session.scalars(select(Attempt))
        ]
    consistent = all(answered == stored == QUESTIONS for answered, stored in counts)
    figures = {
        "requests": len(outcomes),
        "restart_seconds": round(restart_at["end"] - restart_at["begin"], 2),
        "failed_during_restart": failed_during,
        "failed_after_recovery": failed_after,
        "requests_after_recovery": len(after),
        "health_checks_ok_after": checks.count(200),
        "answers_recorded_once": consistent,
        "elapsed_seconds": round(elapsed, 1),
    }
    print(
        f"{len(outcomes)} requests from {CLIENTS} clients in {elapsed:.1f}s; restart took "
        f"{figures['restart_seconds']}s"
    )
    print(
        f"failed during the restart: {failed_during}; failed after recovery: {failed_after} "
        f"of {len(after)}; health checks OK after: {checks.count(200)}/50"
    )
    print(f"every answer recorded exactly once: {consistent}")
    print(json.dumps(figures))


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(ROOT))
    main()
