"""Writes of the reporting app: requesting a report run, queueing it, the commentary.

Generation itself is `putright.reporting.generation` (called by the task); parameters are
`putright.reporting.parameters`.
"""

from __future__ import annotations

import re
import threading

from django.conf import settings
from django.db import connections, transaction

from putright.accounts.models import User
from putright.audit.constants import ReadKind
from putright.audit.services import audit_read, audit_record, snapshot
from putright.core.periods import Period
from putright.organisation.models import Directorate
from putright.reporting.blocks import SECTIONS
from putright.reporting.models import Commentary, ReportRun
from putright.reporting.parameters import ReportError, ReportParameters
from putright.reporting.tasks import generate_report_run
from putright.statistics.engine import selection_for

COMMENTARY_MAX_LENGTH = 10_000


def _run_ids(run: ReportRun) -> dict[str, object]:
    return {
        "year": run.year,
        "directorate": run.directorate_id,
        "format": run.format,
        "audience": run.audience,
    }


def report_run_downloaded(*, user: User, run: ReportRun) -> None:
    """Downloading the internal report is a read of the case summaries it holds."""
    if run.audience == ReportRun.Audience.INTERNAL:
        audit_read(
            user=user,
            kind=ReadKind.REPORT_DOWNLOADED,
            target=run,
            details=_run_ids(run),
        )


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
        if run.audience == ReportRun.Audience.INTERNAL:
            # The internal report holds case summaries: running it is a read of them.
            audit_read(
                user=user, kind=ReadKind.REPORT_RUN, target=run, details=_run_ids(run)
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
    try:
        generate_report_run.call(run_id)
    finally:
        connections.close_all()


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
