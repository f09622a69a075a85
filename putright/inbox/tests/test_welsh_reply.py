"""The auto-reply of a council in Wales: Welsh first, then English, as the sender's language
is not known; Welsh alone to a case whose letters are in Welsh; English elsewhere."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from putright.complaints.constants import Language
from putright.complaints.services import case_receive_email, procedure_corporate_default
from putright.inbox.tests.conftest import make_email
from putright.organisation.models import Council

WELSH_NAME = "Cyngor Sir Ceredigion"
ENGLISH_NAME = "Ceredigion County Council"
# Written out here: what a Welsh reader and an English reader should see.
WELSH_THANKS = "Mae Cyngor Sir Ceredigion yn diolch i chi am eich e-bost."
ENGLISH_THANKS = "Thank you for your email to Ceredigion County Council."
WELSH_AUTOMATIC = "Ateb awtomatig yw hwn."
ENGLISH_AUTOMATIC = "This is an automatic reply."


@pytest.fixture
def in_wales(council: Council) -> Council:
    council.name, council.name_cy = ENGLISH_NAME, WELSH_NAME
    council.nation = Council.Nation.WALES
    council.save()
    return council


def test_a_council_in_wales_replies_in_welsh_then_english(in_wales, receive):
    receive(make_email())

    [sent] = mail.outbox
    body = sent.body
    for text in (WELSH_THANKS, ENGLISH_THANKS, WELSH_AUTOMATIC, ENGLISH_AUTOMATIC):
        assert body.count(text) == 1, text
    assert body.index(WELSH_AUTOMATIC) < body.index(ENGLISH_THANKS), "Welsh first"
    assert body.startswith(WELSH_THANKS)
    welsh_part, english_part = body.split(ENGLISH_THANKS)
    assert WELSH_NAME in welsh_part
    assert ENGLISH_NAME not in welsh_part
    assert ENGLISH_NAME in english_part
    assert WELSH_NAME not in english_part
    welsh_subject, english_subject = sent.subject.split(" / ")
    assert welsh_subject.startswith("Mae eich e-bost wedi dod i law: cyfeirnod ")
    assert english_subject.startswith("We have received your email: reference ")
    assert "three weeks" not in body  # nothing the resident wrote is echoed back


@pytest.fixture
def welsh_case(in_wales, triage):
    case = case_receive_email(
        directorate=triage,
        procedure=procedure_corporate_default(),
        received=dt.date(2026, 6, 1),
        contact_name="Priya Patel",
        contact_email="priya@example.org",
        summary="The first complaint.",
    )
    case.language = Language.WELSH
    case.save()
    return case


def test_a_reply_to_a_case_in_welsh_is_answered_in_welsh_alone(welsh_case, receive):
    receive(make_email(subject=f"Re: {welsh_case.reference}", text="Llun arall."))

    [sent] = mail.outbox
    assert sent.subject == (
        f"Mae eich e-bost wedi’i ychwanegu at eich achos {welsh_case.reference}"
    )
    assert sent.body.startswith("Diolch am eich e-bost.")
    assert WELSH_AUTOMATIC in sent.body
    assert "Thank you" not in sent.body
    assert ENGLISH_AUTOMATIC not in sent.body


def test_a_reply_to_a_case_in_english_in_wales_is_still_in_both(welsh_case, receive):
    welsh_case.language = Language.ENGLISH
    welsh_case.save()
    receive(make_email(subject=f"Re: {welsh_case.reference}"))

    [sent] = mail.outbox
    assert sent.body.startswith("Diolch am eich e-bost.")
    assert "Thank you for your email. We have added it to your case" in sent.body


def test_a_council_in_england_replies_in_english_only(council, receive):
    receive(make_email())

    [sent] = mail.outbox
    assert sent.body.startswith("Thank you for your email to")
    assert "Diolch" not in sent.body
    assert " / " not in sent.subject
