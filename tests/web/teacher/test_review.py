"""Question review: approve, reject, bulk approval, edits with validation, questions written by hand."""

from __future__ import annotations

import pytest

from quizapp.extensions import db
from quizapp.models import Question
from quizapp.services.review import QuestionInput, ReviewError, validate
from tests.factories import make_article
from tests.web.teacher.helpers import login_as, make_mcq, post


def _drafts(article):
    for q in article.questions:
        q.status = "draft"
    db.session.commit()


def test_approve_reject_and_bulk(app, client, auth):
    teacher = login_as(client, auth)
    article = make_article(teacher, 4)
    _drafts(article)
    q0, q1, q2, q3 = article.questions
    post(client, f"/teach/questions/{q0.id}/status", {"action": "approve"})
    post(client, f"/teach/questions/{q1.id}/status", {"action": "reject"})
    post(client, f"/teach/articles/{article.id}/bulk", {"action": "approve", "question_ids": [str(q2.id)]})
    db.session.expire_all()
    assert [q.status for q in article.questions] == ["approved", "rejected", "approved", "draft"]
    post(client, f"/teach/articles/{article.id}/bulk", {"action": "approve_drafts"})
    db.session.expire_all()
    assert [q.status for q in article.questions] == ["approved", "rejected", "approved", "approved"]


def test_bulk_cannot_touch_another_articles_questions(app, client, auth):
    teacher = login_as(client, auth)
    mine, other = make_article(teacher, 1), make_article(teacher, 1)
    _drafts(other)
    post(
        client,
        f"/teach/articles/{mine.id}/bulk",
        {"action": "approve", "question_ids": [str(other.questions[0].id)]},
    )
    db.session.expire_all()
    assert other.questions[0].status == "draft"


def test_filter_tabs_show_only_that_status(app, client, auth):
    teacher = login_as(client, auth)
    article = make_article(teacher, 2)
    article.questions[0].status = "rejected"
    db.session.commit()
    body = client.get(f"/teach/articles/{article.id}?status=rejected").get_data(as_text=True)
    assert "Question 0:" in body and "Question 1:" not in body


def test_edit_mcq_saves_and_marks_edited(app, client, auth):
    teacher = login_as(client, auth)
    question = make_mcq(make_article(teacher, 0))
    response = post(
        client,
        f"/teach/questions/{question.id}/edit",
        {"prompt": "Who said the library would open in 2027?", "option0": "Ana Ruiz", "option1": "Ben Ortiz",
         "option2": "Carla Diaz", "option3": "The council", "key": "0"},
    )  # fmt: skip
    assert response.status_code == 302
    db.session.expire_all()
    assert question.prompt == "Who said the library would open in 2027?"
    assert question.choices[3] == "The council" and question.answer == "Ana Ruiz" and question.edited


@pytest.mark.parametrize(
    "form,message",
    [
        ({"option3": ""}, "exactly 4 options"),
        ({"option3": "ana ruiz"}, "every entry must be different"),
        ({"key": ""}, "Mark which option"),
        ({"prompt": "   "}, "cannot be empty"),
    ],
)
def test_edit_mcq_validation_keeps_the_input(app, client, auth, form, message):
    teacher = login_as(client, auth)
    question = make_mcq(make_article(teacher, 0))
    data = {
        "prompt": "Changed prompt?",
        "option0": "Ana Ruiz",
        "option1": "B",
        "option2": "C",
        "option3": "D",
        "key": "0",
    }
    data.update(form)
    response = post(client, f"/teach/questions/{question.id}/edit", data)
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and message in body
    assert 'value="B"' in body  # what the teacher typed is still there
    db.session.expire_all()
    assert question.prompt == "Who opened the library?" and not question.edited


def test_validation_rules_per_type():
    ok = validate("true_false", QuestionInput(prompt="The vote was 7 to 2.", answer="true"))
    assert ok["answer"] == "True" and ok["choices"] == ["True", "False"]
    with pytest.raises(ReviewError, match="blank"):
        validate("cloze", QuestionInput(prompt="The council voted on Monday.", answer="Monday"))
    with pytest.raises(ReviewError, match="word bank must include"):
        validate(
            "cloze",
            QuestionInput(
                prompt="The council voted on _____.", answer="Monday", options=["Friday", "Sunday"]
            ),
        )
    cloze = validate(
        "cloze", QuestionInput(prompt="Voted on _____.", answer="Monday", accepted=["monday", "Mon."])
    )
    assert cloze["accepted"] == ["Mon."]  # the key itself is not repeated
    with pytest.raises(ReviewError, match="2 to 8 pairs"):
        validate("matching", QuestionInput(prompt="Match", pairs=[("a", "b")]))
    matching = validate(
        "matching", QuestionInput(prompt="Match", pairs=[("Ruiz", "mayor"), ("Council", "voted")])
    )
    assert matching["choices"][0] == {"left": "Ruiz", "right": "mayor"}
    with pytest.raises(ReviewError, match="cannot be empty"):
        validate("flashcard", QuestionInput(prompt="Front", answer=""))


def test_matching_edit_through_the_form(app, client, auth):
    teacher = login_as(client, auth)
    article = make_article(teacher, 0)
    question = Question(article_id=article.id, qtype="matching", prompt="Match them", answer="a = b; c = d",
                        choices=[{"left": "a", "right": "b"}, {"left": "c", "right": "d"}])  # fmt: skip
    db.session.add(question)
    db.session.commit()
    page = client.get(f"/teach/questions/{question.id}/edit").get_data(as_text=True)
    assert "a = b\nc = d" in page
    post(
        client,
        f"/teach/questions/{question.id}/edit",
        {"prompt": "Match them", "pairs": "Ruiz = mayor\nVote = 7 to 2"},
    )
    db.session.expire_all()
    assert question.choices == [{"left": "Ruiz", "right": "mayor"}, {"left": "Vote", "right": "7 to 2"}]
    assert question.answer == "Ruiz = mayor; Vote = 7 to 2"


def test_add_a_question_by_hand_with_evidence(app, client, auth):
    teacher = login_as(client, auth)
    article = make_article(teacher, 1)
    assert "Multiple choice" in client.get(f"/teach/articles/{article.id}/questions/new").get_data(
        as_text=True
    )
    bad = post(
        client,
        f"/teach/articles/{article.id}/questions/new",
        {
            "type": "short_answer",
            "prompt": "When will it open?",
            "answer": "2027",
            "evidence": "Not in the text.",
        },
    )
    assert bad.status_code == 422 and "copied exactly from the article" in bad.get_data(as_text=True)
    response = post(
        client,
        f"/teach/articles/{article.id}/questions/new",
        {"type": "short_answer", "prompt": "When will it open?", "answer": "2027",
         "evidence": "Mayor Ana Ruiz said the library would open in 2027."},
    )  # fmt: skip
    assert response.status_code == 302
    question = Question.query.filter_by(prompt="When will it open?").one()
    assert question.status == "approved" and question.edited and question.gen_id == ""
    assert question.evidence_text() == "Mayor Ana Ruiz said the library would open in 2027."


def test_only_approved_questions_can_be_assigned(app, client, auth):
    teacher = login_as(client, auth)
    article = make_article(teacher, 2)
    article.questions[1].status = "rejected"
    db.session.commit()
    from tests.factories import make_class

    classroom = make_class(teacher)
    page = client.get(f"/teach/classes/{classroom.id}/assignments/new?article_id={article.id}").get_data(
        as_text=True
    )
    assert "Question 0:" in page and "Question 1:" not in page
