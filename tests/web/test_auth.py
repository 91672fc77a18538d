"""Sign-up, log-in, log-out and the error pages a visitor can reach."""

from __future__ import annotations

import pytest

from quizapp.models import User
from tests.factories import PASSWORD, make_user
from tests.support import csrf_token


def _signup(client, email="new@example.com", password="a long enough password", confirm=None, token=None):
    return client.post(
        "/signup",
        data={
            "name": "New Person",
            "email": email,
            "password": password,
            "confirm": confirm if confirm is not None else password,
            "csrf_token": token if token is not None else csrf_token(client, "/signup"),
        },
    )


def test_signup_creates_a_learner_and_logs_in(client, app):
    response = _signup(client)
    assert response.status_code == 302
    user = User.query.filter_by(email="new@example.com").one()
    assert user.role == "learner"
    assert user.password_hash.startswith("scrypt:")
    assert "a long enough password" not in user.password_hash
    home = client.get("/", follow_redirects=True).get_data(as_text=True)
    assert "Hello, New Person" in home


def test_signup_with_duplicate_email_says_so(client, app):
    make_user(email="taken@example.com")
    response = _signup(client, email="Taken@Example.com")
    assert response.status_code == 200
    assert "already exists" in response.get_data(as_text=True)
    assert User.query.filter(User.email.ilike("taken@example.com")).count() == 1


def test_signup_rejects_short_password_and_mismatch(client, app):
    short = _signup(client, password="short")
    assert "at least 12" in short.get_data(as_text=True).lower() or "12 characters" in short.get_data(
        as_text=True
    )
    mismatch = _signup(client, confirm="something else entirely")
    assert "The passwords differ." in mismatch.get_data(as_text=True)
    assert User.query.count() == 0


def test_login_and_logout(client, auth, app):
    user = make_user(email="ada@example.com", name="Ada")
    response = auth.login("ada@example.com", PASSWORD)
    assert response.status_code == 302
    assert "Hello, Ada" in client.get("/", follow_redirects=True).get_data(as_text=True)
    auth.logout()
    assert "Hello, Ada" not in client.get("/", follow_redirects=True).get_data(as_text=True)
    assert user.id


@pytest.mark.parametrize(
    "email,password", [("ada@example.com", "wrong password!"), ("nobody@example.com", PASSWORD)]
)
def test_wrong_credentials_give_one_message_without_a_hint(client, auth, app, email, password):
    make_user(email="ada@example.com")
    response = auth.login(email, password)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "That e-mail and password do not match an account." in body
    assert "unknown" not in body.lower() and "wrong password" not in body.lower()


def test_form_without_csrf_token_is_refused(client, app):
    make_user(email="ada@example.com")
    response = client.post("/login", data={"email": "ada@example.com", "password": PASSWORD})
    assert response.status_code == 400
    assert "Reload the page" in response.get_data(as_text=True)
    assert "Hello" not in client.get("/", follow_redirects=True).get_data(as_text=True)


def test_logout_requires_post_with_csrf(client, auth, app):
    make_user(email="ada@example.com", name="Ada")
    auth.login("ada@example.com", PASSWORD)
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400
    assert "Hello, Ada" in client.get("/", follow_redirects=True).get_data(as_text=True)


def test_next_redirect_only_to_local_paths(client, app):
    make_user(email="ada@example.com")
    token = csrf_token(client, "/login")
    for target in ["https://evil.example/", "//evil.example/x", "/\\evil.example"]:
        response = client.post(
            f"/login?next={target}",
            data={"email": "ada@example.com", "password": PASSWORD, "csrf_token": token},
        )
        assert response.status_code == 302
        assert "evil.example" not in response.headers["Location"]
        client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
        token = csrf_token(client, "/login")


def test_rotated_session_token_ends_old_sessions(client, auth, app):
    from quizapp.services.accounts import end_other_sessions

    user = make_user(email="ada@example.com", name="Ada")
    auth.login("ada@example.com", PASSWORD)
    assert "Hello, Ada" in client.get("/", follow_redirects=True).get_data(as_text=True)
    end_other_sessions(user)
    assert "Hello, Ada" not in client.get("/", follow_redirects=True).get_data(as_text=True)


def test_unknown_url_gets_the_404_page(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "We could not find that page." in body and "quizapp" in body


def test_json_clients_get_problem_details(client):
    response = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["status"] == 404


def test_server_error_page_hides_the_traceback(app, client):
    @app.route("/boom-for-test")
    def boom():
        raise RuntimeError("secret internals")

    app.testing = False  # let the error handler answer instead of re-raising
    response = client.get("/boom-for-test")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong" in body
    assert "secret internals" not in body and "Traceback" not in body


def test_security_headers_on_pages(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response.headers["Cache-Control"]


def test_hostile_name_is_escaped(client, app):
    token = csrf_token(client, "/signup")
    client.post(
        "/signup",
        data={
            "name": "<script>alert(1)</script>{{ 7*7 }}",
            "email": "x@example.com",
            "password": "a long enough password",
            "confirm": "a long enough password",
            "csrf_token": token,
        },
    )
    body = client.get("/", follow_redirects=True).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body and "{{ 7*7 }}" in body


def test_health_check(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


@pytest.mark.parametrize(
    "role,target", [("learner", "/learn/"), ("teacher", "/teach/"), ("admin", "/teach/")]
)
def test_home_sends_each_role_to_its_dashboard(client, auth, app, role, target):
    make_user(role, email="someone@example.com")
    auth.login("someone@example.com", PASSWORD)
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"] == target


def test_learners_cannot_open_teacher_pages(client, auth, app):
    make_user("learner", email="ada@example.com")
    auth.login("ada@example.com", PASSWORD)
    assert client.get("/teach/").status_code == 403


def test_pages_need_a_login(client, app):
    for path in ["/learn/", "/teach/"]:
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_403_page_says_what_happened_in_the_sites_style(client, auth, app):
    make_user("learner", email="ada@example.com", name="Ada")
    auth.login("ada@example.com", PASSWORD)
    response = client.get("/teach/")
    body = response.get_data(as_text=True)
    assert response.status_code == 403
    assert '<p class="error-code">403</p>' in body
    assert "<h1>You do not have access to this page.</h1>" in body
    assert "You are logged in as Ada (learner)." in body  # why, and who is asking
    assert 'href="/"' in body and "Go to the home page" in body
    assert 'class="site-header"' in body and "css/app.css" in body and "Log out" in body  # the site's layout
    assert "read-protected" not in body and "Traceback" not in body  # no server jargon
    problem = client.get("/teach/", headers={"Accept": "application/json"})
    assert problem.status_code == 403
    assert problem.get_json()["title"] == "You do not have access to this page."
