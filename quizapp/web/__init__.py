"""Blueprints: thin views that parse a request, call one service, render or return JSON."""

from __future__ import annotations


def register_web(app) -> None:
    """Attach every blueprint, the error pages, the security headers and the login loader."""
    from ..extensions import login_manager
    from ..services.accounts import load_user_from_session
    from . import auth, converters, errors, learner, main, quiz, security, teacher

    converters.register(app)  # before any blueprint adds its rules

    login_manager.user_loader(load_user_from_session)
    login_manager.unauthorized_handler(errors.unauthorized)
    app.register_blueprint(auth.bp)
    app.register_blueprint(main.bp)
    app.register_blueprint(quiz.bp)
    app.register_blueprint(learner.bp)
    app.register_blueprint(teacher.bp)
    app.register_blueprint(__import__(f"{__name__}.exchange", fromlist=["bp"]).bp)
    app.register_blueprint(__import__(f"{__name__}.api", fromlist=["bp"]).bp)
    app.register_blueprint(__import__(f"{__name__}.tokens", fromlist=["bp"]).bp)
    errors.register(app)
    security.register(app)
