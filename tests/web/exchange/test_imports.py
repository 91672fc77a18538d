"""Imports into an article's bank: round trips, clear errors, all-or-nothing, safe XML."""

import io
import json

import pytest

from quizapp.extensions import db
from quizapp.models import Question
from tests.factories import PASSWORD, make_user
from tests.interop.test_errors import BILLION_LAUGHS, EXTERNAL_ENTITY
from tests.support import csrf_token
from tests.web.exchange.helpers import make_full_article, question_fields


@pytest.fixture
def teacher(app, client, auth):
    owner = make_user("teacher")
    auth.login(owner.email, PASSWORD)
    return owner


def _import(client, article, data: bytes, filename: str, fmt: str = "", approve: bool = False):
    token = csrf_token(client, f"/teach/exchange/articles/{article.id}")
    form = {"csrf_token": token, "format": fmt, "file": (io.BytesIO(data), filename)}
    if approve:
        form["approve"] = "1"
    return client.post(
        f"/teach/exchange/articles/{article.id}/import",
        data=form,
        follow_redirects=True,
        content_type="multipart/form-data",
    )


def _questions(article_id):
    db.session.expire_all()
    return db.session.scalars(
        db.select(Question).where(Question.article_id == article_id).order_by(Question.position)
    ).all()


@pytest.mark.parametrize(
    "fmt, filename", [("gift", "q.gift"), ("moodle", "q.xml"), ("csv", "q.csv"), ("json", "q.json")]
)
def test_export_then_import_gives_the_same_questions(client, teacher, fmt, filename):
    source = make_full_article(teacher, n=2)
    target = make_full_article(teacher, n=0)
    exported = client.get(f"/teach/exchange/articles/{source.id}/export/{fmt}").data
    response = _import(client, target, exported, filename)  # format guessed from the file name
    assert "Imported 12 questions as drafts to review." in response.get_data(as_text=True)
    imported = _questions(target.id)
    assert question_fields(imported) == question_fields(_questions(source.id))
    assert all(q.status == "draft" and q.edited and q.gen_id == "" for q in imported)
    assert [q.position for q in imported] == list(range(12))


def test_ticking_approve_imports_approved_questions(client, teacher):
    article = make_full_article(teacher, n=0)
    csv = b"type,prompt,answer,choices,accepted\nshort_answer,Who is the mayor?,Ana Ruiz,,Ruiz\n"
    _import(client, article, csv, "bank.csv", approve=True)
    (question,) = _questions(article.id)
    assert (question.status, question.accepted, question.edited) == ("approved", ["Ruiz"], True)


def test_imported_questions_follow_the_existing_ones(client, teacher):
    article = make_full_article(teacher, n=1)
    csv = b"type,prompt,answer,choices,accepted\nflashcard,Ana Ruiz,the mayor,,\n"
    _import(client, article, csv, "bank.csv")
    questions = _questions(article.id)
    assert len(questions) == 7 and questions[-1].prompt == "Ana Ruiz" and questions[-1].position == 6


def test_evidence_offsets_only_for_sentences_found_verbatim(client, teacher):
    article = make_full_article(teacher, n=0)
    found = "Mayor Ana Ruiz said the library would open in 2027."
    doc = json.dumps(
        {
            "questions": [
                {"type": "short_answer", "prompt": "When?", "answer": "2027", "evidence": {"text": found}},
                {"type": "short_answer", "prompt": "Who?", "answer": "Ana", "evidence": {"text": "Not in."}},
                {"type": "short_answer", "prompt": "What?", "answer": "A library"},
            ]
        }
    ).encode()
    _import(client, article, doc, "q.json")
    first, second, third = _questions(article.id)
    assert article.text[first.evidence_start : first.evidence_end] == found
    assert (second.evidence_start, second.evidence_end) == (None, None)
    assert (third.evidence_start, third.evidence_end) == (None, None)


