"""Print & export and the API tokens page are reached from the teacher's pages, not only by URL."""

from __future__ import annotations

import re

from tests.factories import make_article, make_assignment, make_class, make_user
from tests.web.teacher.helpers import login_as


def _links(html: str) -> dict[str, set[str]]:
    """Link text (tags stripped) -> the hrefs of the page's <a> elements showing it."""
    found: dict[str, set[str]] = {}
    for href, text in re.findall(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', html, re.S):
        found.setdefault(" ".join(re.sub(r"<[^>]+>", "", text).split()).replace("&amp;", "&"), set()).add(
            href
        )
    return found


def test_print_export_paper_results_and_tokens_are_linked(app, client, auth):
    teacher = login_as(client, auth)
    article = make_article(teacher, 2)
    classroom = make_class(teacher, [make_user()])
    assignment = make_assignment(classroom, article)
    nav = _links(client.get("/teach/").get_data(as_text=True))
    assert nav["Print & export"] == {"/teach/exchange/"}
    on_article = _links(client.get(f"/teach/articles/{article.id}").get_data(as_text=True))
    assert on_article["Print & export"] == {"/teach/exchange/", f"/teach/exchange/articles/{article.id}"}
    class_page = client.get(f"/teach/classes/{classroom.id}").get_data(as_text=True)
    assert f'href="/teach/exchange/assignments/{assignment.id}"' in class_page
    assert f'href="/teach/exchange/assignments/{assignment.id}/paper"' in class_page
    account = _links(client.get("/account").get_data(as_text=True))
    assert account["Manage your API tokens"] == {"/account/tokens/"}
    on_class = [
        f"/teach/exchange/assignments/{assignment.id}",
        f"/teach/exchange/assignments/{assignment.id}/paper",
    ]
    for href in [*on_article["Print & export"], *account["Manage your API tokens"], *on_class]:
        assert client.get(href).status_code == 200, href


def test_learners_see_neither_link(app, client, auth):
    login_as(client, auth, "learner")
    html = client.get("/account").get_data(as_text=True) + client.get("/learn/").get_data(as_text=True)
    assert "/account/tokens/" not in html and "/teach/exchange/" not in html
