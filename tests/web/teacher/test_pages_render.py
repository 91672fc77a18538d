"""Every teacher page renders for its owner, with data in it (a broad safety net for template errors)."""

from quizapp.extensions import db
from tests.factories import make_article, make_assignment, make_class, make_user
from tests.web.teacher.helpers import add_attempt, login_as, make_mcq


def test_every_teacher_page_renders_for_its_owner(app, client, auth):
    t = login_as(client, auth, "admin")
    learners = [make_user() for _ in range(3)]
    art = make_article(t, 3)
    mcq = make_mcq(art)
    c = make_class(t, learners)
    a = make_assignment(c, art)
    a.question_ids = a.question_ids + [mcq.id]
    db.session.commit()
    for i, learner in enumerate(learners):
        add_attempt(a, learner, {q: ("seven 0" if i else "x", bool(i)) for q in a.question_ids})
    for path in [
        "/teach/",
        "/teach/articles",
        f"/teach/articles/{art.id}",
        f"/teach/questions/{mcq.id}/edit",
        f"/teach/questions/{art.questions[0].id}/edit",
        f"/teach/articles/{art.id}/questions/new",
        f"/teach/articles/{art.id}/questions/new?type=mcq",
        "/teach/classes",
        f"/teach/classes/{c.id}",
        f"/teach/classes/{c.id}/assignments/new",
        f"/teach/classes/{c.id}/assignments/new?article_id={art.id}",
        f"/teach/classes/{c.id}/gradebook",
        f"/teach/classes/{c.id}/gradebook.csv",
        f"/teach/assignments/{a.id}/learners/{learners[0].id}",
        f"/teach/assignments/{a.id}/stats",
        f"/teach/classes/{c.id}/study",
        "/teach/admin/users",
        "/teach/admin/invites",
    ]:
        r = client.get(path)
        assert r.status_code == 200, (path, r.status_code, r.get_data(as_text=True)[:3000])
