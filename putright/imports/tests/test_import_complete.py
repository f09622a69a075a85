"""Imports complete (issue 12 item 4): closed cases, learning actions, recommendation items."""

import pytest
from django.urls import reverse

from putright.complaints.constants import LearningStatus
from putright.complaints.models import Case, LearningAction, Stage
from putright.imports.services import import_rows
from putright.imports.tests.conftest import contact, ombudsman
from putright.ombudsman.models import OmbudsmanCase, Recommendation

pytestmark = pytest.mark.django_db

ANSWERED = {"responded": "2023-04-20", "outcome": "upheld"}


def _case(reference="CMP-1"):
    return Case.objects.get(reference=reference)


def test_a_case_whose_stages_all_have_a_response_and_an_outcome_is_closed():
    result = import_rows(
        contacts=[
            contact(reference="DONE", **ANSWERED),
            contact(
                reference="DONE",
                stage="2",
                received="2023-05-02",
                responded="2023-05-30",
                outcome="not_upheld",
            ),
            contact(reference="NO-OUTCOME", responded="2023-04-20"),
            contact(reference="STAGE-2-OPEN", **ANSWERED),
            contact(reference="STAGE-2-OPEN", stage="2", received="2023-05-02"),
        ]
    )

    assert result.ok, result.summary()
    assert result.closed_cases == 1
    done = _case("DONE")
    assert done.is_closed
    assert done.closed_at is not None
    assert set(done.stages.values_list("status", flat=True)) == {"closed"}
    assert not _case("NO-OUTCOME").is_closed
    assert not _case("STAGE-2-OPEN").is_closed
    assert "Cases closed (every stage has its response and outcome): 1." in (
        result.summary()
    )


def test_a_case_answered_in_a_later_file_is_closed_then():
    import_rows(contacts=[contact()])
    assert not _case().is_closed

    import_rows(contacts=[contact(**ANSWERED)])

    assert _case().is_closed
    assert Stage.objects.get().status == "closed"


def test_an_import_never_reopens_a_case_closed_in_the_app():
    import_rows(contacts=[contact(**ANSWERED)])
    # Closed (here by the import; the app's case_close leaves the same state).
    assert _case().is_closed

    result = import_rows(
        contacts=[contact(responded="", outcome=""), contact(stage="2")]
    )

    assert result.ok, result.summary()
    case = _case()
    assert case.is_closed
    stage_1 = case.stages.get(number=1)
    assert stage_1.responded is None  # the data is updated...
    assert stage_1.status == "closed"  # ...but the case stays closed


def test_a_dry_run_closes_nothing():
    result = import_rows(contacts=[contact(**ANSWERED)], dry_run=True)
    assert result.ok
    assert result.closed_cases == 1
    assert not Case.objects.exists()


def test_the_learning_column_creates_one_open_action_owned_by_the_team():
    text = "Review the SEND transport letter; train the team."
    result = import_rows(contacts=[contact(learning=f"  {text} ", **ANSWERED)])

    assert result.ok, result.summary()
    action = LearningAction.objects.get()
    assert action.stage == Stage.objects.get()
    assert action.description == text
    assert action.owner_name == "SEND Team"
    assert action.owner is None
    assert str(action.due) == "2023-04-20"  # identified when the response was sent
    assert action.status == LearningStatus.OPEN
    assert result.learning_actions == 1


def test_learning_owner_is_the_directorate_without_a_team_and_due_the_day_received():
    import_rows(contacts=[contact(team="", learning="Check the form.")])
    action = LearningAction.objects.get()
    assert action.owner_name == "Children's"
    assert str(action.due) == "2023-04-03"


def test_learning_is_not_duplicated_on_reimport_and_new_text_adds_an_action():
    import_rows(contacts=[contact(learning="Check the form.")])
    again = import_rows(contacts=[contact(learning="Check the form.")])
    assert again.learning_actions == 0
    assert LearningAction.objects.count() == 1

    import_rows(contacts=[contact(learning="Rewrite the letter.")])

    assert sorted(LearningAction.objects.values_list("description", flat=True)) == [
        "Check the form.",
        "Rewrite the letter.",
    ]


def test_blank_learning_creates_nothing():
    import_rows(contacts=[contact(learning="   ")])
    assert not LearningAction.objects.exists()


def _states(item):
    return sorted(item.recommendation_items.values_list("compliance", flat=True))


def test_recommendation_counts_come_in_as_items_that_agree_with_them():
    result = import_rows(
        ombudsman=[
            ombudsman(
                decided="2023-09-01",
                decision="upheld",
                recommendations="4",
                recommendations_on_time="2",
                recommendations_late="1",
            )
        ]
    )

    assert result.ok, result.summary()
    item = OmbudsmanCase.objects.get()
    assert item.recommendation_items.count() == item.recommendations == 4
    assert _states(item) == ["complied", "complied", "complied_late", "pending"]
    assert result.recommendation_items == 4

    unchanged = import_rows(
        ombudsman=[
            ombudsman(
                decided="2023-09-01",
                decision="upheld",
                recommendations="4",
                recommendations_on_time="2",
                recommendations_late="1",
            )
        ]
    )
    assert unchanged.recommendation_items == 0
    assert item.recommendation_items.count() == 4


def test_changed_counts_replace_imported_items_but_app_tracked_items_win():
    row = ombudsman(
        decided="2023-09-01",
        decision="upheld",
        recommendations="2",
    )
    import_rows(ombudsman=[row])
    item = OmbudsmanCase.objects.get()
    import_rows(ombudsman=[{**row, "recommendations_on_time": "2"}])
    assert _states(item) == ["complied", "complied"]

    # Tracked in the app from now on: the list is the record, the counts follow it.
    Recommendation.objects.create(
        ombudsman_case=item, description="Apologise in writing.", due="2023-10-01"
    )
    import_rows(ombudsman=[{**row, "recommendations": "5"}])

    item.refresh_from_db()
    assert item.recommendation_items.count() == 3
    assert item.recommendations == 3
    assert item.recommendations_on_time == 2


def test_the_ombudsman_case_page_lists_the_imported_recommendations(client, alice):
    import_rows(
        ombudsman=[
            ombudsman(
                decided="2023-09-01",
                decision="upheld",
                recommendations="3",
                recommendations_on_time="1",
            )
        ]
    )
    item = OmbudsmanCase.objects.get()
    client.force_login(alice)

    page = client.get(reverse("ombudsman:detail", args=[item.pk])).content.decode()

    assert "No recommendations recorded" not in page
    for n in (1, 2, 3):
        assert f"Recommendation {n} of 3" in page
