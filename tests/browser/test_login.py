import pytest

from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_anonymous_visitor_is_sent_to_sign_in(page):
    page.goto("/")
    assert "/accounts/login/" in page.url
    assert page.get_by_role("heading", name="Sign in").is_visible()


def test_sign_in_page_has_no_serious_accessibility_violations(page):
    page.goto("/accounts/login/")
    assert axe_violations(page) == []


def test_wrong_password_shows_error_summary(page, alice):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Enter a correct username and password" in summary.inner_text()


def test_staff_member_signs_in_and_sees_their_role(sign_in, alice):
    page = sign_in(alice)
    assert page.get_by_text("Complaints team").first.is_visible()
