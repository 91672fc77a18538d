"""Requests per second and latency of quizapp's busiest pages, as ratios to a bare Flask app.

In one run: gunicorn (4 workers, gunicorn.conf.py) serving bench/hello_app.py, then quizapp on a
PostgreSQL schema holding bench/teacher_bench.py's data set (300 learners, 40 assignments, 200,000
responses) plus in-progress quizzes; wrk drives each at 16 connections. Figures: requests/s, p50 and
p99 latency, the ratio to the baseline's requests/s, and the largest web worker's memory. The last
line is JSON. Run it with bench/load.sh.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _server import ROOT, log_in, migrated_app, pg_schema_url

sys.path.insert(0, str(ROOT / "bench"))
CONNECTIONS, THREADS, SECONDS = 16, 2, 8
LOAD_LEARNERS, LOAD_ASSIGNMENTS = 16, 16
PASSWORD = "load bench passphrase"


def build_data(app) -> dict:
    """The teacher bench's data set, real passwords for the teacher and 16 learners, open quizzes."""
    import teacher_bench
    from sqlalchemy import select

    from quizapp import models
    from quizapp.extensions import db
    from quizapp.models import Assignment, Question, User
    from quizapp.services.quizzes import start_attempt

    with app.app_context():
        ids = teacher_bench.build(db, models)
        teacher = db.session.get(User, ids["teacher"].id if hasattr(ids["teacher"], "id") else ids["teacher"])
        teacher.set_password(PASSWORD)
        learners = list(db.session.scalars(select(User).where(User.role == "learner").order_by(User.id)))
        for learner in learners[:LOAD_LEARNERS]:
            learner.set_password(PASSWORD)
            learner.session_token = f"load-{learner.id}"
        db.session.commit()
        template = db.session.scalars(select(Assignment).order_by(Assignment.id)).first()
        plan = []
        for n in range(LOAD_ASSIGNMENTS):
            questions = [
                Question(
                    article_id=template.article_id,
                    qtype="short_answer",
                    prompt=f"Load question {n}-{k}?",
                    answer="seven",
                    accepted=["7"],
                    choices=[],
                    evidence_start=0,
                    evidence_end=58,
                    status="approved",
                    position=100 + k,
                )
                for k in range(17)
            ]
            db.session.add_all(questions)
            db.session.flush()
            assignment = Assignment(
                classroom_id=template.classroom_id,
                article_id=template.article_id,
                title=f"Load quiz {n}",
                question_ids=[q.id for q in questions],
                mode="practice",
                attempts_allowed=0,
                shuffle=False,
            )
            db.session.add(assignment)
            db.session.commit()
            for learner in learners[:LOAD_LEARNERS]:
                attempt = start_attempt(assignment, learner.id)
                plan.append((learner.email, attempt.id, len(questions)))
        return {"teacher": teacher.email, "class_id": ids["class_id"], "plan": plan}


def wrk(url: str, script: Path | None = None) -> dict:
    """Run wrk against ``url``; return requests/s, p50 and p99 latency in ms, and error counts."""
    cmd = [
        "wrk",
        "-t",
        str(THREADS),
        "-c",
        str(CONNECTIONS),
        "-d",
        f"{SECONDS}s",
        "--latency",
        "--timeout",
        "10s",
    ]
    if script:
        cmd += ["-s", str(script)]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout

    def latency(label: str) -> float:
        value, unit = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": round(latency("50%"), 2),
        "p99_ms": round(latency("99%"), 2),
        "bad_responses": int(errors.group(1)) if errors else 0,
    }


