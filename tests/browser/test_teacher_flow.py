"""A teacher uploads an article file, approves its questions, sets them to a class, and sees a result
come in: a learner joins with the class code and takes the test in a browser of their own (the real
learner pages: join, start, answer, finish), then the teacher opens the gradebook, the learner's
answers, the statistics and the class's spaced-repetition page.

Screenshots: artifacts/screenshots/teacher-*.png (desktop and 375 px phone).
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from quizapp.extensions import db
from quizapp.models import Assignment, Attempt, Question
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


def _question_at(app, learner_email: str, position: int) -> Question:
    """The question the learner's attempt shows at ``position`` (the test knows keys; the page hides them)."""
    from quizapp.models import User
    from quizapp.services.quizzes import live_questions

    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == learner_email))
        attempt = db.session.scalar(db.select(Attempt).where(Attempt.user_id == user.id))
        question = live_questions(attempt)[position - 1]
        db.session.expunge(question)
        return question


def _answer(page, question: Question, right: bool) -> None:
    """Fill the question's form as a learner would: pick an option, type a word, or match the pairs."""
    if question.qtype == "matching":
        rights = [pair["right"] for pair in question.choices]
        chosen = rights if right else rights[1:] + rights[:1]
        for i, value in enumerate(chosen):
            page.locator(f'select[name="pair-{i}"]').select_option(label=value)
        return
    radios = page.locator('input[type="radio"][name="answer"]')
    if radios.count():
        values = [radios.nth(i).get_attribute("value") for i in range(radios.count())]
        value = question.answer if right else next(v for v in values if v != question.answer)
        page.locator(f'input[type="radio"][name="answer"][value="{value}"]').check()
        return
    page.locator('[name="answer"]').fill(question.answer if right else "no idea")


def _learner_takes_the_test(app, learner, base: str, code: str) -> tuple[str, int]:
    """A learner joins with the class code and takes the test through the learner pages; about the
    first half of the answers are right. Returns the learner's name and the percentage they got."""
    with app.app_context():
        make_user("learner", email="ada@example.com", name="Ada Lovelace")
    _login(learner, base, "ada@example.com")
    learner.goto(f"{base}/learn/join/{code}")
    learner.get_by_role("button", name=re.compile("Join")).click()
    expect(learner.get_by_text("You joined Year 9 Current affairs.")).to_be_visible()
    learner.get_by_role("link", name=re.compile("Library|Zelensky|Ukrain")).first.click()
    learner.get_by_role("button", name="Start").click()
    total = right = 0
    for _ in range(100):
        heading = learner.locator("#quiz-heading")
        if not heading.count() or not re.fullmatch(r"Question \d+ of \d+", heading.inner_text().strip()):
            break  # past the last question: the finish page
        text = heading.inner_text().strip()
        position, total = (int(n) for n in re.findall(r"\d+", text))
        ok = position <= total // 2 + 1
        _answer(learner, _question_at(app, "ada@example.com", position), ok)
        if position == 2:
            screenshot(learner, "teacher-06a-learner-question")
        learner.get_by_role("button", name="Save answer").click()
        # the answer is sent with fetch and the next screen swapped in: wait until it is another one
        learner.wait_for_function(
            "t => (document.querySelector('#quiz-heading') || {}).innerText !== t", arg=text, timeout=15_000
        )
        right += ok
    learner.get_by_role("button", name="Finish and see results").click()
    expect(learner.get_by_role("heading", name=re.compile(r"Results"))).to_be_visible()
    screenshot(learner, "teacher-06b-learner-results")
    return "Ada Lovelace", round(100 * right / total)


def test_teacher_turns_an_article_into_an_assignment_and_sees_results(live_app, browser, page, phone_page):
    base = live_app.config["LIVE_URL"]
    with live_app.app_context():
        make_user("teacher", email="tess@example.com", name="Tess Teacher")
    _login(page, base, "tess@example.com")
    page.get_by_role("link", name="Articles").first.click()
    page.get_by_label("…or upload a file").set_input_files(SEED)
    assert page.get_by_label("Article text").input_value() == ""  # the file, not a paste, is sent
    screenshot(page, "teacher-01-new-article")
    page.get_by_role("button", name="Generate questions").click()
    page.wait_for_url(re.compile(r"/teach/articles/\d+$"), timeout=120_000)
    expect(page.get_by_text("Article saved")).to_be_visible()
    headline = SEED.read_text(encoding="utf-8").splitlines()[0]
    expect(page.get_by_role("heading", name=headline)).to_be_visible()  # title from the uploaded file
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

    learner_context = browser.new_context(
        viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True
    )
    try:
        name, percent = _learner_takes_the_test(live_app, learner_context.new_page(), base, code)
    finally:
        learner_context.close()
    page.goto(f"{base}/teach/classes/{class_id}")
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
