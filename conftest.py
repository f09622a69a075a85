"""Shared personas and fixtures for the whole suite.

Personas (healthchecks-style): the complaints team officer `alice`; `bob`, a service officer in
Children's SEND Team; `carol`, Bob's manager; `dan`, an officer in another directorate;
`erin`, a reporting viewer; `admin`, an administrator.

The council: a real installation gets its council from `putright setup` (or `putright demo`),
and `Council.load()` never creates one. Every test that uses the database gets the default
council from the `council` fixture; mark a test `no_council` to see an empty installation.
"""

import pytest

from putright.accounts.models import User
from putright.accounts.tests.factories import UserFactory
from putright.organisation.models import Council
from putright.organisation.tests.factories import DirectorateFactory, TeamFactory

PASSWORD = "correct horse battery"
DATABASE_FIXTURES = ("db", "transactional_db", "live_server")


@pytest.fixture
def council(db):
    """The council with its default settings, as set-up leaves it."""
    return Council.objects.create()


@pytest.fixture(autouse=True)
def _council_set_up(request):
    """Tests that use the database run in a set-up installation unless marked no_council."""
    if request.node.get_closest_marker("no_council"):
        return
    uses_database = request.node.get_closest_marker("django_db") or any(
        name in request.fixturenames for name in DATABASE_FIXTURES
    )
    if uses_database:
        request.getfixturevalue("council")


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


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (read-audit windows, throttles)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


class TaskQueue:
    """The database task queue, as production runs it, with the worker run on demand."""

    def tasks(self):
        from django_tasks_db.models import DBTaskResult

        return DBTaskResult.objects.order_by("enqueued_at")

    def work(self) -> None:
        """Run `putright db_worker --batch`: every ready task, then stop.

        The worker closes stale connections between tasks; here the connection holds
        the test's transaction, so it is kept open.
        """
        from unittest import mock

        from django.core.management import call_command

        with mock.patch(
            "django_tasks_db.management.commands.db_worker.close_old_connections"
        ):
            call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


@pytest.fixture
def task_queue(settings):
    """Queue background work in the database (the production default) instead of at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return TaskQueue()
