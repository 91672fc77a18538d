"""Downloads of an article's (or an assignment's) approved questions in every format."""

import io
import json
import zipfile

import pytest

from quizapp.interop.gift import read_gift
from quizapp.interop.moodle import read_moodle_xml
from quizapp.interop.tabular import read_csv
from tests.factories import PASSWORD, make_assignment, make_class, make_user
from tests.web.exchange.helpers import make_full_article, question_fields

EXPECTED = {
    "apkg": ("application/octet-stream", ".apkg"),
    "moodle": ("application/xml", ".xml"),
    "gift": ("text/plain", ".gift.txt"),
    "qti": ("application/zip", ".qti.zip"),
    "quizlet": ("text/tab-separated-values", ".quizlet.tsv"),
    "csv": ("text/csv", ".csv"),
    "json": ("application/json", ".json"),
}


@pytest.fixture
def setup(app, client, auth):
    owner = make_user("teacher")
    article = make_full_article(owner, n=1, drafts=2)
    auth.login(owner.email, PASSWORD)
    return owner, article


@pytest.mark.parametrize("fmt", EXPECTED)
def test_each_format_downloads_as_an_attachment(client, setup, fmt):
    _, article = setup
    response = client.get(f"/teach/exchange/articles/{article.id}/export/{fmt}")
    assert response.status_code == 200
    mimetype, suffix = EXPECTED[fmt]
    assert response.mimetype == mimetype
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment") and disposition.endswith(suffix)
    assert b"Draft question" not in response.data


def _approved(article):
    return [q for q in article.questions if q.status == "approved"]


def test_text_exports_hold_exactly_the_approved_questions(client, setup):
    _, article = setup
    base = f"/teach/exchange/articles/{article.id}/export"
    wanted = question_fields(_approved(article))
    assert [i.fields() for i in read_gift(client.get(f"{base}/gift").get_data(as_text=True))] == wanted
    assert [i.fields() for i in read_moodle_xml(client.get(f"{base}/moodle").data)] == wanted
    assert [i.fields() for i in read_csv(client.get(f"{base}/csv").get_data(as_text=True))] == wanted
    doc = json.loads(client.get(f"{base}/json").data)
    assert [q["id"] for q in doc["questions"]] == [str(q.id) for q in _approved(article)]
    lines = client.get(f"{base}/quizlet").get_data(as_text=True).splitlines()
    assert len(lines) == len(wanted) - 1 + 3  # the matching question gives one card per pair
    assert all(line.count("\t") == 1 for line in lines)
    qti = zipfile.ZipFile(io.BytesIO(client.get(f"{base}/qti").data))
    assert "imsmanifest.xml" in qti.namelist()
    apkg = zipfile.ZipFile(io.BytesIO(client.get(f"{base}/apkg").data))
    assert any(name.startswith("collection.anki2") for name in apkg.namelist())


def test_json_export_carries_evidence_sentences(client, setup):
    _, article = setup
    question = _approved(article)[0]
    question.evidence_start, question.evidence_end = 0, article.text.index(".") + 1
    doc = json.loads(client.get(f"/teach/exchange/articles/{article.id}/export/json").data)
    assert doc["questions"][0]["evidence"]["text"] == article.text[: article.text.index(".") + 1]


def test_assignment_export_follows_the_assignment(client, setup):
    owner, article = setup
    assignment = make_assignment(make_class(owner), article)
    chosen = [q.id for q in _approved(article)][:3][::-1]
    assignment.question_ids = chosen
    response = client.get(f"/teach/exchange/assignments/{assignment.id}/export/json")
    assert [int(q["id"]) for q in json.loads(response.data)["questions"]] == chosen


def test_export_page_lists_every_format_and_pdf(client, setup):
    _, article = setup
    html = client.get(f"/teach/exchange/articles/{article.id}").get_data(as_text=True)
    for fmt in EXPECTED:
        assert f"/teach/exchange/articles/{article.id}/export/{fmt}" in html
    for kind in ("worksheet", "keys", "flashcards"):
        assert f'value="{kind}"' in html
    assert 'name="csrf_token"' in html and 'enctype="multipart/form-data"' in html


def test_assignment_worksheets_and_exports_leave_out_questions_rejected_later(client, setup):
    from quizapp.extensions import db

    owner, article = setup
    assignment = make_assignment(make_class(owner), article)
    approved = [q for q in article.questions if q.status == "approved"]
    rejected = approved[0]
    rejected.status = "rejected"
    db.session.commit()
    base = f"/teach/exchange/assignments/{assignment.id}"
    exported = json.loads(client.get(f"{base}/export/json").get_data(as_text=True))
    prompts = [q["prompt"] for q in exported["questions"]]
    assert rejected.prompt not in prompts and len(prompts) == len(approved) - 1
    sheet = client.get(f"{base}/worksheet").get_data(as_text=True)
    assert rejected.prompt not in sheet and approved[1].prompt in sheet
    keys = client.get(f"{base}/pdf?kind=keys")
    assert keys.status_code == 200 and keys.mimetype == "application/pdf"
