"""The demo council's front door lists its services in plain words."""

import pytest

from putright.complaints.services import procedure_ensure_builtins
from putright.demo.services import demo_organisation_ensure, demo_public_services_ensure
from putright.public.models import PublicService

pytestmark = pytest.mark.django_db


def test_demo_front_door_offers_every_team_and_i_am_not_sure(client):
    procedure_ensure_builtins()
    teams = demo_organisation_ensure()
    assert demo_public_services_ensure(teams) == len(teams)
    assert demo_public_services_ensure(teams) == 0, "safe to run again"
    bins = PublicService.objects.get(name="Bins, recycling and waste")
    assert bins.team.name == "Waste and Recycling"
    care = PublicService.objects.get(name="Children's Social Care")
    assert care.procedure.code == "children_1989"
    assert PublicService.objects.filter(receives_unsure=True).count() == 1
    body = client.get("/feedback/complaint/service/").content.decode()
    assert "Bins, recycling and waste" in body
    assert "I&#x27;m not sure" in body
