"""Every print and export URL is for the owning teacher only (an admin too sees only their own)."""

import pytest

from tests.factories import PASSWORD, make_assignment, make_class, make_user
from tests.support import csrf_token
from tests.web.exchange.helpers import make_full_article

GET_PATHS = [
    "/teach/exchange/articles/{a}",
    "/teach/exchange/articles/{a}/pdf?kind=keys",
    "/teach/exchange/articles/{a}/worksheet",
    "/teach/exchange/articles/{a}/export/gift",
    "/teach/exchange/assignments/{s}",
    "/teach/exchange/assignments/{s}/export/json",
]


@pytest.fixture
def owned(app):
    owner = make_user("teacher")
    article = make_full_article(owner)
    assignment = make_assignment(make_class(owner), article)
    return owner, article, assignment


def _paths(article, assignment):
    return [p.format(a=article.id, s=assignment.id) for p in GET_PATHS]


def test_anonymous_users_are_sent_to_log_in(client, owned):
    _, article, assignment = owned
    for path in _paths(article, assignment) + ["/teach/exchange/"]:
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"], path


def test_learners_are_refused(client, auth, owned):
    _, article, assignment = owned
    learner = make_user("learner")
    auth.login(learner.email, PASSWORD)
    for path in _paths(article, assignment):
        assert client.get(path).status_code == 403, path


def test_another_teachers_objects_are_not_found(client, auth, owned):
    _, article, assignment = owned
    other = make_user("teacher")
    auth.login(other.email, PASSWORD)
    for path in _paths(article, assignment):
        assert client.get(path).status_code == 404, path
    token = csrf_token(client, "/teach/exchange/")
    response = client.post(
        f"/teach/exchange/articles/{article.id}/import",
        data={"csrf_token": token, "format": "csv", "file": (__import__("io").BytesIO(b"x"), "q.csv")},
    )
    assert response.status_code == 404
    assert len(article.questions) == 6


def test_owner_may_use_every_page_and_an_admin_only_their_own(client, auth, owned):
    """Admins follow the teacher pages' rule: another teacher's articles and assignments are not theirs."""
    owner, article, assignment = owned
    auth.login(owner.email, PASSWORD)
    for path in _paths(article, assignment):
        assert client.get(path).status_code == 200, (owner.role, path)
    auth.logout()
    admin = make_user("admin")
    auth.login(admin.email, PASSWORD)
    for path in _paths(article, assignment):
        assert client.get(path).status_code == 404, (admin.role, path)
    own = make_full_article(admin)
    own_assignment = make_assignment(make_class(admin), own)
    for path in _paths(own, own_assignment):
        assert client.get(path).status_code == 200, (admin.role, path)


def test_index_lists_only_the_teachers_own_articles(client, auth, owned):
    owner, article, _ = owned
    other = make_full_article(make_user("teacher"))
    auth.login(owner.email, PASSWORD)
    html = client.get("/teach/exchange/").get_data(as_text=True)
    assert article.title in html and other.title not in html


@pytest.mark.parametrize(
    "path",
    [
        "/teach/exchange/articles/999999",
        "/teach/exchange/articles/1/export/docx",
        "/teach/exchange/articles/1/pdf?kind=nope",
    ],
)
def test_unknown_ids_formats_and_kinds_are_404(client, auth, owned, path):
    owner, article, _ = owned
    auth.login(owner.email, PASSWORD)
    assert client.get(path.replace("/1/", f"/{article.id}/")).status_code == 404
