"""Imports started from the web: store the upload, queue it for the worker.

The page that uploads (a later issue) calls `import_upload_start` and polls the
`ImportUpload` it returns; `putright.imports.upload_work` does the import in the worker
with the same service as `putright import`.
"""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from putright.accounts import policy
from putright.accounts.models import User
from putright.accounts.policy import Capability
from putright.audit.services import audit_record
from putright.core.errors import ServiceError
from putright.core.tasks import enqueue
from putright.imports.models import ImportUpload
from putright.imports.tasks import import_uploaded_file

SUFFIXES = (".csv", ".xlsx")
# Far above a council's full history as CSV; XLSX has its own limits in the reader.
MAX_UPLOAD_BYTES = 200 * 1024 * 1024


class UploadError(ServiceError):
    """The uploaded file cannot be queued for import (message for the user)."""


def import_upload_start(
    *, user: User, upload: UploadedFile, dry_run: bool = False
) -> ImportUpload:
    """Store an uploaded CSV or XLSX file and queue its import (docs/interchange-format.md §4.3)."""
    policy.require(user, Capability.ALL_CASES)
    name = Path(upload.name or "").name
    if Path(name).suffix.lower() not in SUFFIXES:
        raise UploadError("The file must be a CSV or XLSX file (.csv or .xlsx).")
    if not upload.size:
        raise UploadError("The file is empty.")
    if upload.size > MAX_UPLOAD_BYTES:
        raise UploadError(
            f"The file must be smaller than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
        )
    with transaction.atomic():
        run = ImportUpload(user=user, original_name=name[:200], is_dry_run=dry_run)
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
