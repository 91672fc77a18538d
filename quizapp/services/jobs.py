"""Background jobs: queued to RQ when Redis is configured, run inline otherwise.

Question generation loads spaCy and takes seconds; with Redis the web workers only enqueue it and
stay small, while `flask worker` (which loads the model once, before forking per job) does the work.
"""

from __future__ import annotations

import importlib
import logging

from flask import current_app, has_app_context

QUEUE_NAME = "quizapp"
JOBS = {
    "generate_article": "quizapp.services.articles:run_generation",
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


def submit(name: str, *args) -> str | None:
    """Run job ``name`` now (no Redis) or queue it for `flask worker`; return the queued job's id."""
    if name not in JOBS:
        raise KeyError(f"unknown job {name!r}")
    q = queue()
    if q is None:
        _resolve(name)(*args)
        return None
    return q.enqueue(run_job, name, *args, job_timeout=900, result_ttl=3600, failure_ttl=86400).id


def run_job(name: str, *args):
    """Entry point RQ calls in the worker: run job ``name`` inside the application's context."""
    if has_app_context():
        return _run_with_fresh_connections(name, args)
    from .. import create_app

    with create_app().app_context():
        return _run_with_fresh_connections(name, args)


def _run_with_fresh_connections(name: str, args: tuple):
    from ..extensions import db

    db.engine.dispose(close=False)  # connections inherited across fork are the parent's: never reuse them
    try:
        return _resolve(name)(*args)
    finally:
        db.session.remove()
