"""The demo council's public annual report passes the suppression-recovery test (issue 11).

The demo council is loaded at its natural volume (four years, a few small directorates and
teams, Ombudsman cases, learning, root causes), its public and internal 2025/2026 reports
built, and the public one attacked as in `putright/reporting/tests/test_no_leaks.py`: every
relation between its figures at once, then its workbook table by table.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import transaction

from putright.core.periods import Period
from putright.reporting.blocks import INTERNAL, PUBLIC
from putright.reporting.build import build_report
from putright.reporting.tests.test_no_leaks import (
    recovered_counts,
    workbook_recoveries,
)

TODAY = dt.date(2026, 11, 22)
# The database is needed to build `reports` (once); `no_council`: the demo makes its own.
pytestmark = [pytest.mark.slow, pytest.mark.django_db, pytest.mark.no_council]


@pytest.fixture(scope="module")
def reports(django_db_setup, django_db_blocker):
    # One transaction, rolled back: no other test sees the demo council.
    with django_db_blocker.unblock(), transaction.atomic():
        call_command(
            "demo",
            "--today",
            TODAY.isoformat(),
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
        year = Period(2025)
        public = build_report(period=year, audience=PUBLIC, today=TODAY)
        internal = build_report(period=year, audience=INTERNAL, today=TODAY)
        transaction.set_rollback(True)
    return public, internal


def test_the_demo_councils_public_report_hides_small_numbers(reports):
    public, _ = reports
    hidden = public.disclosure.solve()
    assert any(why == "primary" for why in hidden.values())
    # The headline figures stay: hiding a part is preferred to hiding the total.
    summary = next(s for s in public.sections if s.key == "summary")
    enquiries = next(b for b in summary.blocks if getattr(b, "key", "") == "summary")
    stage_one = next(r for r in enquiries.rows if r[0] == "Stage 1 complaints")
    assert all(isinstance(v, int) for v in stage_one[1:4])  # three years, then shares


def test_no_hidden_count_of_the_demo_public_report_can_be_recovered(reports):
    public, _ = reports
    assert recovered_counts(public) == []


def test_the_demo_public_workbook_gives_no_hidden_count_away(reports):
    public, internal = reports
    assert workbook_recoveries(public, internal) == []
