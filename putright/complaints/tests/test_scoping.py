"""Role-by-role scoping: no case data reaches a user outside its scope (pages, lists,
search, exports, counts, letters, files, actions)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from putright.audit.models import AuditEvent
from putright.complaints import permissions, selectors, services
from putright.complaints.tests.factories import logged_complaint
from putright.organisation.tests.factories import TeamFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _log(by, directorate, team, handler, name):
    return logged_complaint(
        by=by, directorate=directorate, team=team, handler=handler, contact_name=name
    )


@pytest.fixture
def cases(alice, bob, carol, dan, erin, admin_user, childrens, send_team, adults_team):
    other_team = TeamFactory(directorate=childrens, name="Fostering")
    send = _log(alice, childrens, send_team, bob, "Sendie Person")
    fostering = _log(alice, childrens, other_team, None, "Foster Person")
    adults = _log(alice, adults_team.directorate, adults_team, dan, "Adult Person")
    for case in (send, fostering, adults):
        services.attachment_add(
            case=case,
            by=alice,
            upload=SimpleUploadedFile("letter.pdf", PDF, "application/pdf"),
        )
    return {"send": send, "fostering": fostering, "adults": adults}


# Which cases each persona may see.
VISIBLE = {
    "alice": {"send", "fostering", "adults"},
    "bob": {"send"},
    "carol": {"send", "fostering"},
    "dan": {"adults"},
    "erin": set(),
    "admin_user": set(),
}
NO_CASEWORK = {"erin", "admin_user"}


@pytest.fixture
def persona(request):
    return request.getfixturevalue(request.param)


@pytest.mark.parametrize("persona", list(VISIBLE), indirect=True)
def test_case_pages_404_outside_scope(client, persona, cases):
    client.force_login(persona)
    name = "admin_user" if persona.username == "admin" else persona.username
    for key, case in cases.items():
        attachment = case.attachments.get()
        urls = [
            case.get_absolute_url(),
            reverse("complaints:case_action", args=[case.reference, "note"]),
            reverse(
                "complaints:attachment_download", args=[case.reference, attachment.pk]
            ),
        ]
        for url in urls:
            response = client.get(url)
            if name in NO_CASEWORK:
                assert response.status_code == 403, url
                assert case.contact_name not in response.content.decode()
            elif key in VISIBLE[name]:
                assert response.status_code == 200, url
            else:
                assert response.status_code == 404, url


@pytest.mark.parametrize("persona", list(VISIBLE), indirect=True)
def test_list_search_and_export_respect_scope(client, persona, cases):
    client.force_login(persona)
    name = "admin_user" if persona.username == "admin" else persona.username
    listing = client.get("/cases/?view=all&state=all").content.decode()
    export = (
        b"".join(
            client.get("/cases/export.csv?view=all&state=all").streaming_content
        ).decode()
        if name not in NO_CASEWORK
        else ""
    )
    for key, case in cases.items():
        search = client.get(
            f"/cases/?view=all&state=all&q={case.reference}", follow=True
        )
        visible = key in VISIBLE[name]
        assert (case.reference in listing) is visible
        assert (case.contact_name in listing) is visible
        link = f'href="{case.get_absolute_url()}"'
        assert (link in listing) is visible
        assert (link in search.content.decode()) is visible
        if name not in NO_CASEWORK:
            assert (case.reference in export) is visible
            assert (case.contact_name in export) is visible


@pytest.mark.parametrize("persona", list(VISIBLE), indirect=True)
def test_counts_respect_scope(persona, cases):
    name = "admin_user" if persona.username == "admin" else persona.username
    counts = selectors.case_counts(user=persona)
    if persona.role == "service_officer":
        expected = sum(
            1 for key in VISIBLE[name] if cases[key].stages.get().handler == persona
        )
    else:
        expected = len(VISIBLE[name])
    assert counts["open"] == expected
    assert counts["awaiting_acknowledgement"] == expected


def test_officer_sees_team_case_but_cannot_allocate(client, bob, cases):
    client.force_login(bob)
    url = reverse("complaints:case_action", args=[cases["send"].reference, "allocate"])
    # A typed address comes back to the case page, which says why.
    refused = client.get(url, follow=True)
    assert refused.redirect_chain[-1][0] == cases["send"].get_absolute_url()
    assert (
        escape(
            "Allocate: not open to you. Only a manager of the case's service or the "
            "complaints team can do this."
        )
        in refused.content.decode()
    )
    assert not AuditEvent.objects.filter(verb__contains="allocat").exists()
    page = client.get(cases["send"].get_absolute_url()).content.decode()
    assert "/actions/allocate/" not in page
    assert "/actions/acknowledge/" in page


def test_manager_can_act_across_their_directorate_only(carol, dan, cases):
    fostering = cases["fostering"].stages.get()
    adults = cases["adults"].stages.get()
    assert permissions.can_act(carol, fostering, "allocate")
    assert not permissions.can_act(carol, adults, "acknowledge")
    assert not permissions.can_act(dan, fostering, "note")


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("alice", True),
        ("carol", True),
        ("bob", True),
        ("dan", False),
        ("erin", False),
        ("admin_user", False),
    ],
    indirect=["persona"],
)
def test_action_permission_matrix_on_team_case(persona, allowed, cases):
    stage = cases["send"].stages.get()
    assert permissions.can_act(persona, stage, "respond") is allowed


def test_letters_scoped_like_the_case(client, alice, dan, cases):
    case = cases["send"]
    services.stage_acknowledge(
        stage=case.stages.get(),
        by=alice,
        version=case.version + 1,
        acknowledged=dt.date.today(),
        understanding="Understood.",
    )
    url = reverse("complaints:letter", args=[case.reference, 1, "acknowledgement"])
    client.force_login(dan)
    assert client.get(url).status_code == 404
    client.force_login(alice)
    assert client.get(url).status_code == 200
