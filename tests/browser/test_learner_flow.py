"""A learner in a real browser: signs up, joins a class, takes a quiz, reviews, comes back a day later.

The class, its assignment and approved questions are set up directly in the live app's database, as a
teacher would have made them. Every screen is saved under artifacts/screenshots/learner-*.png.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.web.learner.world import make_world

PASSWORD = "plum Harbor 93 velvet"


def _setup(live_app):
    from quizapp.extensions import db

    with live_app.app_context():
        world = make_world("practice")
        code, title = world.classroom.join_code, world.assignment.title
        db.session.remove()
    return code, title


def _fits(page, name):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{name} scrolls sideways ({width}px)"


def _gap(page, first: str, second: str) -> float:
    """The space between two elements: vertical when the second wrapped below the first."""
    a, b = page.locator(first).bounding_box(), page.locator(second).bounding_box()
    if b["y"] >= a["y"] + a["height"] - 1:
        return b["y"] - (a["y"] + a["height"])
    return b["x"] - (a["x"] + a["width"])


# The words of the matching table's cells that the layout split over two lines ("Perso/n").
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll(".pairs th, .pairs td, .pairs caption")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


def test_learner_journey_with_keyboard_feedback_review_and_a_day_later(live_app, page):
    base = live_app.config["LIVE_URL"]
    code, title = _setup(live_app)

    page.goto(f"{base}/signup")
    page.get_by_label("Your name").fill("Lena Learner")
    page.get_by_label("E-mail").fill("lena@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Hello, Lena Learner")).to_be_visible()
    screenshot(page, "learner-01-dashboard-new")

    page.get_by_role("link", name="Join a class").first.click()
    page.get_by_label("Class code").fill(code.lower())
    page.keyboard.press("Enter")
    expect(page.get_by_text("You joined Class A.")).to_be_visible()
    expect(page.get_by_role("link", name=title)).to_be_visible()
    screenshot(page, "learner-02-joined")

    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name="Read: Grain convoy")).to_be_visible()
    screenshot(page, "learner-03-assignment")
    page.get_by_role("button", name="Start").click()

    # 1 mcq, keyboard only: "2" picks the second option, Enter sends
    expect(page.get_by_role("heading", name="Question 1 of 5")).to_be_visible()
    screenshot(page, "learner-04-question-mcq")
    page.keyboard.press("2")
    expect(page.get_by_role("radio", name="Dana Voss")).to_be_checked()
    page.evaluate("window.stillTheSamePage = true")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Right")).to_be_visible()
    assert page.evaluate("window.stillTheSamePage === true")  # sent with fetch: no reload
    assert page.url.endswith("/questions/1")
    expect(page.locator(".evidence mark")).to_have_text(re.compile(r"^Relief chief Dana Voss said"))
    screenshot(page, "learner-05-feedback-evidence")
    page.keyboard.press("Enter")  # the Next button has the focus

    # 2 true/false, wrong on purpose
    expect(page.get_by_role("heading", name="Question 2 of 5")).to_be_visible()
    page.keyboard.press("2")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Not quite")).to_be_visible()
    expect(page.locator(".key")).to_have_text("The statement is true.")
    screenshot(page, "learner-06-feedback-wrong")
    page.keyboard.press("Enter")

    # 3 cloze: number words are accepted for digits
    expect(page.get_by_role("heading", name="Question 3 of 5")).to_be_visible()
    expect(page.get_by_label("Fill in the blank")).to_be_focused()
    page.keyboard.type("nine thousand")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Right")).to_be_visible()
    page.keyboard.press("Enter")

    # 4 short answer: case and a leading article forgiven
    expect(page.get_by_role("heading", name="Question 4 of 5")).to_be_visible()
    expect(page.get_by_label("Who thanked the drivers?")).to_be_focused()
    page.keyboard.type("the ana ruiz")
    screenshot(page, "learner-07-question-short")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Right")).to_be_visible()
    page.keyboard.press("Enter")

    # 5 matching, one pair wrong
    expect(page.get_by_role("heading", name="Question 5 of 5")).to_be_visible()
    page.get_by_label("Ana Ruiz").select_option("mayor")
    page.get_by_label("Bo Chen").select_option("council member")
    page.get_by_label("Cy Diaz").select_option("treasurer")
    screenshot(page, "learner-08-question-matching")
    page.get_by_role("button", name="Check answer").click()
    expect(page.get_by_role("heading", name="Partly right")).to_be_visible()
    expect(page.get_by_text("1 of 3 right")).to_be_visible()
    screenshot(page, "learner-09-feedback-matching")
    page.get_by_role("link", name="Finish").first.click()
    page.get_by_role("button", name="Finish and see results").click()
    expect(page.get_by_role("heading", name="Results: 3 of 5 right (matching: 1 of 3 pairs)")).to_be_visible()
    screenshot(page, "learner-10-results")

    # flashcards: Space flips (the back is fetched now), 3 rates Good
    page.get_by_role("link", name="Review", exact=True).click()
    expect(page.get_by_text("Who is Dana Voss in this article?")).to_be_visible()
    expect(page.locator("[data-back]")).to_be_hidden()
    screenshot(page, "learner-11-flashcard-front")
    page.keyboard.press("Space")
    expect(page.get_by_text("the relief chief")).to_be_visible()
    expect(page.locator("[data-back] mark")).to_be_visible()
    screenshot(page, "learner-12-flashcard-back")
    page.keyboard.press("3")
    expect(page.get_by_role("heading", name="No cards are due")).to_be_visible()
    screenshot(page, "learner-13-review-done")

    # a day later every card is due again; a question card is answered again
    live_app.config["QUIZAPP_CLOCK_OFFSET_DAYS"] = 1
    page.get_by_role("link", name="Dashboard", exact=True).click()
    expect(page.locator(".stat-figure").first).to_have_text("6")
    screenshot(page, "learner-14-dashboard-next-day")
    page.get_by_role("link", name="Review 6 now").click()
    expect(page.get_by_text("0 reviewed, 6 due.")).to_be_visible()
    screenshot(page, "learner-15-review-question-card")
    for _ in range(6):  # answer question cards (flip and rate a flashcard) until one shows feedback
        if page.locator("[data-flashcard]").count():
            page.keyboard.press("Space")
            expect(page.locator("[data-rating-form]")).to_be_visible()
            page.keyboard.press("4")
            expect(page).to_have_url(re.compile(r"done=\d"))
            continue
        if page.locator("input[type=radio]").count():
            page.keyboard.press("1")
        elif page.locator("select").count():
            page.locator("select").first.select_option(index=1)
        else:
            page.keyboard.type("a guess")
        page.get_by_role("button", name="Check answer").click()
        expect(page.locator(".verdict")).to_be_visible()
        break
    screenshot(page, "learner-15b-review-feedback")
    assert "/answer" not in page.url  # a reload never re-posts or hits a POST-only URL
    assert page.reload().status == 200

    page.get_by_role("link", name="Progress", exact=True).click()
    expect(page.locator("canvas")).to_have_count(4)
    page.wait_for_load_state("load")  # deferred scripts have run: the charts are drawn
    assert page.evaluate("Object.keys(Chart.instances).length") == 4
    expect(page.get_by_role("cell", name="Grain convoy")).to_be_visible()
    screenshot(page, "learner-16-progress")


def test_learner_pages_fit_a_phone(live_app, phone_page):
    from quizapp.extensions import db
    from quizapp.services import quizzes

    base = live_app.config["LIVE_URL"]
    with live_app.app_context():
        world = make_world("practice", learner_email="phone@example.com")
        first = quizzes.start_attempt(world.assignment, world.learner.id)
        quizzes.answer(first, world.questions["matching"].id, '{"Ana Ruiz": "mayor"}', "phone-answer-1", 5000)
        quizzes.finish(first)
        attempt = quizzes.start_attempt(world.assignment, world.learner.id)
        attempt_id, assignment_id, finished_id = attempt.id, world.assignment.id, first.id
        db.session.remove()
    page = phone_page
    page.goto(f"{base}/login")
    page.get_by_label("E-mail").fill("phone@example.com")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    paths = {
        "dashboard": "/learn/",
        "assignment": f"/learn/assignments/{assignment_id}",
        "question-mcq": f"/learn/attempts/{attempt_id}/questions/1",
        "question-matching": f"/learn/attempts/{attempt_id}/questions/5",
        "review": "/learn/review",
        "results": f"/learn/attempts/{finished_id}/results",
        "progress": "/learn/progress",
        "join": "/learn/join",
    }
    for name, path in paths.items():
        page.goto(base + path)
        screenshot(page, f"learner-phone-{name}")
        _fits(page, name)
        if name == "assignment":  # the button does not touch the heading below it
            assert _gap(page, "text=Continue your attempt", "h2:has-text('Your attempts')") >= 12
        if name == "results":
            expect(page.locator(".pairs td").first).to_be_visible()
            assert page.locator(".pairs td").count() == 9
            assert page.evaluate(BROKEN_WORDS) == []  # no word split over two lines
            row = page.locator(".pairs tbody tr").first
            tops = [row.locator(cell).bounding_box()["y"] for cell in ("th", "td >> nth=0", "td >> nth=1")]
            assert tops == sorted(tops) and len(set(tops)) == 3  # each pair stacked, one fact a line
    page.goto(base + paths["review"])
    page.get_by_role("button", name=re.compile("Flashcard")).tap()
    expect(page.get_by_text("the relief chief")).to_be_visible()
    _fits(page, "flashcard back")
    screenshot(page, "learner-phone-flashcard-back")
    style = "(el) => getComputedStyle(el).webkitTapHighlightColor"
    assert page.locator("[data-flashcard]").evaluate(style) == "rgba(0, 0, 0, 0)"  # no cyan tint on tap
    assert _gap(page, "[data-flashcard]", "[data-rating-form] legend") >= 12
    colour = "(el) => getComputedStyle(el).color"
    colours = [page.locator(f".rating-{n}").evaluate(colour) for n in (1, 2, 3, 4)]
    assert len(set(colours)) == 4, colours  # Again, Hard, Good and Easy each have their own colour
    page.get_by_role("button", name="Good").tap()
    expect(page.get_by_role("heading", name="No cards are due")).to_be_visible()
    assert _gap(page, "text=Back to the dashboard", "text=See your progress") >= 8
    screenshot(page, "learner-phone-review-done")


def test_quiz_and_flashcards_work_without_javascript(live_app, browser):
    from quizapp.extensions import db

    base = live_app.config["LIVE_URL"]
    with live_app.app_context():
        world = make_world("practice", learner_email="nojs@example.com")
        assignment_id = world.assignment.id
        db.session.remove()
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1000, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{base}/login")
        page.get_by_label("E-mail").fill("nojs@example.com")
        page.get_by_label("Password").fill("correct horse battery")
        page.get_by_role("button", name="Log in").click()
        page.goto(f"{base}/learn/assignments/{assignment_id}")
        page.get_by_role("button", name="Start").click()
        page.get_by_role("radio", name="Dana Voss").check()
        page.get_by_role("button", name="Check answer").click()
        expect(page.get_by_role("heading", name="Right")).to_be_visible()
        expect(page.locator(".evidence mark")).to_be_visible()
        page.goto(f"{base}/learn/review")
        expect(page.locator("[data-back]")).to_be_hidden()
        page.get_by_role("link", name="Show answer").click()
        expect(page.get_by_text("the relief chief")).to_be_visible()
        page.get_by_role("button", name="Easy").click()
        expect(page.get_by_text("You reviewed 1 card")).to_be_visible()
        screenshot(page, "learner-17-no-javascript-review-done")
    finally:
        context.close()
