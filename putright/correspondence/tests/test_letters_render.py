"""Every kind of letter, for realistic cases with and without their optional parts.

No letter has a blank ("Your complaint is ."), a leftover placeholder, a Python value
("None", "[]") or a word of the staff summary, in English or in Welsh, in any format.
"""

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.utils import translation

from putright.complaints.constants import Language, Outcome, RemedyType, StageStatus
from putright.complaints.models import LearningAction, Remedy
from putright.complaints.tests.factories import CaseFactory, StageFactory, procedure
from putright.correspondence import documents
from putright.correspondence.kinds import SPECS, Audience, LetterKind
from putright.correspondence.services import letter_render

STAFF_SUMMARY = "Internal: Mrs Patel is housebound, son shouts at staff"
EMPTY_PATTERNS = [" .", "  ", "None", "{{", "}}", "((", "))", "[]", " ,", ": \n", "()"]


def _case(*, full: bool, language: str):
    extra = (
        {
            "representative_name": "Sam Advocate",
            "contact_address": "1 High Street\n\nTownsville AB1 2CD",
            "outcome_sought": "A reply and an apology.",
        }
        if full
        else {"contact_name": "", "contact_email": ""}
    )
    return CaseFactory(language=language, **extra)


def _stage(case, *, number=1, full=True, handler=None, **fields):
    data = {
        "number": number,
        "status": StageStatus.IN_PROGRESS,
        "received": dt.date(2026, 6, 1),
        "acknowledged": dt.date(2026, 6, 2),
        "acknowledge_due": dt.date(2026, 6, 8),
        "due": dt.date(2026, 6, 29),
        "summary": STAFF_SUMMARY,
        "understanding": "You told us nobody replied about your son's plan.",
        "handler": handler,
    }
    if full:
        data.update(
            extended_to=dt.date(2026, 7, 13),
            extension_reason="We are waiting for the school's records."
            "\nGood reason for exceeding the limit: the head teacher is on leave",
        )
    data.update(fields)
    return StageFactory(case=case, procedure=procedure("lgsco_code"), **data)


def _respond(stage, *, outcome, remedies=True, actions=True):
    stage.outcome = outcome
    stage.response_reasons = "Policy 4.2 says we reply within 10 days."
    stage.responded = dt.date(2026, 6, 26)
    stage.status = StageStatus.RESPONDED
    stage.save()
    if remedies:
        Remedy.objects.create(
            stage=stage,
            type=RemedyType.FINANCIAL,
            amount=Decimal("50"),
            due=dt.date(2026, 7, 31),
            description="£50 for the time and trouble.",
        )
        Remedy.objects.create(stage=stage, type=RemedyType.APOLOGY)
    if actions:
        LearningAction.objects.create(
            stage=stage, description="Check replies weekly", due=dt.date(2026, 8, 14)
        )


def _scenarios(bob):
    """(name, stage, kind) for every kind, full and sparse."""
    out = []
    for full in (True, False):
        case = _case(full=full, language=Language.ENGLISH)
        one = _stage(case, full=full, handler=bob if full else None)
        label = "full" if full else "sparse"
        out.append((f"acknowledgement-{label}", one, LetterKind.ACKNOWLEDGEMENT))
        if full:
            out.append((f"extension-{label}", one, LetterKind.EXTENSION))
        _respond(
            one,
            outcome=Outcome.UPHELD if full else Outcome.NOT_UPHELD,
            remedies=full,
            actions=full,
        )
        out.append((f"response-stage-1-{label}", one, LetterKind.RESPONSE))
        two = _stage(case, number=2, full=full, handler=None)
        out.append(
            (f"escalation-ack-{label}", two, LetterKind.ESCALATION_ACKNOWLEDGEMENT)
        )
        _respond(two, outcome=Outcome.NOT_UPHELD, remedies=False, actions=False)
        out.append((f"response-final-{label}", two, LetterKind.RESPONSE))
        for kind in (LetterKind.ALLOCATION, LetterKind.APPROVAL_REQUEST):
            out.append((f"{kind}-{label}", one, kind))
    return out


def _assert_clean(text):
    for pattern in EMPTY_PATTERNS:
        assert pattern not in text, (pattern, text)
    assert STAFF_SUMMARY not in text
    assert "Good reason for exceeding" not in text
    assert not re.search(r"\b(by|on|at|of|to)\s*[.,]", text), text


