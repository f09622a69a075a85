"""Fifty contacts logged at the same moment get fifty different references (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from putright.complaints import services
from putright.complaints.constants import Kind
from putright.complaints.models import Case
from putright.complaints.tests.factories import procedure

RESIDENTS = 50


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_submissions_get_fifty_distinct_references(
    childrens, send_team
):
    # The test database on SQLite is in memory, one per connection: threads would not
    # share it, so the race cannot be staged there. SQLite's writers are serialised by
    # core/sqlite.py; bench/public_submissions.py checks it through gunicorn instead.
    if connection.vendor != "postgresql":
        pytest.skip("Needs a server database (run with DATABASE_URL=postgres://...).")
    rule = procedure("lgsco_code")
    barrier = threading.Barrier(RESIDENTS)
    references, errors = [], []
    lock = threading.Lock()

    def submit(number):
        try:
            barrier.wait(timeout=60)
            case = services.case_submit_public(
                kind=Kind.COMPLAINT,
                directorate=childrens,
                team=send_team,
                procedure=rule,
                contact_name=f"Resident {number}",
                contact_email=f"resident{number}@example.org",
                summary="Submitted at the same moment as 49 others.",
            )
            with lock:
                references.append(case.reference)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            with lock:
                errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(RESIDENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(references) == RESIDENTS
    assert len(set(references)) == RESIDENTS
    assert Case.objects.count() == RESIDENTS
    numbers = sorted(int(reference.rsplit("-", 1)[1]) for reference in references)
    assert numbers == list(range(numbers[0], numbers[0] + RESIDENTS))  # no gaps
