"""The complainant's language on the case page, and changing it (audited)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from putright.audit.models import AuditEvent
from putright.complaints import services
from putright.complaints.models import Case
from putright.complaints.tests.factories import logged_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(alice, bob, childrens, send_team):
    return logged_complaint(
        by=alice, directorate=childrens, team=send_team, handler=bob
    )


def test_the_case_page_says_which_language_letters_are_in(client, alice, case):
    Case.objects.filter(pk=case.pk).update(language="cy")
    client.force_login(alice)
    body = client.get(case.get_absolute_url()).content.decode()
    assert "Letters in" in body
    assert '<span lang="cy">Cymraeg</span>' in body
    change = reverse("complaints:case_action", args=[case.reference, "language"])
    assert f'href="{change}"' in body


def test_the_officer_changes_the_language_and_the_change_is_audited(client, bob, case):
    client.force_login(bob)
    url = reverse("complaints:case_action", args=[case.reference, "language"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"version": case.version, "language": "cy"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.language == "cy"
    event = AuditEvent.objects.get(verb="case.language_changed", case=case)
    assert event.before["language"] == "en-gb"
    assert event.after["language"] == "cy"
    assert event.message == "Letters and emails now in Cymraeg."


def test_an_unknown_language_is_refused_with_a_clear_message(client, alice, case):
    client.force_login(alice)
    url = reverse("complaints:case_action", args=[case.reference, "language"])
    response = client.post(url, {"version": case.version, "language": "fr"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    case.refresh_from_db()
    assert case.language == "en-gb"
    assert not AuditEvent.objects.filter(verb="case.language_changed").exists()


def test_the_service_refuses_a_language_it_cannot_write_letters_in(alice, case):
    with pytest.raises(services.CaseworkError) as refused:
        services.case_language_set(
            case=case, by=alice, version=case.version, language="fr"
        )
    assert refused.value.field == "language"


def test_someone_outside_the_case_cannot_change_it(dan, case):
    with pytest.raises(PermissionDenied):
        services.case_language_set(
            case=case, by=dan, version=case.version, language="cy"
        )
    case.refresh_from_db()
    assert case.language == "en-gb"


def test_a_stale_form_changes_nothing(alice, case):
    with pytest.raises(services.StaleCaseError):
        services.case_language_set(
            case=case, by=alice, version=case.version - 1, language="cy"
        )
