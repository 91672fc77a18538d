"""A teacher pastes an article, approves its questions, sets them to a class, and sees a result come in.

The learner's attempt is written straight into the database: the learner quiz UI is built separately.
Screenshots: artifacts/screenshots/teacher-*.png (desktop and 375 px phone).
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from playwright.sync_api import expect

from quizapp.extensions import db
from quizapp.models import Assignment, Attempt, Card, Enrolment, Question, Response, ReviewLog, utcnow
from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, make_user

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_87cfecf9a415b49a.txt"


def _login(page, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible')
  .slice(0, 12).map(e => e.tagName + '.' + e.className + ' ' + e.scrollWidth + '/' + e.clientWidth)"""


def _fits(page, what: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    culprits = page.evaluate(WIDEST)
    assert width <= page.viewport_size["width"], f"{what} scrolls sideways ({width}px): {culprits}"


def _learner_answers(app, class_id: int) -> tuple[str, int]:
    """Enrol a learner and record a submitted attempt at the class's assignment: first half right."""
    with app.app_context():
        learner = make_user("learner", email="ada@example.com", name="Ada Lovelace")
        db.session.add(Enrolment(classroom_id=class_id, user_id=learner.id))
        assignment = db.session.scalar(db.select(Assignment).where(Assignment.classroom_id == class_id))
        questions = [db.session.get(Question, qid) for qid in assignment.question_ids]
        attempt = Attempt(
            assignment_id=assignment.id, user_id=learner.id, question_order=assignment.question_ids
        )
        db.session.add(attempt)
        db.session.flush()
        right = 0
        for i, q in enumerate(questions):
            ok = i < len(questions) // 2 + 1
            wrong = next((c for c in q.choices if isinstance(c, str) and c != q.answer), "no idea")
            given = q.answer if ok else wrong
            db.session.add(Response(attempt_id=attempt.id, question_id=q.id, given_answer=given, correct=ok,
                                    submission_id=f"browser-{q.id}"))  # fmt: skip
            right += ok
        attempt.answered_count, attempt.correct_count, attempt.submitted_at = len(questions), right, utcnow()
        for i, q in enumerate(questions[:8]):  # flashcards studied: a few reviews, one leech
            card = Card(user_id=learner.id, question_id=q.id, state=2, stability=5.0 + 10 * i,
                        lapses=9 if i == 7 else 1, due=utcnow() + timedelta(days=3 * i))  # fmt: skip
            db.session.add(card)
            db.session.flush()
            for rating in (3, 3, 1 if i % 3 == 0 else 4):
                db.session.add(ReviewLog(card_id=card.id, user_id=learner.id, rating=rating, state_before=2,
                                         state_after=2))  # fmt: skip
        db.session.commit()
        return learner.name, round(100 * right / len(questions))


def test_teacher_turns_an_article_into_an_assignment_and_sees_results(live_app, page, phone_page):
    base = live_app.config["LIVE_URL"]
    with live_app.app_context():
        make_user("teacher", email="tess@example.com", name="Tess Teacher")
    _login(page, base, "tess@example.com")
    page.get_by_role("link", name="Articles").first.click()
    page.get_by_label("Article text").fill(SEED.read_text(encoding="utf-8"))
    screenshot(page, "teacher-01-new-article")
    page.get_by_role("button", name="Generate questions").click()
    page.wait_for_url(re.compile(r"/teach/articles/\d+$"), timeout=120_000)
    expect(page.get_by_text("Article saved")).to_be_visible()
    assert page.locator("mark.evidence").count() > 0
    assert page.locator("article.question").count() >= 3
    screenshot(page, "teacher-02-review")

    first = page.locator("article.question").first
    first.get_by_role("link", name="Edit").click()
    assert page.locator("mark.evidence").count() == 1
    screenshot(page, "teacher-03-edit-question")
    page.get_by_role("link", name="Cancel").click()

    page.get_by_role("button", name=re.compile(r"Approve all \d+ to review")).click()
    expect(page.get_by_text(re.compile(r"\d+ question\(s\) approved"))).to_be_visible()

    page.get_by_role("link", name="Classes").first.click()
    page.get_by_label("Name").fill("Year 9 Current affairs")
    page.get_by_role("button", name="Create class").click()
    code = page.locator(".join-code.big").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{8}", code)
    expect(page.get_by_text(f"/learn/join/{code}")).to_be_visible()
    screenshot(page, "teacher-04-class")
    class_id = int(re.search(r"/classes/(\d+)", page.url).group(1))

    page.get_by_role("link", name="New assignment").click()
    page.get_by_role("button", name="Next: choose questions").click()
    page.get_by_label("Due (UTC)").fill("2030-06-01T09:00")
    page.get_by_label("Test: no feedback until the end").check()
    screenshot(page, "teacher-05-assignment-form")
    page.get_by_role("button", name="Set assignment").click()
    expect(page.get_by_text("Learners see it on their dashboard")).to_be_visible()

    name, percent = _learner_answers(live_app, class_id)
    page.get_by_role("link", name="Gradebook").first.click()
    cell = page.locator("table.gradebook tbody tr", has_text=name)
    assert f"{percent}%" in cell.inner_text()
    screenshot(page, "teacher-06-gradebook")
    cell.get_by_role("link").first.click()
    expect(page.get_by_role("heading", name=re.compile(name))).to_be_visible()
    assert (
        page.locator("li.answer.wrong").count() >= 1
        and page.locator("blockquote.evidence-quote").count() >= 1
    )
    screenshot(page, "teacher-07-learner-answers")

    page.goto(f"{base}/teach/classes/{class_id}")
    page.get_by_role("link", name="Statistics").first.click()
    expect(page.get_by_text("1 submitted attempt analysed")).to_be_visible()
    assert page.locator("table.stats-summary tbody tr").count() >= 3
    screenshot(page, "teacher-08-statistics")

    page.goto(f"{base}/teach/classes/{class_id}/study")
    expect(page.get_by_role("heading", name="Leeches")).to_be_visible()
    assert page.locator(".bar-fill").count() >= 5
    screenshot(page, "teacher-09-study")

    _login(phone_page, base, "tess@example.com")
    for path, name in [
        (f"/teach/classes/{class_id}/gradebook", "teacher-10-phone-gradebook"),
        (page.url.replace(base, "").replace("/study", ""), "teacher-11-phone-class"),
        (f"/teach/articles/{_article_id(live_app)}", "teacher-12-phone-review"),
        (f"/teach/assignments/{_assignment_id(live_app, class_id)}/stats", "teacher-13-phone-statistics"),
    ]:
        phone_page.goto(f"{base}{path}")
        screenshot(phone_page, name)
        _fits(phone_page, path)


def _article_id(app) -> int:
    with app.app_context():
        from quizapp.models import Article

        return db.session.scalar(db.select(Article.id))


def _assignment_id(app, class_id: int) -> int:
    with app.app_context():
        return db.session.scalar(db.select(Assignment.id).where(Assignment.classroom_id == class_id))


def test_admin_invites_a_teacher_who_signs_up_on_a_phone(live_app, page, phone_page):
    base = live_app.config["LIVE_URL"]
    with live_app.app_context():
        make_user("admin", email="root@example.com", name="Site Admin")
    _login(page, base, "root@example.com")
    page.get_by_role("link", name="Admin", exact=True).click()
    page.get_by_role("link", name=re.compile("Teacher invitation codes")).click()
    page.get_by_label("Note (who it is for)").fill("For Tess")
    page.get_by_role("button", name="Create code").click()
    code = re.search(r"New invitation code: (\S+)", page.locator(".flash-success").inner_text()).group(1)
    screenshot(page, "teacher-14-admin-invites")

    phone_page.goto(f"{base}/teach/signup")
    phone_page.get_by_label("Your name").fill("Tess Teacher")
    phone_page.get_by_label("E-mail").fill("tess@example.com")
    phone_page.get_by_label("Password", exact=True).fill("purple giraffe orbits lantern")
    phone_page.get_by_label("Repeat the password").fill("purple giraffe orbits lantern")
    phone_page.get_by_label("Invitation code").fill("not-the-code")
    phone_page.get_by_role("button", name="Create teacher account").click()
    expect(phone_page.get_by_text("That invitation code is not valid")).to_be_visible()
    _fits(phone_page, "teacher sign-up")
    screenshot(phone_page, "teacher-15-phone-signup-wrong-code")
    phone_page.get_by_label("Password", exact=True).fill("purple giraffe orbits lantern")
    phone_page.get_by_label("Repeat the password").fill("purple giraffe orbits lantern")
    phone_page.get_by_label("Invitation code").fill(code)
    phone_page.get_by_role("button", name="Create teacher account").click()
    expect(phone_page.get_by_role("heading", name="Hello, Tess Teacher")).to_be_visible()
    _fits(phone_page, "teacher dashboard")
    screenshot(phone_page, "teacher-16-phone-dashboard")

    page.goto(f"{base}/teach/admin/users")
    row = page.locator("tr", has_text="tess@example.com")
    assert row.get_by_role("combobox").input_value() == "teacher"
