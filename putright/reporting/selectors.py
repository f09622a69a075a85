"""Reads of the reporting app: report runs a user may see, and the council's commentary."""

from __future__ import annotations

from django.db.models import QuerySet

from putright.accounts import policy
from putright.accounts.models import User
from putright.accounts.policy import Capability
from putright.organisation.models import Directorate
from putright.reporting.models import Commentary, ReportRun


def user_can_report(user: User) -> bool:
    """Reports are for the complaints team, managers, reporting viewers and administrators."""
    return policy.can(user, Capability.REPORTS)


def user_can_write_commentary(user: User) -> bool:
    """Only the complaints team and administrators write the report's commentary."""
    return policy.can(user, Capability.REPORT_COMMENTARY)


def report_run_list(*, user: User, limit: int = 20) -> QuerySet[ReportRun]:
    """A user's own recent report runs, newest first."""
    return ReportRun.objects.filter(user=user).select_related("directorate")[:limit]


def report_run_get(*, user: User, pk: int) -> ReportRun | None:
    """One report run, only for the user who asked for it (or an administrator)."""
    runs = ReportRun.objects.select_related("directorate")
    if not policy.can(user, Capability.ADMINISTRATION):
        runs = runs.filter(user=user)
    return runs.filter(pk=pk).first()


def commentary_for_year(
    *, year: str, directorate: Directorate | None = None
) -> dict[str, str]:
    """The council's commentary by section for a year (and directorate, else council-wide)."""
    rows = Commentary.objects.filter(year=year, directorate=directorate)
    return {c.section: c.text for c in rows}
