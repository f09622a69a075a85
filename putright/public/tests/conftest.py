import pytest

from putright.complaints.services import procedure_ensure_builtins
from putright.public.models import PublicService


@pytest.fixture
def procedures(db):
    return procedure_ensure_builtins()


@pytest.fixture
def services(procedures, childrens, send_team, adults):
    return {
        "send": PublicService.objects.create(
            name="Special educational needs (SEND)",
            directorate=childrens,
            team=send_team,
            position=1,
        ),
        "care": PublicService.objects.create(
            name="Care and support for adults", directorate=adults, position=2
        ),
        "unsure": PublicService.objects.create(
            name="Complaints team triage",
            directorate=adults,
            receives_unsure=True,
            position=99,
        ),
    }
