"""gunicorn settings for running quizapp for a school (see README, "Running for a school").

Every value can be overridden from the environment; run with:
    QUIZAPP_ENV=production SECRET_KEY=... DATABASE_URL=postgresql://... REDIS_URL=redis://... \
        .venv/bin/gunicorn -c gunicorn.conf.py quizapp.wsgi:app
"""

import os

bind = os.environ.get("QUIZAPP_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("QUIZAPP_WORKERS", "4"))
threads = int(os.environ.get("QUIZAPP_THREADS", "2"))
worker_class = "gthread"
# Load the app once in the master: workers share its memory pages; spaCy is not loaded in web workers.
preload_app = True
timeout = int(os.environ.get("QUIZAPP_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = int(os.environ.get("QUIZAPP_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
accesslog = os.environ.get("QUIZAPP_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("QUIZAPP_LOG_LEVEL", "info")


def post_fork(server, worker):
    """Connections opened in the master must not be shared with forked workers: drop the pool."""
    import sys

    wsgi = sys.modules.get("quizapp.wsgi")  # preloaded in the master; absent for other apps
    if wsgi is None:
        return
    from quizapp.extensions import db

    with wsgi.app.app_context():
        db.engine.dispose(close=False)
