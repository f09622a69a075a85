"""The worker's half of a web import: read the stored upload and call the import service.

Queued by `putright.imports.uploads.import_upload_start`; run by the task
`putright.imports.tasks.import_uploaded_file`.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from putright.core.tasks import RunRefused, run_execute
from putright.imports.mapping import Mapping
from putright.imports.models import ImportRun, ImportUpload
from putright.imports.progress import progress_clear, progress_writer
from putright.imports.services import import_files

# Enough problems to fix a file by; the rest are counted in the first line.
SUMMARY_LINES = 200
FAILURE = (
    "The import stopped and nothing was saved. Try again, and if it fails again tell "
    "the system administrator (web import %(id)s)."
)


def _import(upload: ImportUpload) -> None:
    # The readers choose CSV or XLSX by name and content, so the copy keeps the name.
    with tempfile.TemporaryDirectory(prefix="putright-import-") as folder:
        path = Path(folder) / Path(upload.original_name).name
        with upload.file.open("rb") as source, path.open("wb") as target:
            for chunk in source.chunks():
                target.write(chunk)
        mapping = (
            Mapping.from_dict(json.loads(upload.map_text)) if upload.map_text else None
        )
        try:
            result = import_files(
                [path],
                mapping=mapping,
                dry_run=upload.is_dry_run,
                actor=upload.user,
                on_progress=progress_writer(upload.pk),
            )
        finally:
            progress_clear(upload.pk)
    summary = "\n".join(result.summary().splitlines()[: SUMMARY_LINES + 1])
    latest = None
    if result.ok and not result.dry_run:
        latest = ImportRun.objects.filter(
            actor=upload.user, at__gte=upload.started_at
        ).first()
    ImportUpload.objects.filter(pk=upload.pk).update(
        summary=summary,
        import_run=latest,
        rows_done=result.rows_read,
        preview=upload.preview_without_rows(),
    )
    if not result.ok:
        raise RunRefused(summary.splitlines()[0])


def _discard_file(run_id: int) -> None:
    upload = ImportUpload.objects.filter(pk=run_id).first()
    if upload is not None and upload.file:
        upload.file.delete(save=False)
        ImportUpload.objects.filter(pk=run_id).update(file="")


def import_upload_execute(*, run_id: int) -> ImportUpload | None:
    """Import a queued upload all or nothing (docs/interchange-format.md §4.3), once; then delete the file."""
    upload = run_execute(
        ImportUpload, run_id=run_id, work=_import, failure=FAILURE % {"id": run_id}
    )
    if upload is not None:  # claimed and finished here: the file is no longer needed
        _discard_file(run_id)
        upload.refresh_from_db()
    return upload
