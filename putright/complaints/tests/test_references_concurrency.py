"""References are unique under concurrent logging (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection

from putright.complaints.services import procedure_ensure_builtins
from putright.complaints.tests.factories import logged_complaint


@pytest.mark.django_db(transaction=True)
def test_concurrent_logging_never_reuses_a_reference(alice, childrens):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs a server database.")
    procedure_ensure_builtins()
    workers, each = 6, 5
    barrier = threading.Barrier(workers)
    references, errors = [], []

    def work():
        try:
            barrier.wait()
            for _ in range(each):
                case = logged_complaint(by=alice, directorate=childrens)
                references.append(case.reference)
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
    assert len(references) == workers * each
    assert len(set(references)) == workers * each