@pytest.mark.parametrize("language", [Language.ENGLISH, Language.WELSH])
def test_every_kind_renders_with_no_blank_and_no_staff_note(bob, language):
    bob.first_name, bob.last_name, bob.email = "Bob", "Officer", "bob@council.example"
    bob.save()
    seen = set()
    for name, stage, kind in _scenarios(bob):
        stage.case.language = language
        extra = (
            {"requested_by": "Bob Officer"}
            if kind == LetterKind.APPROVAL_REQUEST
            else {}
        )
        rendered = letter_render(
            stage, kind, language=language, channel="email", extra=extra
        )
        text = documents.as_text(rendered.document)
        _assert_clean(text)
        _assert_clean(rendered.subject)
        assert stage.case.reference in text + rendered.subject, name
        if SPECS[kind].audience == Audience.STAFF:
            assert "Sam Advocate" not in text
            assert "High Street" not in text
        seen.add(kind)
    decision = letter_render(
        stage,
        LetterKind.APPROVAL_DECISION,
        language=language,
        channel="email",
        extra={"decision": "approved"},
    )
    _assert_clean(documents.as_text(decision.document))
    seen.add(LetterKind.APPROVAL_DECISION)
    assert seen == set(LetterKind)


def test_a_stage_two_letter_keeps_the_stage_one_remedy(bob):
    case = _case(full=True, language=Language.ENGLISH)
    one = _stage(case, handler=bob)
    _respond(one, outcome=Outcome.UPHELD)
    two = _stage(case, number=2)
    _respond(two, outcome=Outcome.NOT_UPHELD, remedies=False, actions=False)
    text = documents.as_text(
        letter_render(
            two, LetterKind.RESPONSE, language="en-gb", channel="post"
        ).document
    )
    assert "At stage 1 we found that things had gone wrong" in text
    assert "Financial remedy of £50.00, by 31 July 2026" in text
    assert "not offering a remedy" not in text
    assert "Local Government and Social Care Ombudsman" in text  # the final stage


def test_the_response_names_the_officer_with_a_way_to_reach_them(bob):
    bob.first_name, bob.last_name, bob.email = "Bob", "Officer", "bob@council.example"
    bob.save()
    case = _case(full=True, language=Language.ENGLISH)
    stage = _stage(case, handler=bob)
    _respond(stage, outcome=Outcome.PARTLY_UPHELD)
    text = documents.as_text(
        letter_render(
            stage, LetterKind.RESPONSE, language="en-gb", channel="post"
        ).document
    )
    assert "You can contact Bob Officer at bob@council.example." in text
    assert "We have upheld part of your complaint." in text
    assert "You can ask us to look at your complaint again at stage 2." in text


def test_a_welsh_case_gets_its_dates_in_welsh(bob):
    case = _case(full=True, language=Language.WELSH)
    stage = _stage(case, handler=bob)
    rendered = letter_render(
        stage, LetterKind.ACKNOWLEDGEMENT, language="cy", channel="post"
    )
    text = documents.as_text(rendered.document)
    assert "1 Mehefin 2026" in text  # received 1 June 2026
    assert 'lang="cy"' in documents.as_html(rendered.document)
    assert translation.get_language() != "cy"  # the override ended with the letter


def test_word_and_pdf_files_hold_the_letter(bob):
    case = _case(full=True, language=Language.ENGLISH)
    stage = _stage(case, handler=bob)
    rendered = letter_render(
        stage, LetterKind.EXTENSION, language="en-gb", channel="post"
    )
    pdf = documents.as_pdf(rendered.document)
    assert pdf.startswith(b"%PDF")
    docx = documents.as_docx(rendered.document)
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "13 July 2026" in xml
    assert case.reference in xml
    assert "Sam Advocate, on behalf of" in xml  # the address block
    assert STAFF_SUMMARY not in xml


@pytest.mark.django_db
def test_with_no_officer_the_letter_names_the_complaints_team():
    case = _case(full=False, language=Language.ENGLISH)
    stage = _stage(case, full=False)
    text = documents.as_text(
        letter_render(
            stage, LetterKind.ACKNOWLEDGEMENT, language="en-gb", channel="post"
        ).document
    )
    assert "You can contact the complaints team at complaints@council.example." in text
    assert "Dear Sir or Madam," in text
    assert "You told us you would like" not in text  # no outcome sought: left out
    assert "follow" not in text  # the follow link goes by email only
