"""Sign-in in a real browser: single sign-on through a real OpenID provider, and the
second factor at local sign-in (set-up with a QR code and key, then the code each time)."""

import copy
import re

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from putright.signin.tests.provider.process import running_provider
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def provider(live_server):
    with running_provider([f"{live_server.url}/accounts/sso/callback/"]) as running:
        yield running


@pytest.fixture
def sso(settings, provider):
    settings.PUTRIGHT_OIDC_ISSUER = provider.issuer
    settings.OIDC_RP_CLIENT_ID = provider.client_id
    settings.OIDC_RP_CLIENT_SECRET = provider.client_secret
    settings.PUTRIGHT_OIDC_ROLE_MAP = {"Complaints officers": "complaints_team"}
    settings.PUTRIGHT_OIDC_DIRECTORATE_CLAIM = "department"
    settings.PUTRIGHT_OIDC_TEAM_CLAIM = "team"
    settings.PUTRIGHT_SECOND_FACTOR_REQUIRED = True
    # base.py adds the issuer's origin to form-action when the issuer comes from the
    # environment, so signing out can continue to the provider: the same here.
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"].append(provider.issuer.rsplit("/o", 1)[0])
    settings.CONTENT_SECURITY_POLICY = policy
    return provider


def _code(device):
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def test_officer_signs_in_through_the_councils_provider_with_the_role_mapped(
    page, sso, send_team
):
    page.goto("/cases/")
    page.get_by_role("button", name="Sign in with your council account").click()
    assert page.get_by_role("heading", name="Council sign-in").is_visible()
    page.get_by_label("Council username").fill("pat")
    page.get_by_label("Council password").fill("pat's council password")
    page.get_by_role("button", name="Sign in to the council").click()
    page.wait_for_load_state("networkidle")
    assert re.search(r"/cases/$", page.url)
    page.goto("/")
    assert page.get_by_text("Complaints team").first.is_visible()
    # Signing out ends the provider's session too and comes back to sign-in.
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/accounts/login/")
    page.get_by_role("button", name="Sign in with your council account").click()
    assert page.get_by_role("heading", name="Council sign-in").is_visible()


def test_person_without_a_mapped_group_is_told_why(page, sso):
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in with your council account").click()
    page.get_by_label("Council username").fill("quinn")
    page.get_by_label("Council password").fill("quinn's council password")
    page.get_by_role("button", name="Sign in to the council").click()
    heading = page.get_by_role("heading", name="You cannot sign in to putright yet")
    assert heading.is_visible()
    assert page.get_by_text("not in any group that gives a role").is_visible()
    assert axe_violations(page) == []


def test_local_sign_in_asks_for_the_second_factor(page, sign_in, alice, settings):
    settings.PUTRIGHT_SECOND_FACTOR_REQUIRED = True
    device = TOTPDevice.objects.create(user=alice, name="Authenticator app")
    sign_in(alice)
    assert page.get_by_role("heading", name="Enter your security code").is_visible()
    assert axe_violations(page) == []
    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Continue").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert (
        "The code is not correct" in page.locator(".govuk-error-summary").inner_text()
    )
    page.wait_for_timeout(1500)  # django-otp makes a wrong code wait a second
    page.get_by_label("Code from your authenticator app").fill(_code(device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Complaints team").first.is_visible()


def test_first_local_sign_in_sets_up_the_authenticator_app(
    page, sign_in, alice, settings
):
    settings.PUTRIGHT_SECOND_FACTOR_REQUIRED = True
    sign_in(alice)
    assert page.get_by_role(
        "heading", name="Set up your authenticator app"
    ).is_visible()
    qr = page.get_by_role("img", name=re.compile("QR code"))
    assert qr.is_visible()
    assert qr.evaluate("img => img.naturalWidth") > 0  # the CSP let the image draw
    assert axe_violations(page) == []
    key = page.locator("#manual-key").inner_text()
    device = TOTPDevice.objects.get(user=alice)
    assert key.replace(" ", "") in device.config_url
    page.get_by_label("Code from your authenticator app").fill(_code(device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Your authenticator app is set up").is_visible()
