"""`putright createsuperuser` never makes a role-less superuser."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from putright.accounts import policy
from putright.accounts.models import User
from putright.audit.models import AuditEvent


def _create(*extra: str) -> None:
    call_command(
        "createsuperuser", "--noinput", "--username", "root",
        "--email", "root@council.example", *extra,
    )  # fmt: skip


@pytest.mark.django_db
def test_a_new_superuser_is_an_administrator_by_default():
    _create()
    user = User.objects.get(username="root")
    assert user.is_superuser
    assert user.role == User.Role.ADMINISTRATOR
    assert policy.can(user, "administration")
    assert AuditEvent.objects.filter(verb="user.set_up").exists()


@pytest.mark.django_db
def test_the_role_option_gives_the_chosen_role():
    _create("--role", "complaints_team")
    user = User.objects.get(username="root")
    assert user.role == User.Role.COMPLAINTS_TEAM
    assert policy.can(user, "casework")


@pytest.mark.django_db
def test_an_unknown_role_is_refused_and_no_user_is_made():
    with pytest.raises(
        CommandError, match="Role 'wizard' is not recognised: use one of"
    ):
        _create("--role", "wizard")
    assert not User.objects.filter(username="root").exists()
