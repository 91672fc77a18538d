"""axe-core audits every learner page (each question type, feedback, flashcards, charts): no serious or
critical violation. axe is injected by axe-playwright-python, so the context bypasses the CSP."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python import sync_playwright as axe_playwright  # noqa: E402 - in the test extra
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.factories import PASSWORD
from tests.web.learner.world import make_world


def _audit(page, name: str, failures: dict) -> None:
    results = axe_playwright.Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    if bad:
        failures[name] = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in bad]


@pytest.mark.parametrize("viewport", [(1100, 800), (375, 740)], ids=["desktop", "phone"])
def test_axe_finds_no_serious_violation_on_any_learner_page(live_app, browser, viewport):
    from quizapp.extensions import db
    from quizapp.services import quizzes

    base = live_app.config["LIVE_URL"]
    with live_app.app_context():
        world = make_world("practice", learner_email="axe@example.com")
        done = make_world("practice", learner_email=None)
        db.session.delete(done.learner)
        db.session.add(
            type(world.classroom.enrolments[0])(classroom_id=done.classroom.id, user_id=world.learner.id)
        )
        db.session.commit()
        finished = quizzes.start_attempt(done.assignment, world.learner.id)
        quizzes.answer(finished, done.questions["short_answer"].id, "Ana Ruiz", "axe-finished-1", 3000)
        quizzes.finish(finished)
        ids = dict(assignment=world.assignment.id, finished=finished.id, code=world.classroom.join_code)
        db.session.remove()
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    page = context.new_page()
    failures: dict = {}
    try:
        page.goto(f"{base}/login")
        _audit(page, "login", failures)
        page.get_by_label("E-mail").fill("axe@example.com")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("heading", name=re.compile("^Hello"))).to_be_visible()
        for name, path in [
            ("dashboard", "/learn/"),
            ("join", "/learn/join"),
            ("join-link", f"/learn/join/{ids['code']}"),
            ("results", f"/learn/attempts/{ids['finished']}/results"),
            ("progress", "/learn/progress"),
            ("assignment", f"/learn/assignments/{ids['assignment']}"),
        ]:
            page.goto(base + path)
            _audit(page, name, failures)
        page.goto(f"{base}/learn/join")
        page.get_by_label("Class code").fill("NOPE")
        page.get_by_role("button", name="Join").click()
        expect(page.get_by_text("No class has that code")).to_be_visible()
        _audit(page, "join-error", failures)

        page.goto(f"{base}/learn/assignments/{ids['assignment']}")
        page.get_by_role("button", name="Start").click()
        for position in range(1, 6):
            expect(page.get_by_role("heading", name=f"Question {position} of 5")).to_be_visible()
            _audit(page, f"question-{position}", failures)
            if position == 5:
                for label, value in (("Ana Ruiz", "mayor"), ("Bo Chen", "treasurer"), ("Cy Diaz", "mayor")):
                    page.get_by_label(label).select_option(value)
            elif page.locator("input[type=radio]").count():
                page.locator("input[type=radio]").first.check()
            else:
                page.locator("#answer").fill("a wrong answer")
            page.get_by_role("button", name="Check answer").click()
            expect(page.locator(".verdict")).to_be_visible()
            _audit(page, f"feedback-{position}", failures)
            page.locator("#next").click()
        _audit(page, "finish", failures)
        page.goto(f"{base}/learn/review")
        _audit(page, "flashcard-front", failures)
        page.keyboard.press("Space")
        expect(page.get_by_text("the relief chief")).to_be_visible()
        _audit(page, "flashcard-back", failures)
        page.keyboard.press("2")
        expect(page).to_have_url(re.compile(r"done=1"))
        live_app.config["QUIZAPP_CLOCK_OFFSET_DAYS"] = 2  # every card is due: question cards come up too
        seen = set()
        for _ in range(8):
            page.goto(f"{base}/learn/review")
            if page.get_by_role("heading", name="No cards are due").count():
                _audit(page, "review-done", failures)
                break
            kind = "review-flashcard" if page.locator("[data-flashcard]").count() else "review-question"
            if kind not in seen:
                _audit(page, kind, failures)
                seen.add(kind)
            if kind == "review-flashcard":
                page.keyboard.press("Space")
                expect(page.locator("[data-rating-form]")).to_be_visible()
                page.keyboard.press("3")
                # The rating posts the form: wait for its redirect before the next goto aborts it.
                expect(page).to_have_url(re.compile(r"done=\d"))
            else:
                if page.locator("input[type=radio]").count():
                    page.locator("input[type=radio]").first.check()
                elif page.locator("select").count():
                    page.locator("select").first.select_option(index=1)
                else:
                    page.locator("#answer").fill("x")
                page.get_by_role("button", name="Check answer").click()
                expect(page.locator(".verdict")).to_be_visible()
                if "review-feedback" not in seen:
                    _audit(page, "review-feedback", failures)
                    seen.add("review-feedback")
            page.wait_for_load_state("load")
        assert {"review-question", "review-feedback"} <= seen
        screenshot(page, f"learner-a11y-{'phone' if width < 500 else 'desktop'}-review")
    finally:
        live_app.config["QUIZAPP_CLOCK_OFFSET_DAYS"] = 0
        context.close()
    assert not failures, failures


def _log_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name=re.compile("^Hello"))).to_be_visible()


@pytest.mark.parametrize("viewport", [(1100, 800), (375, 740)], ids=["desktop", "phone"])
def test_axe_finds_no_serious_violation_on_account_test_mode_and_error_pages(live_app, browser, viewport):
    """The learner-reachable pages the first audit does not reach: sign-up (empty and refused), the
    account page, every screen of a test (a question, "Your answer is saved", finish, results), and the
    403 and 404 pages."""
    from quizapp.extensions import db

    base = live_app.config["LIVE_URL"]
    with live_app.app_context():
        world = make_world("test", learner_email="axe-test@example.com")
        assignment_id = world.assignment.id
        db.session.remove()
    width, height = viewport
    phone = width < 500
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    page = context.new_page()
    failures: dict = {}
    try:
        page.goto(f"{base}/signup")
        _audit(page, "signup", failures)
        page.get_by_role("button", name="Create account").click()  # nothing filled in: every field says so
        expect(page.locator(".field-error").first).to_be_visible()
        _audit(page, "signup-errors", failures)

        _log_in(page, base, "axe-test@example.com")
        page.goto(f"{base}/account")
        expect(page.get_by_role("heading", name="Your account")).to_be_visible()
        _audit(page, "account", failures)

        page.goto(f"{base}/learn/assignments/{assignment_id}")
        _audit(page, "test-assignment", failures)
        page.get_by_role("button", name="Start").click()
        expect(page.get_by_role("heading", name="Question 1 of 5")).to_be_visible()
        _audit(page, "test-question", failures)
        page.locator("input[type=radio]").first.check()
        page.get_by_role("button", name="Save answer").click()
        expect(page.get_by_role("heading", name="Question 2 of 5")).to_be_visible()
        page.goto(re.sub(r"/questions/\d+$", "/questions/1", page.url))
        expect(page.get_by_text("Your answer is saved")).to_be_visible()
        _audit(page, "test-saved", failures)
        page.get_by_role("link", name="Finish the attempt").click()
        expect(page.get_by_role("button", name="Finish and see results")).to_be_visible()
        _audit(page, "test-finish", failures)
        page.get_by_role("button", name="Finish and see results").click()
        expect(page.get_by_role("heading", name=re.compile("^Results"))).to_be_visible()
        _audit(page, "test-results", failures)

        response = page.goto(f"{base}/teach/")
        assert response.status == 403
        expect(page.get_by_role("heading", name="You do not have access to this page.")).to_be_visible()
        _audit(page, "403", failures)
        screenshot(page, f"errors-403{'-phone' if phone else ''}")
        response = page.goto(f"{base}/learn/no-such-page")
        assert response.status == 404
        _audit(page, "404", failures)
    finally:
        context.close()
    assert not failures, failures


def test_a_matching_question_and_finish_by_keyboard_alone(live_app, browser):
    """Tab, type-ahead in each list, Enter: a matching answer is checked and the attempt finished
    without a mouse."""
    from quizapp.extensions import db
    from quizapp.services import quizzes

    base = live_app.config["LIVE_URL"]
    with live_app.app_context():
        world = make_world("practice", learner_email="keys@example.com")
        attempt = quizzes.start_attempt(world.assignment, world.learner.id)
        attempt_id = attempt.id
        db.session.remove()
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    page = context.new_page()
    try:
        _log_in(page, base, "keys@example.com")
        page.goto(f"{base}/learn/attempts/{attempt_id}/questions/5")
        expect(page.get_by_label("Ana Ruiz")).to_be_focused()  # the first list has the focus
        for label, typed in (("Ana Ruiz", "mayor"), ("Bo Chen", "treasurer"), ("Cy Diaz", "council")):
            expect(page.get_by_label(label)).to_be_focused()
            page.keyboard.type(typed)  # type-ahead picks the option
            page.keyboard.press("Tab")
        expect(page.get_by_label("Cy Diaz")).to_have_value("council member")
        expect(page.get_by_role("button", name="Check answer")).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="Right")).to_be_visible()
        expect(page.get_by_role("link", name="Finish")).to_be_focused()  # the last question: Finish
        page.keyboard.press("Enter")
        finish = page.get_by_role("button", name="Finish and see results")
        expect(finish).to_be_visible()
        for _ in range(30):  # Tab through the page to the button, as a keyboard user does
            page.keyboard.press("Tab")
            if finish.evaluate("(el) => el === document.activeElement"):
                break
        expect(finish).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name=re.compile(r"^Results: 1 of 5 right"))).to_be_visible()
        screenshot(page, "learner-18-keyboard-results")
    finally:
        context.close()
