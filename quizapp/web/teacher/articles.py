"""Articles: paste or upload one, watch its questions being generated, regenerate them."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ... import qg
from ...services import articles as service
from ..access import teacher_required
from ..errors import error_response
from . import bp
from ._common import found


def _size(n: int | None) -> str:
    n = n or 0
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{round(n / 1000)} KB"


@bp.errorhandler(413)
def too_large(_exc):
    return error_response(
        413,
        f"Uploads and pasted articles can be at most {_size(current_app.config.get('MAX_CONTENT_LENGTH'))}. "
        "Upload a smaller file, or paste only the article's text.",
    )


@bp.route("/articles", methods=["GET", "POST"])
@teacher_required
def articles():
    values = {"title": "", "text": ""}
    error = None
    if request.method == "POST":
        values = {"title": request.form.get("title", ""), "text": request.form.get("text", "")}
        upload = request.files.get("file")
        raw, source = values["text"], "pasted"
        try:
            if upload is not None and upload.filename:
                service.check_upload_name(upload.filename)
                raw, source = upload.read(), f"upload: {upload.filename}"[:500]
                if not raw:
                    raise service.UploadError("The uploaded file is empty.")
            elif not raw.strip():
                raise service.UploadError("Paste an article's text or choose a file to upload.")
            article = service.submit_article(
                current_user, raw, title=values["title"].strip() or None, source=source
            )
        except (service.UploadError, qg.ArticleError) as exc:
            error = str(exc)
        else:
            if article.status == "failed":
                flash(
                    f"The article was saved but no questions could be made: {article.status_message}", "error"
                )
            else:
                flash("Article saved. Review its questions below.", "success")
            return redirect(url_for("teacher.article", article_id=article.id))
    return render_template(
        "teacher/articles.html",
        articles=service.list_articles(current_user),
        values=values,
        error=error,
        limit=_size(current_app.config.get("MAX_CONTENT_LENGTH")),
    ), (422 if error else 200)


@bp.route("/articles/<int:article_id>/status")
@teacher_required
def article_status(article_id: int):
    article = found(service.owned_article(current_user, article_id))
    return {"status": article.status, "message": article.status_message, "questions": len(article.questions)}


@bp.route("/articles/<int:article_id>/regenerate", methods=["POST"])
@teacher_required
def regenerate(article_id: int):
    article = found(service.owned_article(current_user, article_id))
    before = len(article.questions)
    service.regenerate_article(article)
    if article.status == "pending":
        flash("Generating again… the page refreshes until the questions are ready.", "info")
    elif article.status == "failed":
        flash(f"Generating again failed: {article.status_message}", "error")
    else:
        added = len(article.questions) - before
        flash(f"Generated again: {added} new question(s); your edits and decisions were kept.", "success")
    return redirect(url_for("teacher.article", article_id=article_id))
