"""Reads never write: no council is invented on a read; `putright setup` creates it (§7)."""

import io

import pytest
from django.core.management import CommandError, call_command

from putright.accounts.models import User
from putright.audit.models import AuditEvent
from putright.organisation.models import (
    ClosureDay,
    Council,
    CouncilNotSetUp,
    council_scope_close,
    council_scope_open,
)

pytestmark = [pytest.mark.django_db, pytest.mark.no_council]


def setup(*args: str) -> str:
    out = io.StringIO()
    call_command("setup", "--noinput", *args, stdout=out)
    return out.getvalue()


def test_load_on_an_empty_database_fails_loudly_and_writes_nothing():
    with pytest.raises(CouncilNotSetUp, match="putright setup --council NAME"):
        Council.load()
    assert not Council.objects.exists()


def test_setup_creates_the_council_and_its_first_administrator(monkeypatch):
    monkeypatch.setenv("PUTRIGHT_ADMIN_PASSWORD", "a long enough pass phrase")
    out = setup(
        "--council", "Testford City Council", "--nation", "Wales",
        "--authority-type", "unitary", "--population", "250,000", "--homes", "12000",
        "--financial-year-start", "4",
        "--admin", "amira", "--admin-email", "amira@testford.gov.uk",
    )  # fmt: skip
    council = Council.load()
    assert (council.name, council.nation, council.kind) == (
        "Testford City Council",
        "wales",
        "unitary",
    )
    assert (council.population, council.homes) == (250_000, 12_000)
    admin = User.objects.get(username="amira")
    assert admin.role == User.Role.ADMINISTRATOR
    assert admin.is_superuser
    assert admin.is_staff
    assert admin.check_password("a long enough pass phrase")
    assert "Set up Testford City Council." in out
    assert AuditEvent.objects.filter(verb="council.set_up").count() == 1


def test_setup_run_again_updates_only_what_it_is_given():
    setup("--council", "Testford", "--nation", "england", "--population", "100")
    out = setup("--council", "Testford City Council", "--nation", "england")
    council = Council.objects.get()
    assert council.name == "Testford City Council"
    assert council.population == 100
    assert "Updated Testford City Council." in out
    assert "Unchanged:" in setup(
        "--council", "Testford City Council", "--nation", "england"
    )


def test_setup_without_a_password_leaves_the_administrator_to_set_one(monkeypatch):
    monkeypatch.delenv("PUTRIGHT_ADMIN_PASSWORD", raising=False)
    out = setup(
        "--council", "Testford", "--nation", "england",
        "--admin", "amira", "--admin-email", "amira@testford.gov.uk",
        "--admin-role", "complaints_team",
    )  # fmt: skip
    admin = User.objects.get(username="amira")
    assert admin.role == User.Role.COMPLAINTS_TEAM
    assert not admin.has_usable_password()
    assert "putright changepassword amira" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--nation", "england"], "Give the council's name with --council."),
        (["--council", "T", "--nation", "france"], "Nation 'france' is not recognised"),
        (
            ["--council", "T", "--nation", "wales", "--authority-type", "parish"],
            "Authority type 'parish' is not recognised",
        ),
        (["--council", "T", "--nation", "wales", "--population", "many"], "--population 'many' is not a whole number"),
        (["--council", "T", "--nation", "wales", "--homes", "-3"], "Homes must be 0 or more."),
        (
            ["--council", "T", "--nation", "wales", "--financial-year-start", "13"],
            "a month from 1 (January) to 12",
        ),
        (
            ["--council", "T", "--nation", "wales", "--admin", "amira"],
            "Email '' is not an email address",
        ),
        (
            ["--council", "T", "--nation", "wales", "--admin", "a b", "--admin-email", "a@b.uk"],
            "Username 'a b' is not allowed",
        ),
        (
            ["--council", "T", "--nation", "wales", "--admin", "amira",
             "--admin-email", "a@b.uk", "--admin-role", "king"],
            "Role 'king' is not recognised",
        ),
    ],
)  # fmt: skip
def test_setup_refuses_bad_values_with_a_specific_message_and_changes_nothing(
    args, message
):
    with pytest.raises(CommandError, match=None) as raised:
        setup(*args)
    assert raised.value.returncode == 2
    assert message in str(raised.value)
    assert not Council.objects.exists()
    assert not User.objects.exists()


def test_setup_rejection_keeps_an_existing_council_as_it_was():
    setup("--council", "Testford", "--nation", "england")
    with pytest.raises(CommandError):
        setup("--council", "Renamed", "--nation", "england", "--homes", "-1")
    assert Council.objects.get().name == "Testford"


def test_a_page_with_no_council_explains_how_to_set_it_up(client, alice):
    client.force_login(alice)
    response = client.get("/dashboard/")
    assert response.status_code == 503
    html = response.content.decode()
    assert "The council has not been set up yet" in html
    assert "putright setup" in html


def test_the_api_with_no_council_answers_with_a_message(client, alice):
    client.force_login(alice)
    response = client.get("/api/v1/stats")
    assert response.status_code == 503
    assert "putright setup" in response.json()["detail"]


def test_a_request_reads_the_council_once_and_a_change_is_read_afresh(
    django_assert_num_queries,
):
    Council.objects.create(name="Testford")
    token = council_scope_open()
    try:
        with django_assert_num_queries(2):  # the council, then its closure days
            Council.load().closure_dates()
            Council.load().closure_dates()
        council = Council.load()
        ClosureDay.objects.create(council=council, date="2026-12-24")
        assert [str(day) for day in Council.load().closure_dates()] == ["2026-12-24"]
        Council.objects.filter(pk=council.pk).update(name="Renamed")
        council.save(update_fields=["updated_at"])
        assert Council.load().name == "Renamed"
    finally:
        council_scope_close(token)


def test_setup_sets_a_readable_brand_colour_and_refuses_one_too_light():
    setup("--council", "Testford", "--nation", "england", "--brand-colour", "#005a70")
    assert Council.objects.get().brand_colour == "#005a70"
    with pytest.raises(CommandError) as refused:
        setup(
            "--council", "Testford", "--nation", "england", "--brand-colour", "#ffdd00"
        )
    assert "contrast of 1.3 to 1" in str(refused.value)
    assert "Nothing was changed." in str(refused.value)
    assert Council.objects.get().brand_colour == "#005a70"
