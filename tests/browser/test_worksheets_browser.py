"""The browser's own print of a worksheet page looks like the PDF: print CSS, page numbers."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, make_user
from tests.web.exchange.helpers import make_full_article

pytestmark = pytest.mark.browser


@pytest.fixture
def teacher_article(live_app):
    with live_app.app_context():
        owner = make_user("teacher")
        article = make_full_article(owner, n=2)
        return owner.email, article.id


def _login(page, base, email):
    page.goto(f"{base}/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_worksheet_page_prints_from_the_browser(live_app, page, teacher_article):
    base = live_app.config["LIVE_URL"]
    email, article_id = teacher_article
    _login(page, base, email)

    page.goto(f"{base}/teach/exchange/articles/{article_id}")
    expect(page.get_by_role("heading", name="Print", exact=True)).to_be_visible()
    screenshot(page, "exchange-01-options")
    page.get_by_label("Include the article text").check()
    page.get_by_role("button", name="open version A as a page").click()
    page.wait_for_url("**/worksheet?**")
    expect(page.get_by_text("Version A").first).to_be_visible()
    expect(page.get_by_role("button", name="Print this page")).to_be_visible()
    screenshot(page, "exchange-02-worksheet-screen")

    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Print this page")).to_be_hidden()
    screenshot(page, "exchange-03-worksheet-print-media")

    pdf = page.pdf(prefer_css_page_size=True)
    path = screenshot.__globals__["SCREENSHOTS"] / "exchange-04-browser-print.pdf"
    path.write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    texts = [p.extract_text() for p in reader.pages]
    assert len(texts) >= 2
    assert "Who said the library would open in 2027? (0)" in "\n".join(texts)
    assert "Back to print and export" not in "\n".join(texts)
    for n, text in enumerate(texts, 1):
        assert f"Page {n} of {len(texts)}" in text  # the @page margin boxes print in Chromium too
    width_mm = float(reader.pages[0].mediabox.width) / 72 * 25.4
    assert abs(width_mm - 210) < 2  # A4 from the print stylesheet's @page rule


def test_paper_results_page_in_the_browser(live_app, page):
    from tests.factories import make_assignment, make_class

    base = live_app.config["LIVE_URL"]
    with live_app.app_context():
        teacher = make_user("teacher")
        learner = make_user("learner", name="Ada Learner")
        article = make_full_article(teacher, n=1)
        assignment_id = make_assignment(make_class(teacher, [learner]), article).id
        email = teacher.email
    _login(page, base, email)
    page.goto(f"{base}/teach/exchange/assignments/{assignment_id}")
    page.get_by_role("link", name="Enter results from paper worksheets").click()
    page.get_by_label("Version on the sheet").select_option("B")
    page.get_by_role("button", name="Show version").click()
    expect(page.get_by_role("heading", name="Version B")).to_be_visible()
    page.get_by_label("Learner").select_option(label="Ada Learner")
    page.locator("#answer-1").fill("Z")
    page.get_by_role("button", name="Record results").click()
    expect(page.get_by_text("Nothing was recorded: question 1: write one of A, B, C, D.")).to_be_visible()
    assert page.locator("#answer-1").input_value() == "Z"
    screenshot(page, "exchange-05-paper-results-error")
    page.locator("#answer-1").fill("a")
    page.get_by_role("button", name="Record results").click()
    expect(page.get_by_text("Recorded version B for Ada Learner")).to_be_visible()
    screenshot(page, "exchange-06-paper-results-recorded")


def test_a_queued_pdf_shows_pending_then_ready_in_the_browser(live_app, page, teacher_article):
    """With Redis the print buttons queue the PDF: the page says it is being prepared and refreshes
    itself; once a worker has rendered it, the same page offers the download."""
    import os
    import uuid

    from rq import SimpleWorker

    from quizapp.services import jobs
    from tests.support import skip_or_fail

    url = os.environ.get("QUIZAPP_TEST_REDIS_URL")
    if not url:
        skip_or_fail("the queued-PDF browser test needs QUIZAPP_TEST_REDIS_URL")
    live_app.config.update(REDIS_URL=url, JOBS_QUEUE=f"quizapp-test-{uuid.uuid4().hex[:8]}")
    base = live_app.config["LIVE_URL"]
    email, article_id = teacher_article
    _login(page, base, email)
    page.goto(f"{base}/teach/exchange/articles/{article_id}")
    page.get_by_role("button", name="Answer keys (PDF)").click()
    page.wait_for_url("**/teach/exchange/pdf/pdf-*")
    expect(page.get_by_text("Preparing your PDF")).to_be_visible()
    screenshot(page, "exchange-06-pdf-pending")
    with live_app.app_context():
        queue = jobs.queue()
        try:
            SimpleWorker([queue], connection=queue.connection).work(burst=True)
            page.wait_for_selector("text=Your PDF is ready.", timeout=10_000)  # the page refreshed itself
            screenshot(page, "exchange-07-pdf-ready")
            with page.expect_download() as download:
                page.get_by_role("link", name="Download the PDF").click()
            from pathlib import Path

            data = Path(download.value.path()).read_bytes()
            assert data.startswith(b"%PDF") and "keys" in download.value.suggested_filename
        finally:
            for registry in (queue.finished_job_registry, queue.failed_job_registry):
                for job_id in registry.get_job_ids():
                    job = queue.fetch_job(job_id)
                    if job is not None:
                        job.delete()
            queue.delete(delete_jobs=True)
