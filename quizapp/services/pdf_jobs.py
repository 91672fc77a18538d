"""Worksheet, answer-key and flashcard PDFs rendered in the background when Redis is configured.

Rendering takes a second or more (WeasyPrint), which would hold a web worker's thread; with Redis the
request only queues a ``render_pdf`` job and the page polls it, as question generation does. Without
Redis the PDF is rendered inline and sent at once. The job's id is an HMAC of who asked for what
(the questions included), so asking again reuses the job, and ids cannot be guessed; the job also
records its teacher, and only that teacher can see or download it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
from dataclasses import dataclass

from flask import current_app

from ..extensions import db
from ..models import User
from ..printing.render import SheetOptions
from . import exchange, jobs, worksheets


@dataclass
class PdfStatus:
    """Where a queued PDF stands: queued, started, finished or failed (the file once finished)."""

    job_id: str
    state: str
    title: str
    kind: str
    source: str
    object_id: int
    file: worksheets.PdfFile | None = None


def _question_set(user: User, source: str, object_id: int) -> exchange.QuestionSet | None:
    if source == "articles":
        return exchange.article_question_set(user, object_id)
    if source == "assignments":
        return exchange.assignment_question_set(user, object_id)
    return None


def _job_id(user: User, source: str, object_id: int, kind: str, options: SheetOptions, qset) -> str:
    queue_name = current_app.config.get("JOBS_QUEUE", jobs.QUEUE_NAME)  # one Redis may serve several sites
    what = json.dumps(
        [
            queue_name,
            user.id,
            source,
            object_id,
            kind,
            dataclasses.asdict(options),
            [dataclasses.asdict(i) for i in qset.items],
        ],
        sort_keys=True,
        default=str,
    )
    key = str(current_app.config["SECRET_KEY"]).encode()
    return "pdf-" + hmac.new(key, what.encode(), hashlib.sha256).hexdigest()[:40]


def request_pdf(
    user: User, source: str, object_id: int, kind: str, options: SheetOptions
) -> worksheets.PdfFile | str:
    """The PDF itself (no Redis: rendered now), or the id of the job rendering it (Redis)."""
    qset = _question_set(user, source, object_id)
    if qset is None:
        raise LookupError("not this teacher's questions")
    if jobs.queue() is None:
        return worksheets.render_pdf(qset, kind, options)
    meta = {"user_id": user.id, "title": qset.title, "kind": kind, "source": source, "object_id": object_id}
    job_id = _job_id(user, source, object_id, kind, options, qset)
    return jobs.submit(
        "render_pdf", user.id, source, object_id, kind, dataclasses.asdict(options), job_id=job_id, meta=meta
    )


def render_for_job(user_id: int, source: str, object_id: int, kind: str, options: dict) -> dict:
    """The ``render_pdf`` job: render in the worker, with the teacher's access checked again there."""
    user = db.session.get(User, user_id)
    qset = _question_set(user, source, object_id) if user is not None and user.is_teacher else None
    if qset is None:
        raise LookupError("the questions are gone or no longer this teacher's")
    pdf = worksheets.render_pdf(qset, kind, SheetOptions(**options))
    return {"filename": pdf.filename, "data": pdf.data}


def pdf_status(user: User, job_id: str) -> PdfStatus | None:
    """The state of ``user``'s PDF job (with the file once it is finished); None if not theirs."""
    job = jobs.find(job_id) if job_id.startswith("pdf-") else None
    if job is None or job.meta.get("user_id") != user.id:
        return None
    meta = job.meta
    state = job.get_status()
    status = PdfStatus(
        job_id,
        str(getattr(state, "value", state)),
        meta["title"],
        meta["kind"],
        meta["source"],
        meta["object_id"],
    )
    if status.state == "finished":
        result = job.return_value()
        status.file = worksheets.PdfFile(result["filename"], result["data"])
    return status
