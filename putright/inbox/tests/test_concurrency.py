"""Two deliveries of the same message at the same moment make one case (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from putright.complaints.models import Case
from putright.inbox.models import InboundMessage
from putright.inbox.services import inbound_process, inbound_store
from putright.inbox.tests.conftest import make_email

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks between threads need PostgreSQL (DATABASE_URL=postgres://...)",
)


@pytest.mark.django_db(transaction=True)
def test_the_same_message_processed_twice_at_once_makes_one_case(triage):
    message, _created = inbound_store(
        make_email(), source=InboundMessage.Source.FORWARDED
    )
    start = threading.Barrier(4)
    results = []

    def deliver():
        try:
            start.wait()
            results.append(inbound_process(message).status)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert results == [InboundMessage.Status.PROCESSED] * 4
    assert Case.objects.count() == 1
    assert InboundMessage.objects.get().attempts == 1
