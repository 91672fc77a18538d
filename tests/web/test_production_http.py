"""What production relies on at the HTTP level: headers on results pages, the health check's 503,
ProxyFix only when configured, the real Set-Cookie flags, and a fresh session at log-in."""

from __future__ import annotations

import pytest
from flask import request
from flask_migrate import upgrade

from quizapp import create_app
from quizapp.extensions import db
from quizapp.services import quizzes
from quizapp.services.api_tokens import create_token
from tests.conftest import BASE_TEST_CONFIG
from tests.factories import PASSWORD, make_article, make_assignment, make_class, make_user
from tests.support import AuthActions, csrf_from

SQLITE = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # HTTP-level: one backend is enough


def _private(response, where: str) -> None:
    assert response.status_code == 200, where
    assert "no-store" in response.headers["Cache-Control"], where
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, where
    assert "'unsafe-inline'" not in csp, where
    assert response.headers["X-Content-Type-Options"] == "nosniff", where


@SQLITE
def test_results_pages_are_never_cached_and_carry_the_csp(app, client, auth):
    teacher, learner = make_user("teacher"), make_user("learner")
    article = make_article(teacher, 2)
    classroom = make_class(teacher, [learner])
    assignment = make_assignment(classroom, article)
    attempt = quizzes.start_attempt(assignment, learner.id)
    for n, question in enumerate(quizzes.live_questions(attempt)):
        quizzes.answer(attempt, question.id, question.answer, f"headers-{n}", 3000)
    quizzes.finish(attempt)
    auth.login(learner.email, PASSWORD)
    _private(client.get(f"/learn/attempts/{attempt.id}/results"), "learner results")
    auth.logout()
    auth.login(teacher.email, PASSWORD)
    for path in (
        f"/teach/classes/{classroom.id}/gradebook",
        f"/teach/classes/{classroom.id}/gradebook.csv",
        f"/teach/assignments/{assignment.id}/learners/{learner.id}",
        f"/teach/assignments/{assignment.id}/stats",
    ):
        _private(client.get(path), path)
    _row, token = create_token(teacher, "headers")
    api = client.get(
        f"/api/v1/assignments/{assignment.id}/results", headers={"Authorization": f"Bearer {token}"}
    )
    _private(api, "API results")


def test_health_check_answers_503_when_the_database_is_unreachable(tmp_path):
    broken = create_app(
        {**BASE_TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/no/such/folder/app.db"}
    )
    broken.instance_path = str(tmp_path)
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "unreachable"}
    assert "no-store" in response.headers["Cache-Control"]


def _where_from(app):
    @app.get("/test-where")
    def where():
        return {"addr": request.remote_addr, "scheme": request.scheme, "host": request.host}

    return app.test_client()


FORWARDED = {
    "X-Forwarded-For": "203.0.113.9",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "quiz.school",
}


@SQLITE
@pytest.mark.parametrize("hops", [0, 1])
def test_forwarded_headers_are_trusted_only_behind_a_configured_proxy(database_uri, tmp_path, hops):
    app = create_app({**BASE_TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": database_uri, "PROXY_COUNT": hops})
    seen = _where_from(app).get("/test-where", headers=FORWARDED).get_json()
    if hops:
        assert seen == {"addr": "203.0.113.9", "scheme": "https", "host": "quiz.school"}
    else:  # a client could forge these: without a proxy they are ignored
        assert seen == {"addr": "127.0.0.1", "scheme": "http", "host": "localhost"}


@SQLITE
def test_one_proxy_trusts_only_the_last_hop(database_uri):
    app = create_app({**BASE_TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": database_uri, "PROXY_COUNT": 1})
    spoofed = {**FORWARDED, "X-Forwarded-For": "6.6.6.6, 203.0.113.9"}
    assert _where_from(app).get("/test-where", headers=spoofed).get_json()["addr"] == "203.0.113.9"


@SQLITE
def test_production_log_in_sets_secure_httponly_samesite_cookies(monkeypatch, tmp_path, database_uri):
    monkeypatch.setenv("QUIZAPP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "k" * 64)
    monkeypatch.setenv("DATABASE_URL", database_uri)
    monkeypatch.setenv("QUIZAPP_INSTANCE_PATH", str(tmp_path))
    for name in ("REDIS_URL", "QUIZAPP_SECURE_COOKIES", "QUIZAPP_RATELIMIT"):
        monkeypatch.delenv(name, raising=False)
    app = create_app()
    with app.app_context():
        upgrade()
        make_user(email="ada@example.com")
        client = app.test_client()
        # Secure cookies travel over HTTPS only, where CSRF protection also checks the Referer.
        https = {"base_url": "https://quiz.school", "headers": {"Referer": "https://quiz.school/login"}}
        page = client.get("/login", **https).get_data(as_text=True)
        response = client.post(
            "/login",
            data={
                "email": "ada@example.com",
                "password": PASSWORD,
                "remember": "y",
                "csrf_token": csrf_from(page),
            },
            **https,
        )
        assert response.status_code == 302
        cookies = {c.split("=", 1)[0]: c for c in response.headers.getlist("Set-Cookie")}
        assert {"session", "remember_token"} <= set(cookies)
        for name in ("session", "remember_token"):
            flags = [part.strip().lower() for part in cookies[name].split(";")]
            assert "secure" in flags and "httponly" in flags and "samesite=lax" in flags, cookies[name]
        db.session.remove()
        db.engine.dispose()


@SQLITE
def test_log_in_starts_a_new_session_without_what_was_planted_before(app):
    """Session fixation: data put in the session before log-in (by an attacker who set the victim's
    cookie, or by anything else) must not survive into the logged-in session."""
    make_user(email="ada@example.com")
    client = app.test_client()
    client.get("/login")
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
        session["_fresh"] = False
    AuthActions(client).login("ada@example.com", PASSWORD)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session.get("_user_id") and session["_fresh"] is True
