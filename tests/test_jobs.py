"""Background jobs run inline without Redis and through an RQ worker with it."""

from __future__ import annotations

import os
import uuid

import pytest

from quizapp.extensions import db
from quizapp.models import Article
from quizapp.services import jobs
from tests.factories import make_article, make_user
from tests.support import skip_or_fail


def retitle(article_id: int, title: str) -> str:
    """A test job: change an article's title and commit."""
    article = db.session.get(Article, article_id)
    article.title = title
    db.session.commit()
    return title


@pytest.fixture
def test_job(monkeypatch):
    monkeypatch.setitem(jobs.JOBS, "retitle", "tests.test_jobs:retitle")


@pytest.fixture
def redis_jobs(app):
    url = os.environ.get("QUIZAPP_TEST_REDIS_URL")
    if not url:
        skip_or_fail("Redis job tests need QUIZAPP_TEST_REDIS_URL")
    app.config.update(REDIS_URL=url, JOBS_QUEUE=f"quizapp-test-{uuid.uuid4().hex[:8]}")
    yield jobs.queue()
    jobs.queue().delete(delete_jobs=True)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_without_redis_jobs_run_at_once(app, test_job):
    article = make_article(make_user("teacher"))
    assert jobs.submit("retitle", article.id, "Done inline") is None
    db.session.expire_all()
    assert db.session.get(Article, article.id).title == "Done inline"


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_with_redis_jobs_wait_for_the_worker(app, test_job, redis_jobs):
    from rq import SimpleWorker

    article_id = make_article(make_user("teacher")).id
    job_id = jobs.submit("retitle", article_id, "Done by the worker")
    assert job_id
    db.session.expire_all()
    assert db.session.get(Article, article_id).title != "Done by the worker"
    db.session.commit()  # release SQLite's lock for the worker
    SimpleWorker([redis_jobs], connection=redis_jobs.connection).work(burst=True)
    assert db.session.get(Article, article_id).title == "Done by the worker"
    assert redis_jobs.fetch_job(job_id).get_status() == "finished"


def test_unknown_jobs_are_refused(app):
    with pytest.raises(KeyError):
        jobs.submit("no-such-job")