@pytest.mark.parametrize(
    "data, filename, fmt, message",
    [
        (b"::Q1:: Fine {=yes}\n\n::Q2:: Broken {=a ~b\n", "bad.gift", "", "line 3"),
        (
            b"type,prompt,answer,choices,accepted\nshort_answer,Fine,yes,,\nmcq,Which?,Z,A|B,\n",
            "bad.csv",
            "",
            "line 3",
        ),
        (
            b'<quiz><question type="essay"><questiontext><text>Why?</text></questiontext></question></quiz>',
            "bad.xml",
            "",
            "&lt;question type=&#34;essay&#34;&gt; #1",
        ),
        (BILLION_LAUGHS.encode(), "bomb.xml", "moodle", "DTD or entities"),
        (EXTERNAL_ENTITY.encode(), "xxe.xml", "moodle", "DTD or entities"),
        (b"\xff\xfe\x00b\x00i\x00n", "binary.csv", "csv", "not UTF-8"),
        (b"", "empty.gift", "gift", "empty"),
        (b"whatever", "notes.docx", "", "choose the file"),
    ],
)
def test_bad_files_are_refused_whole_with_the_place_named(client, teacher, data, filename, fmt, message):
    article = make_full_article(teacher, n=1)
    response = _import(client, article, data, filename, fmt)
    html = response.get_data(as_text=True)
    assert f"Nothing was imported from {filename}" in html
    assert message in html
    assert len(_questions(article.id)) == 6


def test_an_error_on_the_last_row_imports_nothing(client, teacher):
    article = make_full_article(teacher, n=0)
    rows = "".join(f"short_answer,Question {i}?,answer {i},,\n" for i in range(50))
    data = ("type,prompt,answer,choices,accepted\n" + rows + "cloze,No blank,x,,\n").encode()
    html = _import(client, article, data, "bank.csv").get_data(as_text=True)
    assert "line 52" in html
    assert _questions(article.id) == []


def test_hostile_text_is_stored_as_text_and_shown_escaped(client, teacher):
    article = make_full_article(teacher, n=0)
    data = b'type,prompt,answer,choices,accepted\nshort_answer,"<script>alert(1)</script> {{ 7*7 }}",x,,\n'
    _import(client, article, data, "bank.csv", approve=True)
    (question,) = _questions(article.id)
    assert question.prompt == "<script>alert(1)</script> {{ 7*7 }}"
    page = client.get(f"/teach/exchange/articles/{article.id}/worksheet").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in page and "<script>alert" not in page


def test_import_needs_a_csrf_token_and_a_file(client, teacher):
    article = make_full_article(teacher, n=0)
    response = client.post(
        f"/teach/exchange/articles/{article.id}/import",
        data={"format": "csv", "file": (io.BytesIO(b"x"), "a.csv")},
    )
    assert response.status_code == 400
    token = csrf_token(client, f"/teach/exchange/articles/{article.id}")
    response = client.post(
        f"/teach/exchange/articles/{article.id}/import", data={"csrf_token": token}, follow_redirects=True
    )
    assert "Choose a file to import." in response.get_data(as_text=True)
    assert _questions(article.id) == []


def test_too_large_upload_is_refused(client, teacher):
    article = make_full_article(teacher, n=0)
    big = b"type,prompt,answer,choices,accepted\n" + b"short_answer,Q?,A,,\n" * 150_000
    token = csrf_token(client, f"/teach/exchange/articles/{article.id}")
    # A hand-made multipart body: the test client would otherwise spool it to a temporary file.
    body = (
        b'--B\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n' + token.encode() + b"\r\n"
        b'--B\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n'
        b"Content-Type: text/csv\r\n\r\n" + big + b"\r\n--B--\r\n"
    )
    response = client.post(
        f"/teach/exchange/articles/{article.id}/import",
        data=body,
        content_type="multipart/form-data; boundary=B",
    )
    assert response.status_code == 413
    assert _questions(article.id) == []
