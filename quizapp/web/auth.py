"""Sign-up, log-in and log-out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user, logout_user

from ..extensions import limiter
from ..services.accounts import AccountError, authenticate, change_password, create_user, end_other_sessions
from .forms import ChangePasswordForm, LoginForm, SignupForm

bp = Blueprint("auth", __name__)


def _login_account() -> str:
    return (request.form.get("email") or "").strip().lower()[:254]


def _login_address_and_account_key() -> str:
    # Guessing one account from one address is held tight, so someone elsewhere who fails on purpose
    # cannot lock the owner out; a whole class behind one school address still logs in (per account).
    return f"login:{get_remote_address()}:{_login_account()}"


def _login_account_key() -> str:
    # Guessing one account from many addresses is held too, more loosely (costly to abuse for lock-out).
    return "login-any:" + _login_account()


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None (no open redirects)."""
    if not target or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute; 50 per hour", key_func=_login_address_and_account_key, methods=["POST"])
@limiter.limit("60 per minute; 300 per hour", key_func=_login_account_key, methods=["POST"])
@limiter.limit("120 per minute", methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is None:
            flash("That e-mail and password do not match an account.", "error")
        else:
            session.clear()  # a fresh session at log-in
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(request.args.get("next")) or url_for("main.index"))
    return render_template("auth/login.html", form=form)


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = SignupForm()
    if form.validate_on_submit():
        try:
            user = create_user(form.email.data, form.name.data, form.password.data, role="learner")
        except AccountError as exc:
            getattr(form, exc.field, form.email).errors.append(str(exc))
        else:
            session.clear()
            login_user(user)
            flash("Welcome! Your account is ready.", "success")
            return redirect(safe_next(request.args.get("next")) or url_for("main.index"))
    return render_template("auth/signup.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    end_other_sessions(current_user)  # a copy of this session's cookie replayed later is refused
    logout_user()
    session.clear()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            change_password(current_user, form.current.data, form.password.data)
        except AccountError as exc:
            getattr(form, exc.field, form.password).errors.append(str(exc))
        else:
            session.clear()
            login_user(current_user._get_current_object())  # this device stays in, with the new token
            flash("Your password is changed. Other devices have been logged out.", "success")
            return redirect(url_for("auth.account"))
    return render_template("auth/account.html", form=form)
