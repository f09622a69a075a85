"""Writes of the reporting app: generating the annual report, report runs, commentary."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connections, transaction
from django.utils import timezone
from django.utils.text import slugify

from putright.accounts.models import User
from putright.audit.services import audit_record, snapshot
from putright.core.periods import Period
from putright.organisation.models import Directorate
from putright.reporting.blocks import INTERNAL, PUBLIC, SECTIONS
from putright.reporting.build import build_report
from putright.reporting.models import Commentary, ReportRun
from putright.reporting.renderers import renderer_for
from putright.statistics.engine import selection_for

logger = logging.getLogger(__name__)

FORMATS = ("html", "pdf", "docx", "xlsx")
AUDIENCES = (PUBLIC, INTERNAL)
COMMENTARY_MAX_LENGTH = 10_000


class ReportError(ValueError):
    """Report parameters that cannot be used; the message is written for the user."""


@dataclass(frozen=True)
class ReportParameters:
    """What to report on: the year, optionally one directorate, the format and audience."""

    period: Period
    directorate: Directorate | None
    fmt: str
    audience: str

    @property
    def filename(self) -> str:
        parts = ["annual-complaints-report", self.period.label.replace("/", "-")]
        if self.directorate is not None:
            parts.append(slugify(self.directorate.name.replace("'", "")))
        parts.append(self.audience)
        return "-".join(parts) + f".{self.fmt}"


def report_parameters(
    *,
    year: str | Period,
    directorate: Directorate | str | int | None = None,
    fmt: str = "pdf",
    audience: str = PUBLIC,
) -> ReportParameters:
    """Check and resolve report parameters as typed by a user (page or command line)."""
    fmt = (fmt or "").strip().lower()
    if fmt not in FORMATS:
        raise ReportError(
            f"Format {fmt!r} is not recognised: use html, pdf, docx or xlsx."
        )
    audience = (audience or "").strip().lower()
    if audience not in AUDIENCES:
        raise ReportError(
            f"Audience {audience!r} is not recognised: use public or internal."
        )
    try:
        selection = selection_for(year=year, directorate=directorate)
    except ValueError as error:  # PeriodError and StatisticsError carry user messages
        raise ReportError(str(error)) from error
    return ReportParameters(
        selection.period.whole_year(), selection.directorate, fmt, audience
    )


def report_generate(
    *,
    parameters: ReportParameters,
    progress: Callable[[int, str], None] | None = None,
) -> bytes:
    """Build the annual report (RULES.md §1.9) from the records and render one format."""
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


def report_run_start(*, user: User, parameters: ReportParameters) -> ReportRun:
    """Record a request for the report and queue its generation as a background task."""
    with transaction.atomic():
        run = ReportRun.objects.create(
            user=user,
            year=parameters.period.label,
            directorate=parameters.directorate,
            format=parameters.fmt,
            audience=parameters.audience,
            filename=parameters.filename,
            progress_message="Waiting to start",
        )
        audit_record(
            actor=user,
            verb="report_requested",
            target=run,
            after=snapshot(run, ["year", "directorate", "format", "audience"]),
        )
        transaction.on_commit(lambda: report_run_dispatch(run_id=run.pk))
    return run


def report_run_dispatch(*, run_id: int) -> None:
    """Queue a run's generation; without a worker, run it in a thread so the page shows progress.

    With a queue backend (django-tasks-db and its worker) the task is simply enqueued. The
    immediate backend would generate the report inside the web request, so instead it runs
    in a background thread of the web process (demo and one-machine installs), unless
    `REPORTING_BACKGROUND_THREAD` is False (the tests), when it runs at once.
    """
    from django_tasks.backends.immediate import ImmediateBackend

    from putright.reporting.tasks import generate_report_run

    immediate = isinstance(generate_report_run.get_backend(), ImmediateBackend)
    if immediate and getattr(settings, "REPORTING_BACKGROUND_THREAD", True):
        threading.Thread(
            target=_run_in_thread,
            args=(run_id,),
            name=f"report-run-{run_id}",
            daemon=True,
        ).start()
    else:
        generate_report_run.enqueue(run_id)


def _run_in_thread(run_id: int) -> None:
    from putright.reporting.tasks import generate_report_run

    try:
        generate_report_run.call(run_id)
    finally:
        connections.close_all()


def _progress_writer(run_id: int) -> Callable[[int, str], None]:
    def write(percent: int, message: str) -> None:
        ReportRun.objects.filter(pk=run_id).update(
            progress=min(max(percent, 0), 100),
            progress_message=message[:200],
            updated_at=timezone.now(),
        )

    return write


def report_run_execute(*, run_id: int) -> ReportRun:
    """Generate a queued report run's file, recording progress, the file or the error."""
    run = ReportRun.objects.select_related("directorate").get(pk=run_id)
    if run.status != ReportRun.Status.QUEUED:
        return run  # already taken by another worker, or finished
    run.status = ReportRun.Status.RUNNING
    run.started_at = timezone.now()
    run.save(update_fields=["status", "started_at", "updated_at"])
    parameters = ReportParameters(
        period=selection_for(year=run.year).period,
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


def _clean_text(text: str) -> str:
    text = text.replace("\r\n", "\n").strip()
    return re.sub(r"\n{3,}", "\n\n", text)


def commentary_save(
    *,
    section: str,
    year: str | Period,
    directorate: Directorate | None,
    text: str,
    by: User,
) -> Commentary | None:
    """Save the council's commentary for a section and year; empty text removes it."""
    if section not in SECTIONS:
        raise ReportError(f"Section {section!r} is not part of the annual report.")
    try:
        period = selection_for(year=year).period
    except ValueError as error:
        raise ReportError(str(error)) from error
    text = _clean_text(text or "")
    if len(text) > COMMENTARY_MAX_LENGTH:
        raise ReportError(
            f"Commentary must be {COMMENTARY_MAX_LENGTH:,} characters or fewer."
        )
    with transaction.atomic():
        existing = (
            Commentary.objects.select_for_update()
            .filter(section=section, year=period.label, directorate=directorate)
            .first()
        )
        before = snapshot(existing, ["text"]) if existing else {}
        if not text:
            if existing is not None:
                audit_record(
                    actor=by, verb="commentary_removed", target=existing, before=before
                )
                existing.delete()
            return None
        if existing is None:
            existing = Commentary(
                section=section, year=period.label, directorate=directorate
            )
        existing.text = text
        existing.updated_by = by
        existing.save()
        audit_record(
            actor=by,
            verb="commentary_saved",
            target=existing,
            before=before,
            after=snapshot(existing, ["text"]),
        )
    return existing
