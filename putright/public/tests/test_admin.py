"""The council's list of public services, as the administrator edits it."""

import pytest

from putright.public.admin import PublicServiceForm
from putright.public.models import PublicService

pytestmark = pytest.mark.django_db


def test_team_must_be_in_the_chosen_directorate(childrens, adults_team):
    form = PublicServiceForm(
        data={
            "name": "SEND",
            "directorate": childrens.pk,
            "team": adults_team.pk,
            "position": 0,
            "is_active": "on",
        }
    )
    assert not form.is_valid()
    assert form.errors["team"] == ["Choose a team in the chosen directorate."]


def test_only_one_service_receives_unsure(childrens, adults):
    PublicService.objects.create(
        name="Triage", directorate=adults, receives_unsure=True
    )
    form = PublicServiceForm(
        data={
            "name": "Other",
            "directorate": childrens.pk,
            "receives_unsure": "on",
            "position": 0,
        }
    )
    assert not form.is_valid()
    assert "Another service already receives" in form.errors["receives_unsure"][0]


def test_without_an_unsure_service_the_choice_is_not_offered(client, childrens):
    PublicService.objects.create(name="Schools", directorate=childrens)
    body = client.get("/feedback/complaint/service/").content.decode()
    assert "Schools" in body
    assert "I&#x27;m not sure" not in body


def test_with_no_public_services_the_directorates_are_offered(
    client, childrens, adults
):
    body = client.get("/feedback/complaint/service/").content.decode()
    assert "Children&#x27;s" in body
    assert "Adults" in body


def test_a_service_switched_off_is_not_offered(client, childrens):
    PublicService.objects.create(name="Schools", directorate=childrens, is_active=False)
    PublicService.objects.create(name="Libraries", directorate=childrens)
    body = client.get("/feedback/complaint/service/").content.decode()
    assert "Schools" not in body
    assert "Libraries" in body
