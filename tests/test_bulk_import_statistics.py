"""A bulk import (roll-up triggers paused, touched months rebuilt once) leaves exactly the
statistics that per-row trigger maintenance leaves, for new records and for changed ones.

Lives outside the apps because it joins two sibling layers (imports and statistics).
"""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from putright.imports.services import import_rows
from putright.imports.synthetic import contact_rows
from putright.organisation.models import Directorate, Team
from putright.statistics import rollup
from putright.statistics.models import MonthlyCount

YEARS = ("2020/21", "2021/22", "2022/23", "2023/24")


def _changed(rows):
    """Every tenth row moved 40 days later (often into another month), its response
    cleared and its outcome dropped: updates that move records between roll-up keys."""
    changed = []
    for row in rows[::10]:
        row = dict(row)
        received = dt.date.fromisoformat(row["received"]) + dt.timedelta(days=40)
        row.update(received=received.isoformat(), responded="", outcome="")
        row.update(acknowledged="", due="", extended_to="")
        changed.append(row)
    return changed


def _figures():
    out = {}
    for year in YEARS:
        buffer = StringIO()
        call_command("stats", "--year", year, "--json", stdout=buffer)
        out[year] = json.loads(buffer.getvalue())
    # Names, not ids: PostgreSQL does not roll sequences back between the two runs.
    names = dict(Directorate.objects.values_list("pk", "name"))
    names.update({-t: n for t, n in Team.objects.values_list("pk", "name")})
    rows = sorted(
        (names[d], names.get(-t, ""), *rest)
        for d, t, *rest in MonthlyCount.objects.filter(records__gt=0).values_list(
            "directorate_id",
            "team_id",
            "month",
            "kind",
            "number",
            "outcome",
            "records",
            "responded",
            "within_due",
            "working_days_sum",
        )
    )
    return out, rows


def _import_twice(first, second):
    with transaction.atomic():
        assert import_rows(contacts=first).ok
        assert import_rows(contacts=second).ok
        figures = _figures()
        assert rollup.rollup_differences() == []
        transaction.set_rollback(True)
    return figures


@pytest.mark.django_db
def test_stats_after_a_bulk_import_equal_those_after_per_row_triggers(monkeypatch):
    first = list(contact_rows(5000, seed=7, start=dt.date(2020, 4, 1), years=3))
    second = _changed(first)

    bulk = _import_twice(first, second)

    with monkeypatch.context() as patched:
        # The triggers stay on and keep the roll-up row by row, as casework does.
        patched.setattr(rollup, "pause", lambda db: None)
        patched.setattr(rollup, "resume_and_rebuild", lambda db, months: None)
        per_row = _import_twice(first, second)

    assert bulk[0]["2021/22"]["stages"]["1"]["received"] > 0
    assert bulk == per_row


@pytest.mark.django_db
def test_a_failed_bulk_import_leaves_the_triggers_and_the_roll_up_as_they_were():
    good = list(contact_rows(50, seed=3, years=1))
    assert import_rows(contacts=good).ok
    before = sorted(MonthlyCount.objects.values_list("month", "records"))
    bad = [*contact_rows(50, seed=4, years=1), {**good[0], "received": "2023-02-30"}]
    assert not import_rows(contacts=bad).ok
    assert sorted(MonthlyCount.objects.values_list("month", "records")) == before
    assert rollup.installed(connection)
