"""The worker's half of an export of everything: write the folder, zip it, keep the zip.

Queued by `putright.transfer.services.export_run_start`; run by the task
`putright.transfer.tasks.export_everything_run`.
"""

from __future__ import annotations

import hashlib
import tempfile
import zipfile
from pathlib import Path

from django.core.files import File
from django.utils.translation import gettext as _

from putright.core.tasks import run_execute
from putright.transfer.everything import export_everything
from putright.transfer.models import ExportRun


def _zip(folder: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())


def _work(run: ExportRun) -> None:
    with tempfile.TemporaryDirectory(prefix="putright-export-") as scratch:
        folder = Path(scratch) / "everything"
        result = export_everything(out=folder, actor=run.requested_by)
        archive = Path(scratch) / "everything.zip"
        _zip(folder, archive)
        digest = hashlib.sha256(archive.read_bytes()).hexdigest()
        with archive.open("rb") as handle:
            run.output.save(run.filename, File(handle), save=False)
    ExportRun.objects.filter(pk=run.pk).update(
        output=run.output.name,
        records=sum(result.counts.values()),
        files=result.files,
        sha256=digest,
    )


def export_run_execute(*, run_id: int) -> ExportRun | None:
    return run_execute(
        ExportRun,
        run_id=run_id,
        work=_work,
        failure=_("The export could not be written. Start another export."),
    )
