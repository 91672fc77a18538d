"""The WSGI entry point for gunicorn: ``gunicorn -c gunicorn.conf.py quizapp.wsgi:app``.

gunicorn is the production path, so this entry runs in production mode unless ``QUIZAPP_ENV`` says
otherwise: started without the environment set, it refuses the development secret key (and sends
Secure cookies) instead of serving on it. ``flask run`` and ``make run`` stay in development.
"""

import os

from . import create_app

os.environ.setdefault("QUIZAPP_ENV", "production")
app = create_app()
