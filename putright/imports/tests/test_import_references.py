"""Imported history and new contacts share the council's one reference series (issue 13)."""

import datetime as dt

import time_machine

from putright.complaints import services
from putright.complaints.constants import Kind
from putright.complaints.models import ReferenceSequence
from putright.complaints.tests.factories import procedure
from putright.imports.services import import_rows
from putright.imports.tests.conftest import contact
from putright.organisation.models import Directorate


def _log_now(alice):
    return services.case_log(
        by=alice,
        kind=Kind.COMPLAINT,
        channel="email",
        received=dt.date(2026, 3, 2),
        directorate=Directorate.objects.get(name="Children's"),
        procedure=procedure("lgsco_code"),
        summary="Late reply about an EHC plan.",
    )


@time_machine.travel(dt.datetime(2026, 3, 3, 10, 0, tzinfo=dt.UTC), tick=False)
def test_new_contacts_number_after_the_highest_imported_reference(alice):
    result = import_rows(
        contacts=[
            contact(reference="CF-2026-000412", received="2026-01-05"),
            contact(reference="CF-2026-000038", received="2026-01-06"),
            contact(reference="CF-2025-003100", received="2025-05-06"),
            contact(reference="LEGACY/77", received="2026-01-07"),
        ]
    )
    assert result.ok, result.summary()
    assert _log_now(alice).reference == "CF-2026-000413"
    assert ReferenceSequence.objects.get(year=2025).last_number == 3100


@time_machine.travel(dt.datetime(2026, 3, 3, 10, 0, tzinfo=dt.UTC), tick=False)
def test_an_import_after_new_contacts_moves_the_sequence_on(alice):
    assert import_rows(contacts=[contact(reference="CF-2026-000001")]).ok
    assert _log_now(alice).reference == "CF-2026-000002"
    assert import_rows(contacts=[contact(reference="CF-2026-000950")]).ok
    assert _log_now(alice).reference == "CF-2026-000951"
