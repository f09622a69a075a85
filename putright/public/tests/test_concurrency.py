"""Two presses of "Send" at the same moment create one record (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from putright.complaints.models import Case
from putright.complaints.services import procedure_ensure_builtins
from putright.public.journey import JOURNEYS
from putright.public.models import PublicService
from putright.public.services import public_submission_send


@pytest.mark.django_db(transaction=True)
def test_concurrent_sends_of_one_token_create_one_case(childrens):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs a server database.")
    procedure_ensure_builtins()
    service = PublicService.objects.create(name="Schools", directorate=childrens)
    answers = {
        "service": {"service": f"s{service.pk}"},
        "message": {"message": "Thank you."},
        "contact": {"full_name": "", "email": ""},
    }
    workers = 6
    barrier = threading.Barrier(workers)
    references, errors = [], []

    def work():
        try:
            barrier.wait()
            reference, _created = public_submission_send(
                journey=JOURNEYS["compliment"],
                answers=answers,
                token="t" * 40,
                address=None,
            )
            references.append(reference)
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
    assert Case.objects.count() == 1
    assert set(references) == {Case.objects.get().reference}
