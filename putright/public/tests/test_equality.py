"""Optional equality monitoring: kept apart from the case, never required."""

import pytest

from putright.complaints.models import Case
from putright.public.models import EqualityResponse
from putright.public.tests.journeys import COMPLAINT, send, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def answers(services):
    return {"service": {"service": f"s{services['send'].pk}"}, **COMPLAINT}


def test_equality_answers_are_stored_apart_from_the_case(client, answers):
    answers = dict(answers, equality={"age_band": "35_44", "disability": "yes"})
    check = walk(client, "complaint", answers)
    assert "35 to 44" in check.content.decode()
    send(client, "complaint", check)
    case = Case.objects.get()
    response = EqualityResponse.objects.get()
    assert response.age_band == "35_44"
    assert response.disability == "yes"
    assert response.sex == ""
    assert response.directorate == case.stages.get().directorate
    assert response.received_month.day == 1
    field_names = {field.name for field in EqualityResponse._meta.get_fields()}
    assert not field_names & {"case", "reference", "contact_name", "contact_email"}


def test_unanswered_equality_questions_store_nothing(client, answers):
    check = walk(client, "complaint", answers)
    assert "Not answered" in check.content.decode()
    send(client, "complaint", check)
    assert Case.objects.count() == 1
    assert EqualityResponse.objects.count() == 0


def test_a_forged_equality_answer_is_refused(client, answers):
    client.get("/feedback/complaint/")
    for step in (
        "service",
        "what-happened",
        "put-right",
        "who",
        "contact",
        "adjustments",
        "documents",
    ):
        client.post(f"/feedback/complaint/{step}/", answers[step])
    response = client.post("/feedback/complaint/equality/", {"sex": "<b>x</b>"})
    assert "Select one of the answers listed, or none." in response.content.decode()
    assert EqualityResponse.objects.count() == 0
