"""Exports of everything started from the app: queue, write the zip, download (all audited)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from putright.accounts.policy import Capability, can
from putright.audit.constants import ReadKind
from putright.audit.services import audit_read, audit_record
from putright.core.tasks import enqueue
from putright.transfer.models import ExportRun
from putright.transfer.tasks import export_everything_run


def _require_admin(user: Any) -> None:
    from django.core.exceptions import PermissionDenied

    if not can(user, Capability.ADMINISTRATION):
        raise PermissionDenied


def export_run_start(*, user: Any) -> ExportRun:
    """Queue an export of everything for the worker; audited as asked for."""
    _require_admin(user)
    with transaction.atomic():
        run = ExportRun.objects.create(requested_by=user)
        audit_record(actor=user, verb="transfer.export_requested", target=run)
        enqueue(export_everything_run, run_id=run.pk)
    return run


def export_run_list() -> list[ExportRun]:
    return list(ExportRun.objects.select_related("requested_by")[:20])


def export_run_downloaded(*, user: Any, run: ExportRun) -> None:
    """Every download is recorded: the zip holds every resident's personal data."""
    _require_admin(user)
    audit_read(
        user=user,
        kind=ReadKind.EVERYTHING_DOWNLOADED,
        target=run,
        details={"sha256": run.sha256},
    )


def export_run_delete(*, user: Any, run: ExportRun) -> None:
    """Delete a finished export and its zip from file storage (audited), once it is safe
    elsewhere or no longer needed: the zip holds every resident's personal data."""
    _require_admin(user)
    if not run.is_finished:
        return
    with transaction.atomic():
        audit_record(actor=user, verb="transfer.export_deleted", target=run)
        name = run.output.name
        run.delete()
        if name:
            transaction.on_commit(lambda: run.output.storage.delete(name))
