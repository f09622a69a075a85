"""Who sees which Ombudsman case: the complaints team every one, a head of service their own
services' (read-only), everyone else none. The table is written out by hand."""

import pytest

from putright.accounts.models import User
from putright.accounts.tests.factories import UserFactory
from putright.complaints.tests.factories import logged_complaint
from putright.ombudsman import selectors
from putright.ombudsman.tests.factories import OmbudsmanCaseFactory

# persona -> the Ombudsman cases they read; None: no access to the pages at all (403).
TABLE = {
    "alice": {"childrens", "adults", "linked", "unattributed"},
    "carol": {"childrens", "linked"},
    "adults_manager": {"adults"},
    "manager_without_directorate": set(),
    "bob": None,
    "dan": None,
    "erin": None,
    "admin_user": None,
}
CASES = ("childrens", "adults", "linked", "unattributed")


@pytest.fixture
def adults_manager(adults):
    return UserFactory(
        username="harriet", role=User.Role.MANAGER, directorate=adults, team=None
    )


@pytest.fixture
def manager_without_directorate(db):
    return UserFactory(username="ian", role=User.Role.MANAGER, directorate=None)


@pytest.fixture
def ombudsman_cases(alice, childrens, send_team, adults, adults_team):
    complaint = logged_complaint(by=alice, directorate=childrens, team=send_team)
    return {
        "childrens": OmbudsmanCaseFactory(
            reference="22 001 001", directorate=childrens
        ),
        "adults": OmbudsmanCaseFactory(reference="22 002 002", directorate=adults),
        # No directorate recorded: it belongs to the services of the linked complaint.
        "linked": OmbudsmanCaseFactory(
            reference="22 003 003", directorate=None, case=complaint
        ),
        "unattributed": OmbudsmanCaseFactory(reference="22 004 004", directorate=None),
    }


@pytest.mark.parametrize("persona", list(TABLE))
def test_who_sees_which_ombudsman_case(request, client, ombudsman_cases, persona):
    user = request.getfixturevalue(persona)
    expected = TABLE[persona]
    client.force_login(user)
    listing = client.get("/ombudsman/")
    if expected is None:
        assert listing.status_code == 403
        assert not any(
            item.reference in listing.content.decode()
            for item in ombudsman_cases.values()
        )
        for item in ombudsman_cases.values():
            assert client.get(f"/ombudsman/{item.pk}/").status_code == 403
        return
    assert listing.status_code == 200
    body = listing.content.decode()
    shown = {name for name, item in ombudsman_cases.items() if item.reference in body}
    assert shown == expected
    listed = selectors.ombudsman_case_list(user=user)
    assert {item.reference for item in listed} == {
        ombudsman_cases[name].reference for name in expected
    }
    for name in CASES:
        status = client.get(f"/ombudsman/{ombudsman_cases[name].pk}/").status_code
        assert status == (200 if name in expected else 404), name


def test_a_head_of_service_reads_but_does_not_decide(client, carol, ombudsman_cases):
    item = ombudsman_cases["childrens"]
    client.force_login(carol)
    body = client.get(f"/ombudsman/{item.pk}/").content.decode()
    assert "Record the decision" not in body
    assert "Add a recommendation" not in body
    assert "The complaints team records this case's decision" in body
    assert "Record an Ombudsman case" not in client.get("/ombudsman/").content.decode()
    for url in (f"/ombudsman/{item.pk}/decision/", "/ombudsman/new/"):
        assert client.get(url).status_code == 403
        assert client.post(url, {}).status_code == 403


def test_the_navigation_offers_ombudsman_cases_to_a_head_of_service(client, carol, bob):
    client.force_login(carol)
    assert 'href="/ombudsman/"' in client.get("/").content.decode()
    client.force_login(bob)
    assert 'href="/ombudsman/"' not in client.get("/").content.decode()
