"""The second factor: who must give a code, enrolment, checking, and recovery."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from putright.accounts.models import User
from putright.audit.models import AuditEvent
from putright.signin.services import second_factor_needed

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _required(settings):
    settings.PUTRIGHT_SECOND_FACTOR_REQUIRED = True


def _code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _device(user):
    return TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=True
    )


def _password_sign_in(client, user):
    return client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )


@pytest.mark.parametrize(
    ("role", "needed"),
    [
        (User.Role.COMPLAINTS_TEAM, True),
        (User.Role.MANAGER, True),
        (User.Role.SERVICE_OFFICER, True),
        (User.Role.ADMINISTRATOR, True),
        (User.Role.REPORTING_VIEWER, False),
    ],
)
def test_roles_that_see_case_data_and_administrators_need_a_second_factor(role, needed):
    from putright.accounts.tests.factories import UserFactory

    assert second_factor_needed(UserFactory(role=role)) is needed


def test_superuser_flag_needs_a_second_factor_whatever_the_role(erin):
    erin.is_superuser = True
    assert second_factor_needed(erin)


def test_password_alone_does_not_open_the_case_list(client, alice):
    _device(alice)
    _password_sign_in(client, alice)
    response = client.get("/cases/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/second-factor/?next=%2Fcases%2F"
    assert client.get("/dashboard/").status_code == 302


def test_right_code_opens_the_page_asked_for(client, alice):
    device = _device(alice)
    _password_sign_in(client, alice)
    response = client.post(
        reverse("signin:second_factor"), {"code": _code(device), "next": "/cases/"}
    )
    assert response["Location"] == "/cases/"
    assert client.get("/cases/").status_code == 200


def test_wrong_code_is_refused_with_a_clear_message(client, alice):
    _device(alice)
    _password_sign_in(client, alice)
    response = client.post(reverse("signin:second_factor"), {"code": "000000"})
    assert response.status_code == 200
    assert b"The code is not correct" in response.content
    assert client.get("/cases/").status_code == 302


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", b"Enter the 6-digit code from your authenticator app."),
        ("12345", b"Enter the code as 6 digits, for example 123456."),
        ("abcdef", b"Enter the code as 6 digits, for example 123456."),
    ],
)
def test_malformed_codes_get_specific_messages(client, alice, typed, message):
    _device(alice)
    _password_sign_in(client, alice)
    response = client.post(reverse("signin:second_factor"), {"code": typed})
    assert message in response.content


def test_repeated_wrong_codes_are_throttled(client, alice):
    device = _device(alice)
    _password_sign_in(client, alice)
    for _ in range(3):
        client.post(reverse("signin:second_factor"), {"code": "000000"})
    response = client.post(reverse("signin:second_factor"), {"code": _code(device)})
    assert b"Too many wrong codes" in response.content
    assert client.get("/cases/").status_code == 302


def test_next_is_never_another_site(client, alice):
    device = _device(alice)
    _password_sign_in(client, alice)
    response = client.post(
        reverse("signin:second_factor"),
        {"code": _code(device), "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_first_sign_in_sets_up_the_app_with_a_qr_code_and_a_key(client, alice):
    _password_sign_in(client, alice)
    assert client.get("/cases/")["Location"].startswith(
        reverse("signin:second_factor_setup")
    )
    page = client.get(reverse("signin:second_factor_setup")).content.decode()
    assert 'src="data:image/svg+xml' in page
    key = re.search(r'<code id="manual-key">([A-Z2-7 ]+)</code>', page).group(1)
    device = TOTPDevice.objects.get(user=alice)
    assert not device.confirmed
    assert key.replace(" ", "") in device.config_url
    # Reloading keeps the same key, so a half-finished set-up is not broken.
    assert key in client.get(reverse("signin:second_factor_setup")).content.decode()
    response = client.post(
        reverse("signin:second_factor_setup"),
        {"code": _code(device), "next": "/cases/"},
    )
    assert response["Location"] == "/cases/"
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(verb="second_factor_enrolled").count() == 1
    assert client.get("/cases/").status_code == 200


def test_set_up_refuses_a_wrong_first_code(client, alice):
    _password_sign_in(client, alice)
    client.get(reverse("signin:second_factor_setup"))
    response = client.post(reverse("signin:second_factor_setup"), {"code": "000000"})
    assert b"The code is not correct" in response.content
    assert not TOTPDevice.objects.get(user=alice).confirmed


def test_a_confirmed_device_cannot_be_replaced_without_its_code(client, alice):
    _device(alice)
    _password_sign_in(client, alice)
    response = client.get(reverse("signin:second_factor_setup"))
    assert response["Location"] == reverse("signin:second_factor")


def test_reporting_viewer_signs_in_with_a_password_alone(client, erin):
    _password_sign_in(client, erin)
    assert client.get("/dashboard/").status_code == 200
    # No set-up page for a role that does not need it: it would protect nothing.
    assert client.get(reverse("signin:second_factor_setup"))["Location"] == "/"
    assert not TOTPDevice.objects.exists()


def test_requirement_off_lets_a_password_through_and_the_page_says_so(
    client, alice, settings
):
    settings.PUTRIGHT_SECOND_FACTOR_REQUIRED = False
    assert b"the second factor (a code from an authenticator app) is switched off" in (
        client.get("/accounts/login/").content
    )
    _password_sign_in(client, alice)
    assert client.get("/cases/").status_code == 200


def test_production_check_refuses_the_requirement_off(settings):
    from putright.signin.checks import second_factor_is_required

    settings.PUTRIGHT_SECOND_FACTOR_REQUIRED = False
    assert [e.id for e in second_factor_is_required(None)] == ["putright.signin.E003"]
    settings.PUTRIGHT_SECOND_FACTOR_REQUIRED = True
    assert second_factor_is_required(None) == []


def _verified(client, user):
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or _device(
        user
    )
    _password_sign_in(client, user)
    client.post(reverse("signin:second_factor"), {"code": _code(device)})


def test_complaints_team_resets_a_colleagues_device_and_it_is_audited(
    client, alice, bob
):
    _device(bob)
    _verified(client, alice)
    page = client.get(reverse("signin:staff_second_factors"))
    assert page.status_code == 200
    assert bob.username.encode() in page.content
    response = client.post(reverse("signin:staff_second_factor_reset", args=[bob.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=bob).exists()
    event = AuditEvent.objects.get(verb="second_factor_reset")
    assert event.actor == alice
    assert event.target_id == str(bob.pk)


def test_nobody_resets_their_own_device(client, alice):
    _verified(client, alice)
    client.post(reverse("signin:staff_second_factor_reset", args=[alice.pk]))
    assert TOTPDevice.objects.filter(user=alice, confirmed=True).exists()
    assert not AuditEvent.objects.filter(verb="second_factor_reset").exists()


def test_service_officer_cannot_reset_devices(client, bob, dan):
    _device(dan)
    _verified(client, bob)
    response = client.post(reverse("signin:staff_second_factor_reset", args=[dan.pk]))
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=dan).exists()


def test_reset_needs_a_post(client, alice, bob):
    _device(bob)
    _verified(client, alice)
    response = client.get(reverse("signin:staff_second_factor_reset", args=[bob.pk]))
    assert response.status_code == 405
    assert TOTPDevice.objects.filter(user=bob).exists()


def test_command_line_reset_is_the_way_back_for_the_only_administrator(admin_user):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    _device(admin_user)
    out = StringIO()
    call_command("second_factor_reset", "admin", "--dry-run", stdout=out)
    assert "Would reset" in out.getvalue()
    assert TOTPDevice.objects.filter(user=admin_user).exists()
    call_command("second_factor_reset", "admin", stdout=out)
    assert not TOTPDevice.objects.filter(user=admin_user).exists()
    event = AuditEvent.objects.get(verb="second_factor_reset")
    assert event.actor is None
    assert "command line" in event.message
    with pytest.raises(
        CommandError, match="There is no putright user called 'nobody'."
    ):
        call_command("second_factor_reset", "nobody")
