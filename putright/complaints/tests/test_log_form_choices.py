"""The log form offers what the council uses and starts from the likeliest choices (issue 13).

Procedures: only the council's nation's built-ins and its own; the default for a complaint is
the one the directorate's complaints usually follow, else the nation's corporate procedure.
Teams: the complaints team chooses the service first (no JavaScript) and is then offered only
its teams.
"""

import datetime as dt

import pytest
from django.urls import reverse

from putright.complaints import services
from putright.complaints.constants import Kind
from putright.complaints.models import Procedure
from putright.complaints.tests.factories import logged_complaint
from putright.organisation.models import Council
from putright.organisation.tests.factories import TeamFactory

URL = reverse("complaints:case_log")


def _offered(response):
    return {p.code for p in response.context["form"].fields["procedure"].queryset}


def test_an_english_council_is_offered_only_english_procedures_and_its_own(
    client, alice
):
    Procedure.objects.create(
        code="council_own",
        name="Our own procedure",
        family="corporate",
        day_basis="calendar",
        ombudsman="lgsco",
    )
    client.force_login(alice)
    offered = _offered(client.get(URL))
    assert offered == {
        "lgsco_code",
        "ho_code",
        "children_1989",
        "adults_2009",
        "public_health_2012",
        "council_own",
    }


def test_a_scottish_council_is_offered_the_spso_procedure_and_it_is_the_default(
    client, alice
):
    Council.objects.update(nation=Council.Nation.SCOTLAND)
    client.force_login(alice)
    response = client.get(URL)
    assert _offered(response) == {"spso_mchp"}
    assert response.context["form"].initial["procedure"].code == "spso_mchp"


def test_a_complaint_defaults_to_the_procedure_its_directorate_usually_follows(
    client, alice, carol, childrens, send_team
):
    statutory = Procedure.objects.get(code="children_1989")
    for _ in range(2):
        logged_complaint(
            by=alice,
            directorate=childrens,
            team=send_team,
            procedure=statutory,
            received=dt.date.today(),
        )
    client.force_login(carol)  # a manager in Children's: their own directorate
    form = client.get(URL).context["form"]
    assert form.initial["procedure"] == statutory
    assert form.initial["kind"] == Kind.COMPLAINT


def test_with_no_history_a_complaint_defaults_to_the_nations_corporate_procedure(
    client, carol
):
    client.force_login(carol)
    assert client.get(URL).context["form"].initial["procedure"].code == "lgsco_code"


def test_the_complaints_team_chooses_the_service_first_and_sees_only_its_teams(
    client, alice, send_team, adults_team
):
    client.force_login(alice)
    every = client.get(URL)
    teams = {t.pk for t in every.context["form"].fields["team"].queryset}
    assert teams == {send_team.pk, adults_team.pk}
    chosen = client.get(URL, {"directorate": send_team.directorate_id})
    form = chosen.context["form"]
    assert {t.pk for t in form.fields["team"].queryset} == {send_team.pk}
    assert form.initial["directorate"] == send_team.directorate_id
    assert "Show its teams and officers" in chosen.content.decode()


def test_an_officer_has_no_service_to_choose_and_sees_their_directorates_teams(
    client, bob, send_team, adults_team
):
    other = TeamFactory(directorate=send_team.directorate, name="Fostering")
    client.force_login(bob)
    response = client.get(URL, {"directorate": adults_team.directorate_id})
    teams = {t.pk for t in response.context["form"].fields["team"].queryset}
    assert teams == {send_team.pk, other.pk}
    assert "Show its teams and officers" not in response.content.decode()


@pytest.mark.parametrize("kind", [Kind.COMPLIMENT, Kind.COMMENT])
def test_contacts_that_are_not_complaints_have_no_default_procedure(kind, childrens):
    assert services.procedure_default(kind=kind, directorate=childrens) is None
