"""Background jobs: queued to RQ when Redis is configured, run inline otherwise.

Question generation loads spaCy and takes seconds, a worksheet PDF a second or more; with Redis the
web workers only enqueue them and stay small and free, while `flask worker` (which loads the model
once, before forking per job) does the work.
"""

from __future__ import annotations

import importlib
import logging
import os

from flask import current_app, has_app_context

QUEUE_NAME = "quizapp"
JOBS = {
    "generate_article": "quizapp.services.articles:run_generation",
    "render_pdf": "quizapp.services.pdf_jobs:render_for_job",
}
log = logging.getLogger(__name__)


def _resolve(name: str):
    module, _, attr = JOBS[name].partition(":")
    return getattr(importlib.import_module(module), attr)


def queue():
    """The RQ queue on the configured Redis, or None when jobs run inline."""
    url = current_app.config.get("REDIS_URL")
    if not url or current_app.config.get("JOBS_INLINE"):
        return None
    from redis import Redis
    from rq import Queue

    return Queue(current_app.config.get("JOBS_QUEUE", QUEUE_NAME), connection=Redis.from_url(url))


def submit(name: str, *args, job_id: str | None = None, meta: dict | None = None) -> str | None:
    """Run job ``name`` now (no Redis) or queue it for `flask worker`; return the queued job's id.

    With ``job_id``, a job of that id still queued, running or finished is reused, not queued again
    (the same request twice costs one job); ``meta`` is stored with the job (who may read it).
    """
    if name not in JOBS:
        raise KeyError(f"unknown job {name!r}")
    q = queue()
    if q is None:
        _resolve(name)(*args)
        return None
    if job_id is not None:
        existing = find(job_id)
        if existing is not None and existing.get_status(refresh=False) not in (
            "failed",
            "stopped",
            "canceled",
        ):
            return existing.id
    job = q.enqueue(
        run_job,
        name,
        *args,
        job_id=job_id,
        meta=meta or {},
        job_timeout=900,
        result_ttl=3600,
        failure_ttl=86400,
    )
    return job.id


def find(job_id: str):
    """The queued job of that id, or None (no Redis, unknown or expired id)."""
    q = queue()
    if q is None:
        return None
    from rq.exceptions import NoSuchJobError
    from rq.job import Job

    try:
        return Job.fetch(job_id, connection=q.connection)
    except NoSuchJobError:
        return None


def run_job(name: str, *args):
    """Entry point RQ calls in the worker: run job ``name`` inside the application's context."""
    if has_app_context():
        return _run_with_fresh_connections(name, args)
    from .. import create_app

    with create_app().app_context():
        return _run_with_fresh_connections(name, args)


def _run_with_fresh_connections(name: str, args: tuple):
    from ..extensions import db

    # Connections inherited across a fork (RQ's work horse) are the parent's: drop them unclosed, never
    # reuse them. In the process that opened them (a SimpleWorker, a test) they are closed properly.
    forked = current_app.extensions.get("quizapp.created_in_pid", os.getpid()) != os.getpid()
    db.engine.dispose(close=not forked)
    try:
        return _resolve(name)(*args)
    finally:
        db.session.remove()
