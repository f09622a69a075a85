"""Published versions of case text: written and approved by two complaints-team members."""

import pytest
from django.urls import reverse

from putright.accounts.models import User
from putright.accounts.tests.factories import UserFactory
from putright.audit.models import AuditEvent
from putright.complaints.constants import Kind
from putright.complaints.models import LearningAction
from putright.complaints.tests.factories import CaseFactory, StageFactory
from putright.core.errors import ServiceError
from putright.ombudsman.tests.factories import OmbudsmanCaseFactory
from putright.publication import services
from putright.publication.models import PublishedText
from putright.publication.selectors import approved_wording

pytestmark = pytest.mark.django_db
Purpose = PublishedText.Purpose
SECRET = "Mrs Zelda Probeperson, born 3 March 1961"


@pytest.fixture
def zoe(db):
    return UserFactory(username="zoe", role=User.Role.COMPLAINTS_TEAM)


@pytest.fixture
def stage(db):
    return StageFactory(summary=f"{SECRET} says the bins were missed.")


def test_wording_is_published_only_once_another_member_approves_it(alice, zoe, stage):
    text = services.published_text_write(
        purpose=Purpose.CASE_SUMMARY,
        source=stage,
        wording="A resident's bins were missed for a month.",
        by=alice,
    )
    assert approved_wording(purpose=Purpose.CASE_SUMMARY, source_ids=[stage.pk]) == {}

    with pytest.raises(ServiceError, match="because you wrote it"):
        services.published_text_approve(text=text, by=alice)
    services.published_text_approve(text=text, by=zoe)

    assert approved_wording(purpose=Purpose.CASE_SUMMARY, source_ids=[stage.pk]) == {
        stage.pk: "A resident's bins were missed for a month."
    }


def test_rewording_needs_approving_again_and_withdrawing_unpublishes(alice, zoe, stage):
    text = services.published_text_write(
        purpose=Purpose.CASE_SUMMARY, source=stage, wording="First.", by=alice
    )
    services.published_text_approve(text=text, by=zoe)
    text = services.published_text_write(
        purpose=Purpose.CASE_SUMMARY, source=stage, wording="Second.", by=zoe
    )
    assert text.approved_at is None
    assert approved_wording(purpose=Purpose.CASE_SUMMARY, source_ids=[stage.pk]) == {}
    services.published_text_approve(text=text, by=alice)
    services.published_text_withdraw(text=text, by=alice)

    assert approved_wording(purpose=Purpose.CASE_SUMMARY, source_ids=[stage.pk]) == {}
    assert PublishedText.objects.count() == 1


@pytest.mark.parametrize("persona", ["carol", "bob", "erin", "admin_user"])
def test_only_the_complaints_team_writes_or_approves(persona, request, alice, stage):
    from django.core.exceptions import PermissionDenied

    user = request.getfixturevalue(persona)
    text = services.published_text_write(
        purpose=Purpose.CASE_SUMMARY, source=stage, wording="Fine.", by=alice
    )
    with pytest.raises(PermissionDenied):
        services.published_text_write(
            purpose=Purpose.CASE_SUMMARY, source=stage, wording="Mine.", by=user
        )
    with pytest.raises(PermissionDenied):
        services.published_text_approve(text=text, by=user)
    text.refresh_from_db()
    assert text.wording == "Fine."
    assert text.approved_at is None


def test_every_write_is_audited_without_the_wording(alice, zoe, stage):
    text = services.published_text_write(
        purpose=Purpose.CASE_SUMMARY, source=stage, wording=SECRET, by=alice
    )
    services.published_text_approve(text=text, by=zoe)
    services.published_text_withdraw(text=text, by=zoe)

    events = AuditEvent.objects.filter(target_type="publication.publishedtext")
    assert [e.verb for e in events.order_by("pk")] == [
        "published_text_written",
        "published_text_approved",
        "published_text_withdrawn",
    ]
    assert all(e.case_id == stage.case_id for e in events)
    for event in events:
        assert "Probeperson" not in f"{event.before}{event.after}{event.target_label}"


def test_a_compliment_gets_a_quote_and_a_complaint_a_summary(alice):
    compliment = StageFactory(case=CaseFactory(kind=Kind.COMPLIMENT), summary="Kind.")
    with pytest.raises(ServiceError, match="compliment quote"):
        services.published_text_write(
            purpose=Purpose.CASE_SUMMARY, source=compliment, wording="x", by=alice
        )
    with pytest.raises(ServiceError, match="Enter the published wording."):
        services.published_text_write(
            purpose=Purpose.COMPLIMENT_QUOTE, source=compliment, wording=" ", by=alice
        )
    assert PublishedText.objects.count() == 0


def test_page_shows_the_typed_text_and_runs_write_then_approve(client, alice, zoe):
    item = OmbudsmanCaseFactory(requirement="Apologise to Mrs Probeperson.", lessons="")
    url = reverse("publication:published_text", args=["ombudsman_finding", item.pk])
    client.force_login(alice)
    page = client.get(url).content.decode()
    assert "Apologise to Mrs Probeperson." in page
    assert "There is no published version" in page

    response = client.post(url, {"action": "write", "wording": "Apologise."})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Awaiting approval" in page
    assert "Approve for publication" not in page

    client.force_login(zoe)
    assert client.post(url, {"action": "approve"}).status_code == 302
    assert approved_wording(
        purpose=Purpose.OMBUDSMAN_FINDING, source_ids=[item.pk]
    ) == {item.pk: "Apologise."}


def test_page_refuses_empty_wording_and_changes_nothing(client, alice, stage):
    client.force_login(alice)
    url = reverse("publication:published_text", args=["case_summary", stage.pk])
    response = client.post(url, {"action": "write", "wording": ""})
    assert response.status_code == 400
    assert "Enter the published wording." in response.content.decode()
    assert PublishedText.objects.count() == 0


@pytest.mark.parametrize("persona", ["carol", "erin", "admin_user"])
def test_page_is_for_the_complaints_team_only(client, persona, request, stage):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("publication:published_text", args=["case_summary", stage.pk])
    assert client.get(url).status_code == 403


def test_learning_action_page_and_unknown_purpose(client, alice, stage):
    action = LearningAction.objects.create(stage=stage, description=SECRET)
    client.force_login(alice)
    url = reverse("publication:published_text", args=["learning_example", action.pk])
    assert SECRET in client.get(url).content.decode()
    bad = reverse("publication:published_text", args=["notes", action.pk])
    assert client.get(bad).status_code == 404


def test_case_and_ombudsman_pages_link_to_the_published_version_for_the_team_only(
    client, alice, carol, stage
):
    item = OmbudsmanCaseFactory(requirement="Apologise.", lessons="")
    link = reverse("publication:published_text", args=["case_summary", stage.pk])
    client.force_login(alice)
    assert link in client.get(stage.case.get_absolute_url()).content.decode()
    omb_link = reverse(
        "publication:published_text", args=["ombudsman_finding", item.pk]
    )
    assert omb_link in client.get(item.get_absolute_url()).content.decode()
