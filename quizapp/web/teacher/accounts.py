"""Teacher accounts: sign-up with an invitation code, and the admin's users and invitations pages."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user

from ...extensions import db, limiter
from ...models import User
from ...services import invites as service
from ...services.accounts import AccountError, create_user
from ..access import admin_required
from . import bp
from ._common import found


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def signup():
    if current_user.is_authenticated:
        if current_user.is_teacher:
            return redirect(url_for("teacher.dashboard"))
        abort(403, "You are logged in as a learner. Log out first to create a separate teacher account.")
    error, values = None, {"name": "", "email": "", "code": ""}
    if request.method == "POST":
        values = {k: request.form.get(k, "") for k in values}
        password = request.form.get("password", "")
        if password != request.form.get("confirm", ""):
            error = "The passwords differ."
        else:
            try:
                user = service.signup_teacher(
                    values["email"],
                    values["name"],
                    password,
                    values["code"],
                    current_app.config.get("INVITE_CODE", ""),
                )
            except AccountError as exc:
                error = str(exc)
            else:
                session.clear()
                login_user(user)
                flash("Welcome! Your teacher account is ready.", "success")
                return redirect(url_for("teacher.dashboard"))
    return render_template("teacher/signup.html", values=values, error=error), (422 if error else 200)


@bp.route("/admin/users", methods=["GET", "POST"])
@admin_required
def admin_users():
    error, values = None, {"name": "", "email": "", "role": "teacher"}
    if request.method == "POST":
        values = {k: request.form.get(k, "") for k in values}
        try:
            user = create_user(
                values["email"], values["name"], request.form.get("password", ""), values["role"]
            )
        except AccountError as exc:
            error = str(exc)
        else:
            flash(f"Created {user.role} {user.email}.", "success")
            return redirect(url_for("teacher.admin_users"))
    return render_template(
        "teacher/admin_users.html", users=service.list_users(), error=error, values=values
    ), (422 if error else 200)


@bp.route("/admin/users/<int:user_id>/role", methods=["POST"])
@admin_required
def admin_set_role(user_id: int):
    user = found(db.session.get(User, user_id))
    try:
        service.set_role(current_user, user, request.form.get("role", ""))
    except AccountError as exc:
        flash(str(exc), "error")
    else:
        flash(f"{user.email} is now a {user.role}.", "success")
    return redirect(url_for("teacher.admin_users"))


@bp.route("/admin/invites", methods=["GET", "POST"])
@admin_required
def admin_invites():
    if request.method == "POST":
        invite = service.create_invite(current_user, request.form.get("note", ""))
        flash(f"New invitation code: {invite.code}", "success")
        return redirect(url_for("teacher.admin_invites"))
    return render_template("teacher/admin_invites.html", invites=service.list_invites())
