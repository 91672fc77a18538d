"""A teacher's API tokens: make one (shown once), list, revoke."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..services.api_tokens import TokenError, active_tokens, create_token, revoke_token
from .access import teacher_required

bp = Blueprint("tokens", __name__, url_prefix="/account/tokens")


@bp.route("/", methods=["GET", "POST"])
@teacher_required
def index():
    new_token = None
    if request.method == "POST":
        try:
            _row, new_token = create_token(current_user, request.form.get("name", ""))
        except TokenError as exc:
            flash(str(exc), "error")
    return render_template("auth/tokens.html", tokens=active_tokens(current_user), new_token=new_token)


@bp.post("/<int:token_id>/revoke")
@teacher_required
def revoke(token_id: int):
    if not revoke_token(current_user, token_id):
        abort(404)
    flash("The token is revoked; scripts using it can no longer call the API.", "info")
    return redirect(url_for("tokens.index"))
