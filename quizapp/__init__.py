"""quizapp: grounded comprehension questions, quizzes, flashcards and worksheets from news articles.

Importing the package stays light (the pure libraries under it must not pull Flask in);
``create_app`` is the one place that wires the web application together.
"""

from __future__ import annotations

import os


def create_app(config: dict | None = None):
    """Build the Flask application; ``config`` overrides the settings read from the environment."""
    from flask import Flask

    from .config import REPO_ROOT, check_production_safety, load_config

    instance_path = os.environ.get("QUIZAPP_INSTANCE_PATH") or str(REPO_ROOT / "instance")
    app = Flask(
        __name__,
        instance_path=instance_path,
        template_folder=str(REPO_ROOT / "templates"),
        static_folder=str(REPO_ROOT / "static"),
    )
    app.config.update(load_config(app.instance_path))
    if config:
        app.config.update(config)
    check_production_safety(app.config)
    app.extensions["quizapp.created_in_pid"] = os.getpid()  # lets a forked job tell it inherited the pool
    os.makedirs(app.instance_path, exist_ok=True)
    if app.config["PROXY_COUNT"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops)

    _init_extensions(app)
    from .web import register_web

    register_web(app)
    from .cli import register_cli

    register_cli(app)
    return app


def _init_extensions(app) -> None:
    from . import models  # noqa: F401 - registers the tables with the metadata
    from .database import engine_options, install_sqlite_discipline
    from .extensions import csrf, db, limiter, login_manager, migrate

    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    options = engine_options(uri, app.config["SQLITE_BUSY_TIMEOUT_MS"])
    options.update(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    db.init_app(app)
    with app.app_context():
        install_sqlite_discipline(db.engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])
    migrate.init_app(app, db, directory=str(_migrations_dir()), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please log in to see that page."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"


def _migrations_dir():
    from .config import REPO_ROOT

    return REPO_ROOT / "migrations"
