"""Reads of the reporting app: report runs a user may see, and the council's commentary."""

from __future__ import annotations

from django.db.models import QuerySet

from putright.accounts.models import User
from putright.organisation.models import Directorate
from putright.reporting.models import Commentary, ReportRun

# Roles that may generate and download the annual report.
REPORT_ROLES = (
    User.Role.COMPLAINTS_TEAM,
    User.Role.MANAGER,
    User.Role.REPORTING_VIEWER,
    User.Role.ADMINISTRATOR,
)
# Roles that may write the council's commentary.
COMMENTARY_ROLES = (User.Role.COMPLAINTS_TEAM, User.Role.ADMINISTRATOR)


def user_can_report(user: User) -> bool:
    """Reports are for the complaints team, managers, reporting viewers and administrators."""
    return bool(
        user.is_authenticated and (user.is_superuser or user.role in REPORT_ROLES)
    )


def user_can_write_commentary(user: User) -> bool:
    """Only the complaints team and administrators write the report's commentary."""
    return bool(
        user.is_authenticated and (user.is_superuser or user.role in COMMENTARY_ROLES)
    )


def report_run_list(*, user: User, limit: int = 20) -> QuerySet[ReportRun]:
    """A user's own recent report runs, newest first."""
    return ReportRun.objects.filter(user=user).select_related("directorate")[:limit]


def report_run_get(*, user: User, pk: int) -> ReportRun | None:
    """One report run, only for the user who asked for it (or an administrator)."""
    runs = ReportRun.objects.select_related("directorate")
    if not (user.is_superuser or user.role == User.Role.ADMINISTRATOR):
        runs = runs.filter(user=user)
    return runs.filter(pk=pk).first()


def commentary_for_year(
    *, year: str, directorate: Directorate | None = None
) -> dict[str, str]:
    """The council's commentary by section for a year (and directorate, else council-wide)."""
    rows = Commentary.objects.filter(year=year, directorate=directorate)
    return {c.section: c.text for c in rows}
