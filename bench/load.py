"""Requests per second and latency of quizapp's busiest pages, as ratios to a bare Flask app.

In one run: gunicorn (4 workers, gunicorn.conf.py) serving bench/hello_app.py, then quizapp on a
PostgreSQL schema holding bench/teacher_bench.py's data set (300 learners, 40 assignments, 200,000
responses) plus in-progress quizzes; wrk drives each at 16 connections. Figures: requests/s, p50 and
p99 latency, the ratio to the baseline's requests/s, and the largest web worker's memory. The last
line is JSON. Run it with bench/load.sh.

Every answer POST answers a question not answered before (32 learners x 24 open quizzes x 17
questions = 13,056, each wrk thread walking its own share once): a repeat would take the cheap
"already answered" path and flatter the figure, so the run counts the responses stored and fails
if any post was a repeat. Targets, checked and printed (exit status 1 if one is missed): quiz page
>= 50% and answer submission >= 25% of the baseline's requests/s, p99 < 100 ms for both at 16
connections, every web worker under 150 MB resident and without spaCy mapped (/proc/<pid>/maps).
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
LOAD_LEARNERS, LOAD_ASSIGNMENTS, LOAD_QUESTIONS = 32, 24, 17
TARGETS = {
    "quiz_page_ratio_min": 0.50,
    "answer_submission_ratio_min": 0.25,
    "p99_ms_max": 100.0,
    "web_worker_rss_mb_max": 150.0,
}
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
        teacher_bench.analyze(db)
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
                for k in range(LOAD_QUESTIONS)
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
    repeats = [int(n) for n in re.findall(r"^repeats (\d+)$", out, re.M)]
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "repeats": sum(repeats),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": round(latency("50%"), 2),
        "p99_ms": round(latency("99%"), 2),
        "bad_responses": int(errors.group(1)) if errors else 0,
    }


def lua_requests(entries: list[tuple[str, str, str, str]]) -> Path:
    """A wrk script sending the (method, path, cookie header, body) requests; each thread walks its own
    share of them (never another thread's) and counts how often it had to start its share again."""
    lines = ["local reqs = {}"]
    for method, path, cookie, body in entries:
        form = ", ['Content-Type'] = 'application/x-www-form-urlencoded'" if body else ""
        headers = f"{{['Cookie'] = {json.dumps(cookie)}{form}}}"
        lines.append(
            f"reqs[#reqs + 1] = wrk.format({json.dumps(method)}, {json.dumps(path)}, {headers}, "
            f"{json.dumps(body) if body else 'nil'})"
        )
    lines.append(
        "local counter, threads = 0, {}\n"
        "function setup(thread)\n"
        '  thread:set("id", counter); counter = counter + 1; threads[#threads + 1] = thread\n'
        "end\n"
        "function init(args)\n"
        f"  first = math.floor(id * #reqs / {THREADS}) + 1\n"
        f"  last = math.floor((id + 1) * #reqs / {THREADS})\n"
        "  i, repeats = first - 1, 0\n"
        "end\n"
        "function request()\n"
        "  i = i + 1\n"
        "  if i > last then i = first; repeats = repeats + 1 end\n"
        "  return reqs[i]\n"
        "end\n"
        "function done(summary, latency, requests)\n"
        '  for _, t in ipairs(threads) do io.write("repeats " .. t:get("repeats") .. "\\n") end\n'
        "end\n"
    )
    path = Path(tempfile.mkstemp(suffix=".lua")[1])
    path.write_text("\n".join(lines))
    return path


def worker_rss_mb(server) -> float:
    """The largest resident set of the web workers, in MB."""
    sizes = []
    for pid in server.worker_pids():
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return round(max(sizes), 1)


def workers_with_spacy(server) -> list[int]:
    """Web workers that have spaCy (or its thinc backend) mapped: question generation belongs in the
    job worker, never in the web processes."""
    found = []
    for pid in server.worker_pids():
        maps = Path(f"/proc/{pid}/maps").read_text()
        if re.search(r"/(spacy|thinc)/", maps):
            found.append(pid)
    return found


def stored_load_answers(app) -> int:
    """How many answers the load run stored (its submission ids start with "load")."""
    from sqlalchemy import func, select

    from quizapp.extensions import db
    from quizapp.models import Response

    with app.app_context():
        n = db.session.scalar(select(func.count(Response.id)).where(Response.submission_id.like("load%")))
        db.session.remove()
        return n


def check_targets(figures: dict) -> dict:
    """Each target with the measured value and whether it is met."""
    quiz, answer = figures["quiz_page"], figures["answer_submission"]
    checks = {
        "quiz_page_ratio >= 0.50": (
            quiz["ratio_to_baseline"],
            quiz["ratio_to_baseline"] >= TARGETS["quiz_page_ratio_min"],
        ),
        "answer_submission_ratio >= 0.25": (
            answer["ratio_to_baseline"],
            answer["ratio_to_baseline"] >= TARGETS["answer_submission_ratio_min"],
        ),
        "quiz_page_p99_ms < 100": (quiz["p99_ms"], quiz["p99_ms"] < TARGETS["p99_ms_max"]),
        "answer_submission_p99_ms < 100": (answer["p99_ms"], answer["p99_ms"] < TARGETS["p99_ms_max"]),
        "web_worker_rss_mb < 150": (
            figures["web_worker_rss_mb"],
            figures["web_worker_rss_mb"] < TARGETS["web_worker_rss_mb_max"],
        ),
        "web_workers_with_spacy == 0": (
            len(figures["web_workers_with_spacy"]),
            not figures["web_workers_with_spacy"],
        ),
        "answer_posts_all_new": (
            f"{answer['stored']} stored / {answer['requests']} sent, {answer['repeats']} wraps",
            answer["repeats"] == 0 and answer["stored"] >= answer["requests"],
        ),
        "no_bad_responses": (
            sum(figures[k]["bad_responses"] for k in ("quiz_page", "answer_submission", "teacher_gradebook")),
            all(
                figures[k]["bad_responses"] == 0
                for k in ("quiz_page", "answer_submission", "teacher_gradebook")
            ),
        ),
    }
    return {name: {"value": value, "pass": bool(ok)} for name, (value, ok) in checks.items()}


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
        for email, _attempt, _n in data["plan"]:  # one session per learner
            if email not in sessions:
                session, token = log_in(server.url, email, PASSWORD)
                sessions[email] = (f"session={session.cookies.get('session')}", token)
        teacher_session, _ = log_in(server.url, data["teacher"], PASSWORD)
        quiz = lua_requests(
            [
                ("GET", f"/learn/attempts/{a}/questions/{p}", sessions[e][0], "")
                for p in range(1, LOAD_QUESTIONS + 1)
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
                for p in range(1, LOAD_QUESTIONS + 1)
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
        results["answer_submission"]["stored"] = stored_load_answers(app)
        results["answer_submission"]["available"] = len(data["plan"]) * LOAD_QUESTIONS
        rss, spacy_pids = worker_rss_mb(server), workers_with_spacy(server)
    finally:
        server.stop()

    figures = {
        "connections": CONNECTIONS,
        "baseline_hello": baseline,
        "web_worker_rss_mb": rss,
        "web_workers_with_spacy": spacy_pids,
    }
    b = baseline
    print(f"baseline hello: {b['rps']:.0f} req/s, p50 {b['p50_ms']} ms, p99 {b['p99_ms']} ms")
    for name, r in results.items():
        r["ratio_to_baseline"] = round(r["rps"] / baseline["rps"], 3)
        figures[name] = r
        print(
            f"{name}: {r['rps']:.0f} req/s ({r['ratio_to_baseline']:.0%} of baseline), p50 {r['p50_ms']} ms, "
            f"p99 {r['p99_ms']} ms, bad responses {r['bad_responses']}"
        )
    a = figures["answer_submission"]
    print(
        f"answers: {a['requests']} posts, {a['stored']} stored, {a['available']} available, "
        f"{a['repeats']} wraps"
    )
    print(f"largest web worker: {rss} MB resident; workers with spaCy mapped: {spacy_pids or 'none'}")
    figures["targets"] = check_targets(figures)
    for name, check in figures["targets"].items():
        print(f"{'PASS' if check['pass'] else 'FAIL'}  {name}: {check['value']}")
    figures["all_targets_met"] = all(c["pass"] for c in figures["targets"].values())
    print(json.dumps(figures))
    if not figures["all_targets_met"]:
        sys.exit(1)


if __name__ == "__main__":
    os.environ.setdefault("QUIZAPP_ENV", "development")
    main()
