"""A monthly roll-up of contact records, kept in step by database triggers.

Every §5 figure is a sum over records received in whole months (a year or a quarter is
always whole months), grouped by the dimensions the dashboard filters or splits by. The
roll-up holds those sums per month, so the statistics read a few thousand rows instead of
hundreds of thousands. Triggers on `complaints_stage` (see `rollup.py` and migration 0002)
update it on every insert, update and delete, whoever writes (services, the bulk import,
the admin or plain SQL). Never write to it from Python; `rollup_rebuild()` recomputes it.
"""

from __future__ import annotations

from django.db import models

# The dimensions of the roll-up, in the order of its unique key (and of the triggers' upsert).
ROLLUP_KEY = (
    "month",
    "directorate_id",
    "team_id",
    "kind",
    "number",
    "procedure_id",
    "outcome",
)


class MonthlyCount(models.Model):
    """Sums of the records received in one month, per directorate, team, kind, stage,
    procedure and outcome. `team_id` and `procedure_id` are 0 when the record has none."""

    month = models.DateField(help_text="First day of the month received.")
    directorate_id = models.BigIntegerField()
    team_id = models.BigIntegerField(default=0)
    kind = models.CharField(max_length=30)
    number = models.PositiveSmallIntegerField()
    procedure_id = models.BigIntegerField(default=0)
    outcome = models.CharField(max_length=30, blank=True)
    records = models.BigIntegerField(default=0)
    responded = models.BigIntegerField(default=0)
    within_due = models.BigIntegerField(default=0)
    within_extended = models.BigIntegerField(default=0)
    calendar_days_sum = models.BigIntegerField(default=0)
    calendar_days_count = models.BigIntegerField(default=0)
    working_days_sum = models.BigIntegerField(default=0)
    working_days_count = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=list(ROLLUP_KEY), name="monthlycount_key")
        ]
        indexes = [
            models.Index(fields=["kind", "month"], name="monthlycount_kind_month"),
            models.Index(
                fields=["directorate_id", "kind", "month"], name="monthlycount_dir"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.kind} stage {self.number}: {self.records}"


from putright.statistics.benchmark_models import (  # noqa: E402, F401
    BenchmarkAuthority,
    BenchmarkFigures,
    BenchmarkName,
    ContactSample,
    SampledContact,
)
