"""Articles: paste or upload, clear messages for bad input, progress, and regeneration that keeps edits."""

from __future__ import annotations

import io

from quizapp.extensions import db
from quizapp.models import Article, Question
from tests.web.teacher.engine import ARTICLE
from tests.web.teacher.helpers import login_as, post


def _upload(client, name: str, data: bytes, title: str = ""):
    return post(
        client,
        "/teach/articles",
        {"title": title, "text": "", "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def test_pasted_article_gets_draft_questions_with_evidence_highlighted(app, client, auth, fake_engine):
    teacher = login_as(client, auth)
    response = post(client, "/teach/articles", {"title": "", "text": ARTICLE})
    assert response.status_code == 302
    article = Article.query.one()
    assert article.owner_id == teacher.id and article.status == "ready"
    assert article.title == "Library vote splits the council"
    assert [q.status for q in article.questions] == ["draft"] * 3
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert '<mark class="evidence">The city council voted 7 to 2' in page
    assert "Q0: how many council members" in page and "Generating questions" not in page


def test_same_text_twice_opens_the_same_article(app, client, auth, fake_engine):
    login_as(client, auth)
    first = post(client, "/teach/articles", {"text": ARTICLE}).headers["Location"]
    second = post(client, "/teach/articles", {"text": ARTICLE}).headers["Location"]
    assert first == second and Article.query.count() == 1 and fake_engine.calls == 1


def test_uploads_of_txt_md_and_html(app, client, auth, fake_engine):
    login_as(client, auth)
    assert _upload(client, "vote.txt", ARTICLE.encode()).status_code == 302
    md = "# Markdown library vote\n\n" + ARTICLE.split("\n\n", 1)[1].replace("Mayor", "**Mayor**")
    md += "\n\n- A [council report](https://example.org) is due next month."
    assert _upload(client, "vote.md", md.encode()).status_code == 302
    html = (
        "<html><head><title>HTML library vote</title><script>alert(1)</script></head><body><article>"
        + "".join(f"<p>{p} Extra {i}.</p>" for i, p in enumerate(ARTICLE.split("\n\n")[1:]))
        + "</article></body></html>"
    )
    assert _upload(client, "vote.HTML", html.encode()).status_code == 302
    articles = Article.query.order_by(Article.id).all()
    assert len(articles) == 3
    assert "**" not in articles[1].text and "alert(1)" not in articles[2].text


def test_bad_files_get_a_clear_message_and_keep_the_form(app, client, auth, fake_engine):
    login_as(client, auth)
    cases = {
        "slides.pdf": (b"%PDF-1.7 ...", "Upload a .txt, .md or .html file"),
        "empty.txt": (b"", "The uploaded file is empty."),
        "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary"),
        "latin1.txt": (("Café société " * 40).encode("latin-1"), "not valid UTF-8"),
        "short.txt": (b"Too short to ask anything about.", "too short"),
    }
    for name, (data, message) in cases.items():
        response = _upload(client, name, data, title="My kept title")
        body = response.get_data(as_text=True)
        assert response.status_code == 422, name
        assert message in body, (name, body[:500])
        assert 'value="My kept title"' in body
    assert Article.query.count() == 0 and fake_engine.calls == 0


def test_empty_paste_says_what_to_do(app, client, auth, fake_engine):
    login_as(client, auth)
    response = post(client, "/teach/articles", {"text": "   "})
    assert response.status_code == 422
    assert "Paste an article" in response.get_data(as_text=True)


def test_too_large_upload_gets_a_413_page_that_says_so(app, client, auth, fake_engine):
    login_as(client, auth)
    app.config["MAX_CONTENT_LENGTH"] = 20_000
    response = _upload(client, "huge.txt", b"word " * 10_000)
    body = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "at most 20 KB" in body and "Upload a smaller file" in body
    assert Article.query.count() == 0


def test_hostile_article_text_is_escaped(app, client, auth, fake_engine):
    login_as(client, auth)
    hostile = ARTICLE.replace("Mayor Ana Ruiz", "Mayor <img src=x onerror=alert(1)> {{ 7*7 }} Ruiz")
    location = post(client, "/teach/articles", {"text": hostile}).headers["Location"]
    body = client.get(location).get_data(as_text=True)
    assert "<img src=x" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body and "{{ 7*7 }}" in body


def test_pending_article_page_refreshes_and_reports_status(app, client, auth, fake_engine):
    teacher = login_as(client, auth)
    article = Article(owner_id=teacher.id, title="Waiting", text=ARTICLE, sha256="x" * 64, status="pending")
    db.session.add(article)
    db.session.commit()
    page = client.get(f"/teach/articles/{article.id}").get_data(as_text=True)
    assert '<meta http-equiv="refresh" content="3">' in page and "Generating questions" in page
    assert client.get(f"/teach/articles/{article.id}/status").get_json()["status"] == "pending"


def test_engine_crash_marks_the_article_failed_and_keeps_it(app, client, auth, fake_engine):
    login_as(client, auth)
    fake_engine.crash = True
    location = post(client, "/teach/articles", {"text": ARTICLE}).headers["Location"]
    article = Article.query.one()
    assert article.status == "failed" and "Regenerate" in article.status_message
    assert "No questions could be made" in client.get(location).get_data(as_text=True)
    fake_engine.crash = False
    post(client, f"/teach/articles/{article.id}/regenerate")
    db.session.expire_all()
    assert db.session.get(Article, article.id).status == "ready" and len(article.questions) == 3


def test_regenerate_keeps_edits_and_decisions_without_duplicates(app, client, auth, fake_engine):
    login_as(client, auth)
    post(client, "/teach/articles", {"text": ARTICLE})
    article = Article.query.one()
    q0, q1, q2 = article.questions
    post(
        client,
        f"/teach/questions/{q0.id}/edit",
        {"prompt": "My own wording: how many voted yes?", "answer": "seven", "accepted": "7\nseven votes"},
    )
    post(client, f"/teach/questions/{q1.id}/status", {"action": "reject"})
    post(client, f"/teach/questions/{q2.id}/status", {"action": "approve"})
    fake_engine.extra, fake_engine.prefix = 1, "New wording "
    response = post(client, f"/teach/articles/{article.id}/regenerate")
    assert response.status_code == 302
    db.session.expire_all()
    questions = Question.query.filter_by(article_id=article.id).order_by(Question.id).all()
    assert [q.gen_id for q in questions] == ["gen-0", "gen-1", "gen-2", "gen-3"]
    assert questions[0].prompt == "My own wording: how many voted yes?" and questions[0].edited
    assert questions[0].accepted == ["7", "seven votes"]
    assert [q.status for q in questions] == ["draft", "rejected", "approved", "draft"]
    assert "1 new question" in client.get(f"/teach/articles/{article.id}").get_data(as_text=True)


def test_real_engine_article_and_regeneration_keep_edits(app, client, auth):
    """The real question engine (spaCy): questions grounded in the text; regenerating duplicates nothing."""
    from pathlib import Path

    seed = (Path(__file__).resolve().parents[3] / "seeds" / "000_87cfecf9a415b49a.txt").read_bytes()
    login_as(client, auth)
    response = post(
        client, "/teach/articles", {"title": "", "file": (io.BytesIO(seed), "ceasefire.txt")},
        content_type="multipart/form-data",
    )  # fmt: skip
    assert response.status_code == 302
    article = Article.query.one()
    assert article.status == "ready" and len(article.questions) >= 5
    for q in article.questions:
        assert q.status == "draft" and q.gen_id
        assert q.evidence_text() and q.evidence_text() in article.text
    edited, rejected = article.questions[0], article.questions[1]
    edited.prompt, edited.edited = "Teacher's own wording?", True
    rejected.status = "rejected"
    db.session.commit()
    count = len(article.questions)
    post(client, f"/teach/articles/{article.id}/regenerate")
    db.session.expire_all()
    questions = Question.query.filter_by(article_id=article.id).all()
    assert len(questions) == count and len({q.gen_id for q in questions}) == count
    assert db.session.get(Question, edited.id).prompt == "Teacher's own wording?"
    assert db.session.get(Question, rejected.id).status == "rejected"
