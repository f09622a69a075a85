"""Shared personas and fixtures for the whole suite.

Personas (healthchecks-style): the complaints team officer `alice`; `bob`, a service officer in
Children's SEND Team; `carol`, Bob's manager; `dan`, an officer in another directorate;
`erin`, a reporting viewer; `admin`, an administrator.
"""

import pytest

from putright.accounts.models import User
from putright.accounts.tests.factories import UserFactory
from putright.organisation.tests.factories import DirectorateFactory, TeamFactory

PASSWORD = "correct horse battery"


@pytest.fixture
def childrens(db):
    return DirectorateFactory(name="Children's")


@pytest.fixture
def send_team(childrens):
    return TeamFactory(directorate=childrens, name="SEND Team")


@pytest.fixture
def adults(db):
    return DirectorateFactory(name="Adults")


@pytest.fixture
def adults_team(adults):
    return TeamFactory(directorate=adults, name="Mental Health Team")


@pytest.fixture
def alice(db):
    return UserFactory(username="alice", role=User.Role.COMPLAINTS_TEAM)


@pytest.fixture
def bob(send_team):
    return UserFactory(
        username="bob",
        role=User.Role.SERVICE_OFFICER,
        directorate=send_team.directorate,
        team=send_team,
    )


@pytest.fixture
def carol(send_team):
    return UserFactory(
        username="carol",
        role=User.Role.MANAGER,
        directorate=send_team.directorate,
        team=send_team,
    )


@pytest.fixture
def dan(adults_team):
    return UserFactory(
        username="dan",
        role=User.Role.SERVICE_OFFICER,
        directorate=adults_team.directorate,
        team=adults_team,
    )


@pytest.fixture
def erin(db):
    return UserFactory(username="erin", role=User.Role.REPORTING_VIEWER)


@pytest.fixture
def admin_user(db):
    return UserFactory(
        username="admin", role=User.Role.ADMINISTRATOR, is_staff=True, is_superuser=True
    )
