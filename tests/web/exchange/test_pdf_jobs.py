"""PDFs are rendered by an RQ worker when Redis is configured (the page shows pending, then ready),
and inline without it."""

from __future__ import annotations

import os
import uuid

import pytest

from quizapp.services import jobs
from tests.factories import PASSWORD, make_assignment, make_class, make_user
from tests.support import skip_or_fail
from tests.web.exchange.helpers import make_full_article


@pytest.fixture
def redis_queue(app):
    url = os.environ.get("QUIZAPP_TEST_REDIS_URL")
    if not url:
        skip_or_fail("Redis job tests need QUIZAPP_TEST_REDIS_URL")
    app.config.update(REDIS_URL=url, JOBS_QUEUE=f"quizapp-test-{uuid.uuid4().hex[:8]}")
    queue = jobs.queue()
    yield queue
    from rq.job import Job

    for registry in (queue.finished_job_registry, queue.failed_job_registry, queue.started_job_registry):
        for job in Job.fetch_many(registry.get_job_ids(), connection=queue.connection):
            if job is not None:
                job.delete()
    queue.delete(delete_jobs=True)


def _work(app, queue):
    from rq import SimpleWorker

    from quizapp.extensions import db

    db.session.commit()  # release SQLite's lock for the worker
    SimpleWorker([queue], connection=queue.connection).work(burst=True)


@pytest.fixture
def teacher_article(app, client, auth):
    teacher = make_user("teacher")
    article = make_full_article(teacher)
    auth.login(teacher.email, PASSWORD)
    return teacher, article


def test_without_redis_the_pdf_comes_at_once(client, teacher_article):
    _, article = teacher_article
    response = client.get(f"/teach/exchange/articles/{article.id}/pdf?kind=keys")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")


def test_with_redis_the_page_shows_pending_then_ready(app, client, teacher_article, redis_queue):
    _, article = teacher_article
    response = client.get(f"/teach/exchange/articles/{article.id}/pdf?kind=worksheet&versions=2")
    assert response.status_code == 303
    job_page = response.headers["Location"]
    assert job_page.startswith("/teach/exchange/pdf/pdf-")
    job_id = job_page.rsplit("/", 1)[1]
    assert len(redis_queue) == 1 and redis_queue.job_ids == [job_id]
    pending = client.get(job_page)
    html = pending.get_data(as_text=True)
    assert pending.status_code == 200 and "Preparing your PDF" in html
    assert '<meta http-equiv="refresh" content="2">' in html and "Download the PDF" not in html
    assert client.get(f"{job_page}/file").status_code == 404  # nothing to download yet
    again = client.get(f"/teach/exchange/articles/{article.id}/pdf?kind=worksheet&versions=2")
    assert again.headers["Location"] == job_page and len(redis_queue) == 1  # the same request: one job

    _work(app, redis_queue)
    ready = client.get(job_page).get_data(as_text=True)
    assert "Your PDF is ready." in ready and 'http-equiv="refresh"' not in ready
    assert f'href="{job_page}/file"' in ready
    pdf = client.get(f"{job_page}/file")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert (
        "attachment" in pdf.headers["Content-Disposition"]
        and "worksheet.pdf" in pdf.headers["Content-Disposition"]
    )
    assert "no-store" in pdf.headers["Cache-Control"]
    import io

    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Version A" in text and "Version B" in text


def test_a_queued_pdf_is_only_its_teachers(app, client, auth, teacher_article, redis_queue):
    teacher, article = teacher_article
    assignment = make_assignment(make_class(teacher), article)
    job_page = client.get(f"/teach/exchange/assignments/{assignment.id}/pdf?kind=keys").headers["Location"]
    _work(app, redis_queue)
    assert client.get(f"{job_page}/file").status_code == 200
    auth.logout()
    for role in ("teacher", "admin"):
        other = make_user(role)
        auth.login(other.email, PASSWORD)
        assert client.get(job_page).status_code == 404, role
        assert client.get(f"{job_page}/file").status_code == 404, role
        auth.logout()
    learner = make_user("learner")
    auth.login(learner.email, PASSWORD)
    assert client.get(f"{job_page}/file").status_code == 403
    assert client.get("/teach/exchange/pdf/pdf-0000/file").status_code == 403


def test_a_failed_render_says_so(app, client, teacher_article, redis_queue, monkeypatch):
    _, article = teacher_article
    job_page = client.get(f"/teach/exchange/articles/{article.id}/pdf?kind=flashcards").headers["Location"]
    from quizapp.services import worksheets

    def broken(*_args):
        raise RuntimeError("the printer is on fire")

    monkeypatch.setattr(worksheets, "render_pdf", broken)
    _work(app, redis_queue)
    html = client.get(job_page).get_data(as_text=True)
    assert "could not be made" in html and 'http-equiv="refresh"' not in html and "on fire" not in html


def test_question_generation_goes_through_the_worker_too(app, client, auth, redis_queue, monkeypatch):
    """The article page stays 'Generating questions' until an RQ worker has run generate_article."""
    import quizapp.qg as qg
    from quizapp.models import Article
    from tests.web.teacher.engine import ARTICLE, fake_result
    from tests.web.teacher.helpers import login_as, post

    monkeypatch.setattr(qg, "generate_questions", lambda text, **_kw: fake_result(text))
    login_as(client, auth)
    page = post(client, "/teach/articles", {"title": "", "text": ARTICLE}).headers["Location"]
    assert Article.query.one().status == "pending" and len(redis_queue) == 1
    assert "Generating questions" in client.get(page).get_data(as_text=True)
    _work(app, redis_queue)
    from quizapp.extensions import db

    db.session.expire_all()
    article = Article.query.one()
    assert article.status == "ready" and [q.status for q in article.questions] == ["draft"] * 3
    assert "Generating questions" not in client.get(page).get_data(as_text=True)
