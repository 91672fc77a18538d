"""Error pages (403, 404, 500, ...) in the site's style, and JSON errors for API calls."""

from __future__ import annotations

from flask import jsonify, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

MESSAGES = {
    400: "The request could not be understood.",
    401: "Please log in first.",
    403: "You do not have access to this page.",
    404: "We could not find that page.",
    405: "That action is not allowed here.",
    413: "That upload is too large.",
    429: "Too many attempts. Please wait a moment and try again.",
    500: "Something went wrong on our side. Nothing you entered was lost; please try again.",
}


def wants_json() -> bool:
    """Whether the client asked for JSON (API paths, fetch calls) rather than a page."""
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return (
        best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def error_response(status: int, detail: str | None = None):
    """A JSON problem or an HTML error page for ``status``."""
    title = MESSAGES.get(status, "Error")
    if wants_json():
        body = {"type": "about:blank", "title": title, "status": status, "detail": detail or title}
        resp = jsonify(body)
        resp.status_code = status
        resp.mimetype = "application/problem+json"
        return resp
    return render_template("errors/error.html", status=status, title=title, detail=detail), status


def unauthorized():
    """Flask-Login's hook: pages go to the log-in form, JSON callers get 401."""
    if wants_json():
        return error_response(401)
    return redirect(url_for("auth.login", next=request.full_path if request.query_string else request.path))


def register(app) -> None:
    """Install the handlers on ``app``."""

    @app.errorhandler(CSRFError)
    def _csrf(exc):
        return error_response(
            400, "The form expired or was sent from elsewhere. Reload the page and try again."
        )

    @app.errorhandler(HTTPException)
    def _http(exc):
        # Werkzeug's stock descriptions ("read-protected or not readable by the server") are not for
        # people: only a description a view gave is shown.
        own = exc.description if exc.description != type(exc).description else None
        return error_response(exc.code or 500, own if exc.code not in (404, 500) else None)

    @app.errorhandler(Exception)
    def _unexpected(exc):
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        return error_response(500)
