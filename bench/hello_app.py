"""The baseline for bench/load.py: a bare Flask app, served by gunicorn with quizapp's settings."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "hello"
