"""Generating the annual report: build, render, and fill in a report run's file.

The task entry point (`putright.reporting.tasks`) calls `report_run_execute`; this module
imports no task, so generation and queueing form no import cycle.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.utils import timezone

from putright.core.periods import Period
from putright.core.tasks import run_claim
from putright.reporting.build import build_report
from putright.reporting.models import ReportRun
from putright.reporting.parameters import ReportParameters
from putright.reporting.renderers import renderer_for
from putright.statistics.engine import selection_for

logger = logging.getLogger(__name__)


def report_generate(
    *,
    parameters: ReportParameters,
    progress: Callable[[int, str], None] | None = None,
) -> bytes:
    """Build the annual report (docs/regulatory-rules.md §1.9), or a part-year one, from
    the records and render one format."""
    report = build_report(
        period=parameters.period,
        directorate=parameters.directorate,
        audience=parameters.audience,
        progress=progress,
    )
    if progress:
        progress(90, f"Laying out the {parameters.fmt.upper()} file")
    content = renderer_for(parameters.fmt)(report)
    if progress:
        progress(100, "Ready")
    return content


def _progress_writer(run_id: int) -> Callable[[int, str], None]:
    def write(percent: int, message: str) -> None:
        ReportRun.objects.filter(pk=run_id).update(
            progress=min(max(percent, 0), 100),
            progress_message=message[:200],
            updated_at=timezone.now(),
        )

    return write


def report_run_claim(*, run_id: int) -> bool:
    """Take a queued run for one worker: a conditional update, so only one claim wins."""
    return run_claim(ReportRun, run_id)


def report_run_execute(*, run_id: int) -> ReportRun:
    """Generate a queued report run's file, recording progress, the file or the error."""
    claimed = report_run_claim(run_id=run_id)
    run = ReportRun.objects.select_related("directorate").get(pk=run_id)
    if not claimed:
        return run  # already taken by another worker, or finished
    year = selection_for(year=run.year).period
    parameters = ReportParameters(
        period=Period(year.first_year, run.period or None, year.start_month),
        directorate=run.directorate,
        fmt=run.format,
        audience=run.audience,
    )
    try:
        content = report_generate(
            parameters=parameters, progress=_progress_writer(run.pk)
        )
    except Exception:
        # The user sees a plain message; the details go to the log, never to the page.
        logger.exception("Report run %s failed", run.pk)
        run.refresh_from_db()
        run.status = ReportRun.Status.FAILED
        run.error = (
            "The report could not be generated. Try again, and if it fails again "
            f"tell the system administrator (report run {run.pk})."
        )
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "error", "finished_at", "updated_at"])
        return run
    run.refresh_from_db()
    run.output.save(parameters.filename, ContentFile(content), save=False)
    run.status = ReportRun.Status.DONE
    run.progress = 100
    run.progress_message = "Ready"
    run.finished_at = timezone.now()
    run.save(
        update_fields=[
            "output",
            "status",
            "progress",
            "progress_message",
            "finished_at",
            "updated_at",
        ]
    )
    return run
