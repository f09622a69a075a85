"""The complainant's own actions on their follow page: where the case stands in their
words, information and documents added as theirs, and a review asked for online."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from putright.complaints import lifecycle
from putright.complaints.constants import Kind, Outcome, StageStatus
from putright.complaints.models import Attachment, CaseNote
from putright.complaints.services import (
    CaseworkError,
    case_information_add_public,
    case_submit_public,
    procedure_corporate_default,
    procedure_ensure_builtins,
    stage_escalation_request_public,
)

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.mark.parametrize(
    ("status", "number", "closed", "progress"),
    [
        (StageStatus.AWAITING_ACKNOWLEDGEMENT, 1, False, "received"),
        (StageStatus.IN_PROGRESS, 1, False, "looking_into"),
        (StageStatus.AWAITING_APPROVAL, 1, False, "looking_into"),
        (StageStatus.RESPONDED, 1, False, "answered"),
        (StageStatus.AWAITING_ACKNOWLEDGEMENT, 2, False, "review_asked"),
        (StageStatus.IN_PROGRESS, 2, False, "looking_into"),
        (StageStatus.CLOSED, 1, True, "closed"),
        # A case closed while its last stage still reads "responded" is closed to them.
        (StageStatus.RESPONDED, 2, True, "closed"),
    ],
)
def test_complainant_progress_follows_the_stage_status(
    status, number, closed, progress
):
    assert (
        lifecycle.complainant_progress(status=status, number=number, case_closed=closed)
        == progress
    )


@pytest.fixture
def answered(db, childrens, send_team):
    procedure_ensure_builtins()
    case = case_submit_public(
        kind=Kind.COMPLAINT,
        directorate=childrens,
        team=send_team,
        procedure=procedure_corporate_default(),
        contact_name="Priya Patel",
        contact_email="priya@example.org",
        summary="Late review.",
    )
    case.stages.update(
        status=StageStatus.RESPONDED,
        responded=timezone.localdate(),
        outcome=Outcome.UPHELD,
    )
    return case


@pytest.mark.django_db
def test_one_bad_document_refuses_the_whole_message(answered):
    with pytest.raises(
        CaseworkError, match="fake.docx: The selected file is not a real"
    ):
        case_information_add_public(
            case=answered,
            text="Two documents",
            uploads=[
                SimpleUploadedFile("ok.pdf", PDF),
                SimpleUploadedFile("fake.docx", b"PK\x03\x04 not a document"),
            ],
        )
    assert CaseNote.objects.count() == 0
    assert Attachment.objects.count() == 0


@pytest.mark.django_db
def test_too_many_documents_are_refused(answered):
    with pytest.raises(CaseworkError, match="10 files or fewer"):
        case_information_add_public(
            case=answered,
            text="Lots",
            uploads=[SimpleUploadedFile(f"{i}.pdf", PDF) for i in range(11)],
        )
    assert CaseNote.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_review_requests_create_one_stage(answered):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs a server database.")
    workers = 5
    barrier = threading.Barrier(workers)
    numbers, errors = [], []

    def work():
        try:
            barrier.wait()
            numbers.append(
                stage_escalation_request_public(case=answered, reasons="Not fixed.").pk
            )
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert answered.stages.count() == 2
    assert len(set(numbers)) == 1
