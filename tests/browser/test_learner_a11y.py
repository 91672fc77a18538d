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
