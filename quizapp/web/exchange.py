"""Print and exchange pages for an article or assignment: worksheets, keys, cards, exports, import."""

from __future__ import annotations

import io
import uuid

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from ..interop.items import FormatError
from ..services import exchange, pdf_jobs, worksheets
from .access import teacher_required

bp = Blueprint("exchange", __name__, url_prefix="/teach/exchange")
SOURCES = ("articles", "assignments")


def _question_set(source: str, object_id: int) -> exchange.QuestionSet:
    if source == "articles":
        qset = exchange.article_question_set(current_user, object_id)
    elif source == "assignments":
        qset = exchange.assignment_question_set(current_user, object_id)
    else:
        qset = None
    if qset is None:
        abort(404)
    return qset


@bp.route("/")
@teacher_required
def index():
    """The teacher's articles and assignments, each linking to its print and export page."""
    articles, assignments = exchange.teacher_sources(current_user)
    return render_template("print/exchange_index.html", articles=articles, assignments=assignments)


@bp.route("/<any(articles, assignments):source>/<int:object_id>")
@teacher_required
def page(source: str, object_id: int):
    """Print options, export links and (for articles) the import form."""
    qset = _question_set(source, object_id)
    return render_template(
        "print/exchange.html",
        qset=qset,
        source=source,
        object_id=object_id,
        options=worksheets.sheet_options(request.args),
        pdf_kinds=worksheets.PDF_KINDS,
        export_formats=exchange.EXPORT_FORMATS,
        import_formats=exchange.IMPORT_FORMATS,
    )


@bp.route("/<any(articles, assignments):source>/<int:object_id>/pdf")
@teacher_required
def pdf(source: str, object_id: int):
    """Download a worksheet, its answer keys or a flashcard sheet as PDF."""
    qset = _question_set(source, object_id)
    kind = request.args.get("kind", "worksheet")
    if kind not in worksheets.PDF_KINDS:
        abort(404)
    if not qset.items:
        flash("There are no approved questions to print yet.", "error")
        return redirect(url_for(".page", source=source, object_id=object_id))
    result = pdf_jobs.request_pdf(
        current_user, source, object_id, kind, worksheets.sheet_options(request.args)
    )
    if isinstance(result, str):  # queued: the page polls the job and offers the file when it is ready
        return redirect(url_for(".pdf_job", job_id=result), 303)
    return _download(result.data, result.filename, "application/pdf")


@bp.route("/pdf/<job_id>")
@teacher_required
def pdf_job(job_id: str):
    """A queued PDF: 'being prepared' (the page refreshes itself) until it is ready to download."""
    status = pdf_jobs.pdf_status(current_user, job_id)
    if status is None:
        abort(404)
    return render_template("print/pdf_job.html", status=status, kind_label=worksheets.PDF_KINDS[status.kind])


@bp.route("/pdf/<job_id>/file")
@teacher_required
def pdf_file(job_id: str):
    """Download a queued PDF once it is ready."""
    status = pdf_jobs.pdf_status(current_user, job_id)
    if status is None or status.file is None:
        abort(404)
    return _download(status.file.data, status.file.filename, "application/pdf")


@bp.route("/<any(articles, assignments):source>/<int:object_id>/worksheet")
@teacher_required
def worksheet(source: str, object_id: int):
    """One version of the worksheet as a page, for the browser's own print."""
    qset = _question_set(source, object_id)
    options = worksheets.sheet_options(request.args)
    back = url_for(".page", source=source, object_id=object_id)
    args = request.args.to_dict(flat=False)
    links = [
        (letter, url_for(".worksheet", source=source, object_id=object_id, **{**args, "version": letter}))
        for letter in worksheets.version_letters(options.versions)
    ]
    return worksheets.worksheet_page(
        qset,
        options,
        request.args.get("version", "A").upper(),
        stylesheet=url_for("static", filename="css/print.css"),
        script_src=url_for("static", filename="js/worksheet-print.js"),
        back_url=back,
        version_links=links,
    )


@bp.route("/<any(articles, assignments):source>/<int:object_id>/export/<fmt>")
@teacher_required
def export(source: str, object_id: int, fmt: str):
    """Download the questions in another tool's format."""
    qset = _question_set(source, object_id)
    if fmt not in exchange.EXPORT_FORMATS:
        abort(404)
    result = exchange.export_questions(qset, fmt)
    return _download(result.data, result.filename, result.mimetype)


@bp.route("/articles/<int:article_id>/import", methods=["POST"])
@teacher_required
def import_file(article_id: int):
    """Add the questions of an uploaded GIFT, Moodle XML, CSV or JSON file to the article's bank."""
    article = exchange.owned_article(current_user, article_id)
    if article is None:
        abort(404)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _import_failed(article_id, "Choose a file to import.")
    fmt = request.form.get("format") or exchange.guess_import_format(upload.filename) or ""
    try:
        created = exchange.import_questions(
            article, fmt, upload.read(), approve=bool(request.form.get("approve"))
        )
    except FormatError as exc:
        return _import_failed(article_id, f"Nothing was imported from {upload.filename}: {exc}")
    state = "approved" if request.form.get("approve") else "drafts to review"
    flash(f"Imported {len(created)} question{'s' if len(created) != 1 else ''} as {state}.", "success")
    return redirect(url_for(".page", source="articles", object_id=article_id))


def _import_failed(article_id: int, message: str):
    flash(message, "error")
    return redirect(url_for(".page", source="articles", object_id=article_id), 303)


def _download(data: bytes, filename: str, mimetype: str):
    response = send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=filename)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/assignments/<int:object_id>/paper", methods=["GET", "POST"])
@teacher_required
def paper(object_id: int):
    """Enter what a learner wrote on a printed version of the assignment; it is graded and kept."""
    qset = _question_set("assignments", object_id)
    form = request.form if request.method == "POST" else request.args
    letter = (form.get("version") or "A").upper()
    version = worksheets.paper_version(qset, letter)
    answers = {q.number: form.get(f"answer-{q.number}", "") for q in version.questions}
    status, error = 200, None
    if request.method == "POST":
        try:
            attempt = worksheets.record_paper_results(
                qset, _int(form.get("learner")), version.letter, answers, form.get("entry_id", "")
            )
        except worksheets.PaperEntryError as exc:
            status, error = 400, f"Nothing was recorded: {exc}."
        else:
            flash(
                f"Recorded version {version.letter} for {attempt.user.name}: "
                f"{attempt.correct_count} of {attempt.answered_count} answers right.",
                "success",
            )
            return redirect(url_for(".paper", object_id=object_id, version=version.letter), 303)
    page_html = render_template(
        "print/paper_entry.html",
        qset=qset,
        object_id=object_id,
        version=version,
        letters=worksheets.version_letters(8),
        learners=worksheets.paper_learners(qset),
        chosen=_int(form.get("learner")),
        answers=answers if status != 200 else {},
        entry_id=form.get("entry_id") if status != 200 else uuid.uuid4().hex,
        error=error,
    )
    return page_html, status


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