def lua_requests(entries: list[tuple[str, str, str, str]]) -> Path:
    """A wrk script sending the (method, path, cookie header, body) requests; each thread takes its share."""
    lines = ["local reqs = {}"]
    for method, path, cookie, body in entries:
        form = ", ['Content-Type'] = 'application/x-www-form-urlencoded'" if body else ""
        headers = f"{{['Cookie'] = {json.dumps(cookie)}{form}}}"
        lines.append(
            f"reqs[#reqs + 1] = wrk.format({json.dumps(method)}, {json.dumps(path)}, {headers}, "
            f"{json.dumps(body) if body else 'nil'})"
        )
    lines.append(
        "local counter = 0\n"
        'function setup(thread) thread:set("id", counter); counter = counter + 1 end\n'
        f"function init(args) i = math.floor(id * #reqs / {THREADS}) end\n"
        "function request() i = i + 1; if i > #reqs then i = 1 end; return reqs[i] end\n"
    )
    path = Path(tempfile.mkstemp(suffix=".lua")[1])
    path.write_text("\n".join(lines))
    return path


def worker_rss_mb(server) -> float:
    sizes = []
    for pid in server.worker_pids():
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return round(max(sizes), 1)


def main() -> None:
    from tests.production.conftest import Gunicorn

    env = {"QUIZAPP_RATELIMIT": "0", "QUIZAPP_WORKERS": "4"}
    hello = Gunicorn(
        "sqlite://", workers=4, extra_env=env, wsgi="hello_app:app", chdir=ROOT / "bench", ready_path="/"
    )
    try:
        baseline = wrk(f"{hello.url}/")
    finally:
        hello.stop()

    url = pg_schema_url("qa_bench_load")
    app = migrated_app(url)
    started = time.monotonic()
    data = build_data(app)
    print(f"data set built in {time.monotonic() - started:.1f}s")
    server = Gunicorn(url, workers=4, extra_env=env)
    try:
        sessions = {}
        for email, _attempt, _n in data["plan"]:
            if email not in sessions:
                session, token = log_in(server.url, email, PASSWORD)
                sessions[email] = (f"session={session.cookies.get('session')}", token)
        teacher_session, _ = log_in(server.url, data["teacher"], PASSWORD)
        quiz = lua_requests(
            [
                ("GET", f"/learn/attempts/{a}/questions/{p}", sessions[e][0], "")
                for p in range(1, 18)
                for e, a, n in data["plan"]
                if p <= n
            ]
        )
        # question by question across all open attempts: concurrent requests come from different learners,
        # as in a class, rather than one learner sending many answers to one attempt at once
        answers = lua_requests(
            [
                (
                    "POST",
                    f"/learn/attempts/{a}/questions/{p}",
                    sessions[e][0],
                    f"csrf_token={sessions[e][1]}&submission_id=load{a}x{p}xxxxxxxx&answer=seven&shown_at=0",
                )
                for p in range(1, 18)
                for e, a, n in data["plan"]
                if p <= n
            ]
        )
        gradebook = lua_requests(
            [
                (
                    "GET",
                    f"/teach/classes/{data['class_id']}/gradebook",
                    f"session={teacher_session.cookies.get('session')}",
                    "",
                )
            ]
        )
        results = {
            "quiz_page": wrk(server.url, quiz),
            "answer_submission": wrk(server.url, answers),
            "teacher_gradebook": wrk(server.url, gradebook),
        }
        rss = worker_rss_mb(server)
    finally:
        server.stop()

    figures = {"connections": CONNECTIONS, "baseline_hello": baseline, "web_worker_rss_mb": rss}
    b = baseline
    print(f"baseline hello: {b['rps']:.0f} req/s, p50 {b['p50_ms']} ms, p99 {b['p99_ms']} ms")
    for name, r in results.items():
        r["ratio_to_baseline"] = round(r["rps"] / baseline["rps"], 3)
        figures[name] = r
        print(
            f"{name}: {r['rps']:.0f} req/s ({r['ratio_to_baseline']:.0%} of baseline), p50 {r['p50_ms']} ms, "
            f"p99 {r['p99_ms']} ms, bad responses {r['bad_responses']}"
        )
    print(f"largest web worker: {rss} MB resident")
    print(json.dumps(figures))


if __name__ == "__main__":
    os.environ.setdefault("QUIZAPP_ENV", "development")
    main()
