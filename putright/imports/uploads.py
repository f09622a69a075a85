"""Imports started from the web: check and preview the upload, then queue it for the worker.

The Imports page (`putright.imports.views`, docs/running/imports-page.md) calls
`import_upload_preview`, which stores the file and runs the import service's dry run on
it (the same `import_files` as `putright import --dry-run`: nothing is saved), then
`import_upload_confirm`, which queues the real import; `putright.imports.upload_work`
does it in the worker with the same service and writes progress as it goes.
`import_upload_start` queues an upload without a preview.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from itertools import islice
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from putright.accounts import policy
from putright.accounts.models import User
from putright.accounts.policy import Capability
from putright.audit.services import audit_record
from putright.core.errors import ServiceError
from putright.core.tasks import enqueue
from putright.imports.mapping import Mapping, MappingError
from putright.imports.models import ImportUpload
from putright.imports.readers import XLSX_MAX_BYTES, ReadError, read_path
from putright.imports.results import ImportResult
from putright.imports.services import import_files
from putright.imports.tasks import import_uploaded_file

SUFFIXES = (".csv", ".xlsx")
# Far above a council's full history as CSV; XLSX has its own limits in the reader.
MAX_UPLOAD_BYTES = 200 * 1024 * 1024
MAX_MAP_BYTES = 256 * 1024
# The rows shown as they will be read, before the counts and problems.
PREVIEW_ROWS = 5
ZIP_MAGIC = b"PK\x03\x04"
ACTIVE = (ImportUpload.Status.QUEUED, ImportUpload.Status.RUNNING)


class UploadError(ServiceError):
    """The uploaded file cannot be queued for import (message for the user)."""


def _checked_name(upload: UploadedFile) -> str:
    """The file's own name, after the type, size and content checks."""
    name = Path(upload.name or "").name
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise UploadError(
            _("The file must be a CSV or XLSX file (.csv or .xlsx)."), field="file"
        )
    if not upload.size:
        raise UploadError(_("The file is empty."), field="file")
    limit = XLSX_MAX_BYTES if suffix == ".xlsx" else MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise UploadError(
            _("The file must be smaller than %(size)s MB.")
            % {"size": limit // (1024 * 1024)},
            field="file",
        )
    upload.seek(0)
    head = upload.read(4)
    upload.seek(0)
    if suffix == ".xlsx" and head != ZIP_MAGIC:
        raise UploadError(
            _(
                "The file is not an XLSX workbook: save it again from the spreadsheet "
                "program as .xlsx, or as CSV UTF-8."
            ),
            field="file",
        )
    if suffix == ".csv" and head == ZIP_MAGIC:
        raise UploadError(
            _(
                "The file is a workbook, not CSV text: name it .xlsx or save it as "
                "CSV UTF-8."
            ),
            field="file",
        )
    return name[:200]


def _mapping(map_upload: UploadedFile | None) -> tuple[Mapping | None, str, str]:
    """The column map, its file name and its text; refused with the map's own reason."""
    if map_upload is None:
        return None, "", ""
    name = Path(map_upload.name or "").name[:200]
    if Path(name).suffix.lower() != ".json":
        raise UploadError(_("The column map must be a JSON file (.json)."), field="map")
    if (map_upload.size or 0) > MAX_MAP_BYTES:
        raise UploadError(
            _("The column map must be smaller than %(size)s KB.")
            % {"size": MAX_MAP_BYTES // 1024},
            field="map",
        )
    raw = map_upload.read()
    try:
        text = raw.decode("utf-8-sig")
        data = json.loads(text)
    except UnicodeDecodeError as exc:
        raise UploadError(_("The column map is not UTF-8 text."), field="map") from exc
    except json.JSONDecodeError as exc:
        raise UploadError(
            _(
                "The column map is not valid JSON (line %(line)s, column %(column)s: "
                "%(reason)s)."
            )
            % {"line": exc.lineno, "column": exc.colno, "reason": exc.msg},
            field="map",
        ) from exc
    try:
        return Mapping.from_dict(data), name, text
    except MappingError as exc:
        raise UploadError(
            _("The column map is refused: %(reason)s") % {"reason": exc}, field="map"
        ) from exc


def _copy(upload: UploadedFile, path: Path) -> str:
    """Write the upload to `path`; its SHA-256."""
    digest = hashlib.sha256()
    upload.seek(0)
    with path.open("wb") as target:
        for chunk in upload.chunks():
            digest.update(chunk)
            target.write(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _first_rows(path: Path, mapping: Mapping | None) -> list[dict[str, Any]]:
    """The first rows of each table as the import reads them: our columns, mapped values."""
    try:
        sources = read_path(path, mapping)
    except ReadError:
        return []
    tables = []
    for source in sources:
        read = list(islice(source.rows(), PREVIEW_ROWS))
        # Columns blank in every row shown are left out: a full file has forty.
        columns = [
            name
            for name in source.header
            if name and (not read or any(row.get(name) for _, row in read))
        ]
        rows = [
            {"row": number, "cells": [row.get(name, "") for name in columns]}
            for number, row in read
        ]
        tables.append(
            {"name": source.name, "kind": source.kind, "columns": columns, "rows": rows}
        )
    return tables


def _references(tables: list[dict[str, Any]]) -> list[str]:
    """The contact references among the first rows: the result links to them."""
    found: list[str] = []
    for table in tables:
        if table["kind"] != "contacts" or "reference" not in table["columns"]:
            continue
        at = table["columns"].index("reference")
        for row in table["rows"]:
            if row["cells"][at] and row["cells"][at] not in found:
                found.append(row["cells"][at])
    return found


def _preview_counts(result: ImportResult) -> dict[str, Any]:
    return {
        "contacts": vars(result.contacts),
        "ombudsman": vars(result.ombudsman),
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "rows": result.rows_read,
        "problem_count": result.error_count,
        "summary": result.summary().splitlines()[0],
    }


def import_upload_preview(
    *, user: User, upload: UploadedFile, map_upload: UploadedFile | None = None
) -> ImportUpload:
    """Check an uploaded file and preview its import by the service's dry run (saves no record).

    A file with problems is recorded as refused (every problem kept for the page) and its
    copy deleted; a good one is kept until Run import (`import_upload_confirm`).
    """
    policy.require(user, Capability.IMPORTS)
    name = _checked_name(upload)
    mapping, map_name, map_text = _mapping(map_upload)
    _refuse_while_running(_("preview this file"))
    with tempfile.TemporaryDirectory(prefix="putright-preview-") as folder:
        path = Path(folder) / name
        checksum = _copy(upload, path)
        result = import_files([path], mapping=mapping, dry_run=True, actor=user)
        tables = _first_rows(path, mapping) if result.rows_read or result.ok else []
    run = ImportUpload(
        user=user,
        original_name=name,
        checksum=checksum,
        size=upload.size or 0,
        map_name=map_name,
        map_text=map_text,
        preview={
            **_preview_counts(result),
            "tables": tables,
            "references": _references(tables),
        },
        problems=[
            [p.row, p.column, p.value, p.message, p.source] for p in result.errors
        ],
        rows_total=result.rows_read,
        summary=result.summary(),
    )
    if not result.ok:
        run.status = ImportUpload.Status.FAILED
        run.error = result.summary().splitlines()[0]
        run.finished_at = timezone.now()
    with transaction.atomic():
        if result.ok:
            run.file.save(name, upload, save=False)
        run.save()
        audit_record(
            actor=user,
            verb="import_previewed",
            target=run,
            after={
                "file": name,
                "checksum": checksum,
                "map": map_name,
                "rows": result.rows_read,
                "problems": result.error_count,
            },
        )
    return run


def import_running() -> ImportUpload | None:
    """The web import queued or running now, if there is one."""
    return (
        ImportUpload.objects.filter(status__in=ACTIVE, confirmed_at__isnull=False)
        .select_related("user")
        .first()
    )


def _refuse_while_running(then: str) -> None:
    """One web import at a time: a dry run would only wait behind the running one's lock."""
    other = import_running()
    if other is not None:
        raise UploadError(
            _(
                "Another import (%(file)s) is running. Wait for it to finish, then "
                "%(then)s."
            )
            % {"file": other.original_name, "then": then},
            field="file",
        )


def import_upload_confirm(*, user: User, run: ImportUpload) -> ImportUpload:
    """Run import: queue a previewed upload for the worker; one web import at a time."""
    policy.require(user, Capability.IMPORTS)
    with transaction.atomic():
        run = ImportUpload.objects.select_for_update().get(pk=run.pk)
        if run.confirmed_at is not None:
            return run  # pressed twice: already queued
        if run.status != ImportUpload.Status.QUEUED or not run.file:
            raise UploadError(
                _("This file cannot be imported: upload it again to preview it.")
            )
        _refuse_while_running(_("press Run import again"))
        run.confirmed_at = timezone.now()
        run.save(update_fields=["confirmed_at", "updated_at"])
        audit_record(
            actor=user,
            verb="import_requested",
            target=run,
            after={"file": run.original_name, "checksum": run.checksum},
        )
        enqueue(import_uploaded_file, run_id=run.pk)
    run.refresh_from_db()
    return run


def import_upload_discard(*, user: User, run: ImportUpload) -> None:
    """Cancel a preview: the stored copy of the file is deleted, nothing is imported."""
    policy.require(user, Capability.IMPORTS)
    if run.confirmed_at is not None or run.status != ImportUpload.Status.QUEUED:
        return
    with transaction.atomic():
        if run.file:
            run.file.delete(save=False)
        ImportUpload.objects.filter(pk=run.pk).update(
            file="",
            preview=run.preview_without_rows(),
            status=ImportUpload.Status.FAILED,
            error=_("Cancelled after the preview: nothing was imported."),
            finished_at=timezone.now(),
        )
        audit_record(actor=user, verb="import_cancelled", target=run)


def import_upload_start(
    *, user: User, upload: UploadedFile, dry_run: bool = False
) -> ImportUpload:
    """Store an uploaded CSV or XLSX file and queue its import (docs/interchange-format.md §4.3)."""
    policy.require(user, Capability.IMPORTS)
    name = _checked_name(upload)
    with transaction.atomic():
        run = ImportUpload(
            user=user,
            original_name=name,
            is_dry_run=dry_run,
            size=upload.size or 0,
            confirmed_at=timezone.now(),
        )
        run.file.save(name, upload, save=False)
        run.save()
        audit_record(
            actor=user,
            verb="import_requested",
            target=run,
            after={"file": name, "dry_run": dry_run},
        )
    enqueue(import_uploaded_file, run_id=run.pk)
    run.refresh_from_db()
    return run
