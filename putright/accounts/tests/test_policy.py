"""The role table: what each role may do, and that the superuser flag adds no data access."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from putright.accounts import policy
from putright.accounts.models import User
from putright.accounts.policy import Capability
from putright.accounts.tests.factories import UserFactory

C = Capability
# Written out by hand from the roles as the README and RULES §8.9 describe them, not derived
# from ROLE_CAPABILITIES: reporting viewers and administrators see no case data.
EXPECTED = {
    User.Role.COMPLAINTS_TEAM: {
        C.CASEWORK,
        C.ALL_CASES,
        C.OMBUDSMAN,
        C.OMBUDSMAN_READ,
        C.DASHBOARD,
        C.REPORTS,
        C.INTERNAL_REPORT,
        C.REPORT_COMMENTARY,
        C.SIGN_IN_RECOVERY,
        C.PUBLICATION,
        C.SENT_EMAILS,
        C.IMPORTS,
    },
    User.Role.MANAGER: {
        C.CASEWORK,
        C.SERVICE_OVERSIGHT,
        C.OMBUDSMAN_READ,
        C.DASHBOARD,
        C.REPORTS,
        C.INTERNAL_REPORT,
    },
    User.Role.SERVICE_OFFICER: {C.CASEWORK, C.DASHBOARD},
    User.Role.REPORTING_VIEWER: {C.DASHBOARD, C.REPORTS},
    User.Role.ADMINISTRATOR: {
        C.DASHBOARD,
        C.REPORTS,
        C.REPORT_COMMENTARY,
        C.ADMINISTRATION,
        C.SIGN_IN_RECOVERY,
        C.SENT_EMAILS,
    },
}


@pytest.mark.parametrize("role", list(User.Role))
@pytest.mark.parametrize("capability", list(Capability))
def test_each_role_has_exactly_its_capabilities(db, role, capability):
    user = UserFactory(role=role)
    assert policy.can(user, capability) is (capability in EXPECTED[role])


@pytest.mark.parametrize("role", list(User.Role))
def test_superuser_flag_adds_administration_and_no_case_data(db, role):
    user = UserFactory(role=role, is_superuser=True, is_staff=True)
    assert policy.capabilities(user) == frozenset(EXPECTED[role] | {C.ADMINISTRATION})


def test_inactive_and_anonymous_users_have_nothing(db):
    inactive = UserFactory(role=User.Role.COMPLAINTS_TEAM, is_active=False)
    assert policy.capabilities(inactive) == frozenset()
    assert policy.capabilities(AnonymousUser()) == frozenset()


def test_require_raises_permission_denied(db):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        policy.require(UserFactory(role=User.Role.REPORTING_VIEWER), C.CASEWORK)


def test_forbidden_page_names_the_roles_that_may_use_it(db):
    request = RequestFactory().get("/reports/")
    request.user = UserFactory(role=User.Role.SERVICE_OFFICER)

    @policy.role_required(C.REPORTS)
    def view(request):  # pragma: no cover - never reached
        raise AssertionError

    response = view(request)
    body = response.content.decode()
    assert response.status_code == 403
    assert (
        "complaints team, manager or head of service, reporting viewer and administrator"
        in body
    )


def test_internal_report_is_for_the_complaints_team_and_a_managers_own_directorate(
    alice, carol, erin, admin_user, bob, childrens, adults
):
    assert policy.may_read_internal_report(alice, None)
    assert policy.may_read_internal_report(alice, adults.pk)
    assert policy.may_read_internal_report(carol, childrens.pk)
    assert not policy.may_read_internal_report(carol, adults.pk)
    assert not policy.may_read_internal_report(carol, None)
    for user in (erin, admin_user, bob):
        assert not policy.may_read_internal_report(user, None)
        assert not policy.may_read_internal_report(user, childrens.pk)
