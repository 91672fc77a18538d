"""The JSON API under /api/v1: bearer-token authentication, JSON problem details for every error.

It never reads the session cookie, which is why it can be exempt from CSRF: a browser cannot be
tricked into sending a bearer token.
"""

from __future__ import annotations

from flask import Blueprint, g, request

from ...extensions import csrf, limiter
from ...services.api_tokens import user_for_token
from ..errors import error_response

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
limiter.limit("300 per minute")(bp)
PUBLIC_ENDPOINTS = {"api.openapi"}


@bp.before_request
def authenticate():
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    scheme, _, token = (request.headers.get("Authorization") or "").partition(" ")
    user = user_for_token(token.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        response = error_response(401, "Send a valid API token: Authorization: Bearer <token>.")
        response.headers["WWW-Authenticate"] = 'Bearer realm="quizapp"'
        return response
    g.api_user = user
    return None


from . import routes  # noqa: E402,F401 - registers the views on bp
