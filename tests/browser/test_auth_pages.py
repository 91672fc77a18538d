"""A visitor signs up, logs out and logs in again in a real browser."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import screenshot


def test_signup_logout_login(live_app, page):
    base = live_app.config["LIVE_URL"]
    page.goto(f"{base}/login")
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    screenshot(page, "auth-01-login")

    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Your name").fill("Grace Reader")
    page.get_by_label("E-mail").fill("grace@example.com")
    page.get_by_label("Password", exact=True).fill("a long enough password")
    page.get_by_label("Repeat the password").fill("a long enough password")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Hello, Grace Reader")).to_be_visible()
    screenshot(page, "auth-02-after-signup")

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You are logged out.")).to_be_visible()

    page.get_by_label("E-mail").fill("grace@example.com")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("That e-mail and password do not match an account.")).to_be_visible()
    screenshot(page, "auth-03-wrong-password")

    page.get_by_label("Password").fill("a long enough password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Hello, Grace Reader")).to_be_visible()


def test_login_page_fits_a_phone(live_app, phone_page):
    phone_page.goto(f"{live_app.config['LIVE_URL']}/login")
    expect(phone_page.get_by_role("button", name="Log in")).to_be_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page scrolls sideways on a phone ({width}px)"
    screenshot(phone_page, "auth-04-login-phone")


def test_unknown_page_in_the_browser(live_app, page):
    response = page.goto(f"{live_app.config['LIVE_URL']}/missing-page")
    assert response.status == 404
    expect(page.get_by_text("We could not find that page.")).to_be_visible()
    screenshot(page, "errors-404")
