"""The commands a school admin runs: create users, load seeds, demo accounts."""

from __future__ import annotations

import pytest

from quizapp.extensions import db
from quizapp.models import Article, Assignment, Classroom, Enrolment, Question, User


def test_create_user_with_a_role(runner, app):
    result = runner.invoke(
        args=[
            "create-user",
            "--email",
            "T@School.org",
            "--name",
            "Tess",
            "--role",
            "teacher",
            "--password",
            "a long enough password",
        ]
    )
    assert result.exit_code == 0, result.output
    user = User.query.one()
    assert (user.email, user.role) == ("t@school.org", "teacher")


def test_create_user_reports_a_duplicate_clearly(runner, app):
    args = ["create-user", "--email", "t@school.org", "--password", "a long enough password"]
    assert runner.invoke(args=args).exit_code == 0
    result = runner.invoke(args=args)
    assert result.exit_code != 0
    assert "already exists" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_demo_is_set_up_once_and_kept(runner, app):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    teacher = User.query.filter_by(email="teacher@example.com").one()
    question = Question.query.filter_by(status="approved").first()
    question.prompt = "Edited by the teacher?"
    db.session.commit()
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0, second.output
    assert "teacher@example.com" in first.output and "password:" in first.output
    assert User.query.count() == 3
    assert Classroom.query.count() == 1
    assert Enrolment.query.count() == 2
    article = Article.query.one()  # the sample article from seeds/, owned by the demo teacher
    assert article.owner_id == teacher.id and article.status == "ready"
    assignment = Assignment.query.one()
    assert 0 < len(assignment.question_ids) <= 12
    assert db.session.get(Question, question.id).prompt == "Edited by the teacher?"


CONVOY = (
    "Grain convoy reaches Harbor City\n\n"
    "Relief chief Dana Voss said on Tuesday that the convoy reached Harbor City after a week on the road.\n\n"
    "The convoy carried 9,000 tonnes of grain. It left the port of Lome in 2015 after a long delay. "
    "Mayor Ana Ruiz thanked the drivers.\n\n"
    "Treasurer Bo Chen and council member Cy Diaz met the trucks at the gate."
)
LIBRARY = (
    "# Council votes for a new library\n\n"
    "The city council voted 7 to 2 on Monday to build a new library, council member Cy Diaz said.\n\n"
    "Mayor Ana Ruiz said the library would open in 2027. It will cost $12 million, treasurer Bo Chen said."
)


def test_seed_loads_a_folder_once_and_keeps_what_is_there(runner, app, tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "001_convoy.txt").write_text(CONVOY, encoding="utf-8")
    (folder / "002_library.md").write_text(LIBRARY, encoding="utf-8")
    (folder / "notes.json").write_text("{}", encoding="utf-8")  # not an article: left alone
    first = runner.invoke(args=["seed", str(folder)])
    assert first.exit_code == 0, first.output
    articles = Article.query.order_by(Article.id).all()
    titles = ["Grain convoy reaches Harbor City", "Council votes for a new library"]
    assert [a.title for a in articles] == titles
    assert all(a.status == "ready" and a.questions for a in articles)
    assert all(f"article {a.id}: {a.title}" in first.output for a in articles)
    questions = Question.query.count()
    edited = Question.query.first()
    edited.prompt = "Edited by a teacher?"
    db.session.commit()

    second = runner.invoke(args=["seed", str(folder)])
    assert second.exit_code == 0, second.output
    assert second.output == first.output  # the same articles, ids and question counts
    assert Article.query.count() == 2 and Question.query.count() == questions
    assert db.session.get(Question, edited.id).prompt == "Edited by a teacher?"


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_seed_without_a_folder_loads_the_shipped_sample_articles(runner, app):
    from quizapp.config import REPO_ROOT

    shipped = sorted(p.name for p in (REPO_ROOT / "seeds").iterdir() if p.suffix == ".txt")
    for _ in range(2):
        result = runner.invoke(args=["seed"])
        assert result.exit_code == 0, result.output
    assert sorted(a.source for a in Article.query.all()) == [f"seeds/{name}" for name in shipped]
    assert all(a.owner_id is None and a.questions for a in Article.query.all())
