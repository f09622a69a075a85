"""`putright export --everything` and `putright import DIR`: the whole record, out and back in.

The format is docs/export-everything.md: a folder with `manifest.json` (format version,
counts, checksums and every table's columns), one JSON Lines file per table under
`tables/` and the stored files (attachments, letters, email attachments, raw inbound
emails, the council's logo) under `files/`.

An import goes only into an empty database (freshly migrated: only the rows `putright
migrate` makes). It keeps every record's key, so each reference between records, every
audit event's target and each id inside an event's before/after values stay true
without a translation table; the rows `migrate` made are replaced by the export's. Into
a database that already holds records it is refused: merging two councils' records has
no single right answer, and a half-merged record is worse than a clear "no".
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import shutil
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.dateparse import parse_duration
from django.utils.duration import duration_iso_string

from putright.audit.services import audit_record
from putright.organisation.models import Council
from putright.statistics.rollup import rollup_rebuild
from putright.transfer.tables import TABLES, Table

FORMAT = "putright-everything"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 2000


class TransferError(Exception):
    """A refusal or a problem with the folder, in words for the person who ran it."""


@dataclass
class TransferResult:
    counts: dict[str, int] = field(default_factory=dict)
    files: int = 0
    missing_files: list[str] = field(default_factory=list)

    def summary(self, verb: str) -> str:
        rows = sum(self.counts.values())
        lines = [
            f"{verb} {rows} records in {len(self.counts)} tables and {self.files} files."
        ]
        lines += [f"  {name}: {count}" for name, count in self.counts.items() if count]
        lines += [
            f"  stored file missing, not copied: {name}" for name in self.missing_files
        ]
        return "\n".join(lines)


def _columns(model: type[models.Model], table: Table) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.name not in table.leave_out]


def _type(column: models.Field) -> str:
    return str(column.get_internal_type())


def _schema(table: Table) -> list[dict[str, Any]]:
    schema = []
    for column in _columns(table.model, table):
        entry: dict[str, Any] = {
            "name": column.attname,
            "type": _type(column),
            "null": column.null,
        }
        related = column.related_model
        if column.is_relation and related is not None and not isinstance(related, str):
            entry["references"] = related._meta.db_table
        if column.primary_key:
            entry["key"] = True
        schema.append(entry)
    return schema


def _encode(column: models.Field, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_iso_string(value)
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(column, models.FileField):
        return str(value)
    return value


def _decode(column: models.Field, value: Any) -> Any:
    if value is None:
        return None
    kind = _type(column)
    if kind == "DateTimeField":
        return dt.datetime.fromisoformat(value)
    if kind == "DateField" and not isinstance(column, models.DateTimeField):
        return dt.date.fromisoformat(value)
    if kind == "TimeField":
        return dt.time.fromisoformat(value)
    if kind == "DurationField":
        return parse_duration(value)
    if kind == "BinaryField":
        return base64.b64decode(value)
    if kind == "DecimalField":
        return Decimal(value)
    if kind == "UUIDField":
        return uuid.UUID(value)
    return value


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _safe_name(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise TransferError(f"A stored file's name is not a plain path: {name!r}.")
    return path


def _rows(table: Table) -> Iterator[dict[str, Any]]:
    model = table.model
    columns = _columns(model, table)
    names = [c.attname for c in columns]
    query = model._base_manager.order_by("pk").values_list(*names)
    for values in query.iterator(chunk_size=CHUNK):
        yield {c.attname: _encode(c, v) for c, v in zip(columns, values, strict=True)}


def _copy_file(
    column: models.FileField, name: str, out: Path, result: TransferResult
) -> dict[str, Any] | None:
    relative = PurePosixPath("files") / _safe_name(name)
    target = out / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with column.storage.open(name, "rb") as source, target.open("wb") as copy:
            shutil.copyfileobj(source, copy)
    except (FileNotFoundError, OSError):
        target.unlink(missing_ok=True)
        result.missing_files.append(name)
        return None
    result.files += 1
    return {
        "path": str(relative),
        "sha256": _sha256(target),
        "bytes": target.stat().st_size,
    }


def _export_table(
    table: Table, out: Path, result: TransferResult, files: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    model = table.model
    file_columns = [
        c for c in _columns(model, table) if isinstance(c, models.FileField)
    ]
    path = out / "tables" / f"{table.name}.jsonl"
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for row in _rows(table):
            for column in file_columns:
                name = row[column.attname]
                if name and name not in files:
                    copied = _copy_file(column, name, out, result)
                    if copied:
                        files[name] = {"table": table.name, **copied}
            handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    result.counts[table.name] = count
    return {
        "name": table.name,
        "model": model._meta.label,
        "file": f"tables/{table.name}.jsonl",
        "rows": count,
        "sha256": _sha256(path),
        "columns": _schema(table),
    }


def export_everything(*, out: Path, actor: Any = None) -> TransferResult:
    """Write the whole record into the folder `out` (made if need be; must be empty)."""
    if out.exists() and any(out.iterdir()):
        raise TransferError(
            f"{out} is not empty: give a new or empty folder, so no old file is mixed in."
        )
    (out / "tables").mkdir(parents=True, exist_ok=True)
    result = TransferResult()
    files: dict[str, dict[str, Any]] = {}
    # One snapshot: REPEATABLE READ on PostgreSQL (when this transaction is the outermost
    # one); SQLite reads inside one transaction.
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"
                )
        tables = [_export_table(table, out, result, files) for table in TABLES]
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": timezone.now().astimezone(dt.UTC).isoformat(),
        "tables": tables,
        "files": sorted(files.values(), key=lambda f: f["path"]),
        "missing_files": sorted(result.missing_files),
    }
    (out / MANIFEST).write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    council = Council.objects.first()
    if council is not None:
        audit_record(
            actor=actor,
            verb="transfer.everything_exported",
            target=council,
            after={"records": sum(result.counts.values()), "files": result.files},
        )
    return result


# --- import ---------------------------------------------------------------------------


def is_everything_folder(path: Path) -> bool:
    """Whether `path` is a folder written by `export --everything`."""
    return path.is_dir() and (path / MANIFEST).is_file()


def is_everything_zip(path: Path) -> bool:
    """Whether `path` is the zip of such a folder (the download from the app)."""
    if not path.is_file() or not zipfile.is_zipfile(path):
        return False
    with zipfile.ZipFile(path) as archive:
        return MANIFEST in archive.namelist()


def zip_unpack(path: Path, into: Path) -> Path:
    """Unpack the app's zip into the folder `into`, refusing names outside it."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            _safe_name(name)
        archive.extractall(into)
    return into


def _manifest_read(folder: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise TransferError(f"{folder / MANIFEST} cannot be read: {error}.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise TransferError(
            f"{folder} was not written by `putright export --everything` "
            f"(its manifest.json does not say format {FORMAT!r})."
        )
    if manifest.get("format_version") != FORMAT_VERSION:
        raise TransferError(
            f"{folder} is format version {manifest.get('format_version')}; this "
            f"putright reads version {FORMAT_VERSION}."
        )
    return manifest


def _checksum_check(folder: Path, listed: str, sha256: str) -> None:
    relative = _safe_name(listed)
    path = folder / relative
    if not path.is_file():
        raise TransferError(f"{relative} is listed in manifest.json but missing.")
    if _sha256(path) != sha256:
        raise TransferError(
            f"{relative} does not match its checksum in manifest.json: "
            "it was changed or damaged after the export."
        )


def _manifest_check(
    folder: Path, manifest: dict[str, Any]
) -> dict[str, dict[str, Any]]:
    """Every table and file present with its checksum; the tables this putright knows."""
    known = {table.name: table for table in TABLES}
    entries = {entry["name"]: entry for entry in manifest.get("tables", [])}
    unknown = sorted(set(entries) - set(known))
    if unknown:
        raise TransferError(
            f"The export holds tables this putright does not know: {', '.join(unknown)}."
        )
    for name, table in known.items():
        if name not in entries:
            raise TransferError(f"The export has no table {name} (manifest.json).")
        entry = entries[name]
        _checksum_check(folder, entry["file"], entry["sha256"])
        expected = {c.attname for c in _columns(table.model, table)}
        if {c["name"] for c in entry["columns"]} != expected:
            raise TransferError(
                f"Table {name} has other columns than this putright's: "
                "export and import with the same version of putright."
            )
    for listed in manifest.get("files", []):
        _checksum_check(folder, listed["path"], listed["sha256"])
    return entries


def _refuse_unless_empty() -> None:
    held = []
    for table in TABLES:
        if table.seeded:
            continue
        count = table.model._base_manager.count()
        if count:
            held.append(f"{table.name}: {count}")
    if held:
        raise TransferError(
            "The database already holds records, so nothing was imported. An export of "
            "everything goes only into an empty database (a new DATABASE_URL after "
            "`putright migrate`). It holds: " + ", ".join(held) + "."
        )


def _store_file(column: models.FileField, name: str, folder: Path) -> str:
    source = folder / "files" / _safe_name(name)
    content = source.read_bytes()
    storage = column.storage
    if storage.exists(name):
        with storage.open(name, "rb") as existing:
            if (
                hashlib.sha256(existing.read()).digest()
                == hashlib.sha256(content).digest()
            ):
                return name
    return str(storage.save(name, ContentFile(content)))


def _left_out_value(column: models.Field) -> Any:
    """What a column the export leaves out holds after an import: no usable password."""
    if column.attname == "password":
        return make_password(None)
    return column.get_default()


def _row_values(
    columns: list[models.Field], row: dict[str, Any], folder: Path, stored: set[str]
) -> list[Any]:
    values = []
    for column in columns:
        value = _decode(column, row[column.attname])
        if isinstance(column, models.FileField) and value and value in stored:
            value = _store_file(column, value, folder)
        values.append(value)
    return values


def _import_table(
    table: Table, folder: Path, entry: dict[str, Any], stored: set[str]
) -> int:
    model = table.model
    columns = _columns(model, table)
    left_out = [c for c in model._meta.concrete_fields if c not in columns]
    fields = [*columns, *left_out]
    # Rows are written as they are, as `loaddata` does: no "last changed" date is set, no
    # signal fires; each value goes through its field's conversion for this database.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from the models
        connection.ops.quote_name(model._meta.db_table),
        ", ".join(connection.ops.quote_name(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    count = 0
    batch: list[list[Any]] = []
    with (
        (folder / entry["file"]).open(encoding="utf-8") as handle,
        connection.cursor() as cursor,
    ):
        for number, line in enumerate(handle, start=1):
            try:
                values = _row_values(columns, json.loads(line), folder, stored)
            except (ValueError, KeyError, TypeError) as error:
                raise TransferError(
                    f"{entry['file']}, line {number}: cannot be read ({error})."
                ) from None
            values += [_left_out_value(c) for c in left_out]
            batch.append(
                [
                    f.get_db_prep_save(v, connection)
                    for f, v in zip(fields, values, strict=True)
                ]
            )
            count += 1
            if len(batch) >= CHUNK:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
    return count


def import_everything(*, folder: Path, actor: Any = None) -> TransferResult:
    """Load a folder written by `export_everything` into an empty database, all or nothing."""
    manifest = _manifest_read(folder)
    entries = _manifest_check(folder, manifest)
    stored = {
        str(PurePosixPath(f["path"]).relative_to("files"))
        for f in manifest.get("files", [])
    }
    result = TransferResult()
    with transaction.atomic():
        _refuse_unless_empty()
        for table in reversed(TABLES):
            if table.seeded:
                table.model._base_manager.all().delete()
        for table in TABLES:
            result.counts[table.name] = _import_table(
                table, folder, entries[table.name], stored
            )
        result.files = len(stored)
        _sequences_reset()
        rollup_rebuild()
        council = Council.objects.first()
        if council is not None:
            audit_record(
                actor=actor,
                verb="transfer.everything_imported",
                target=council,
                after={"records": sum(result.counts.values()), "files": result.files},
            )
    return result


def _sequences_reset() -> None:
    """Next keys after the largest imported one (PostgreSQL; SQLite keeps up by itself)."""
    statements = connection.ops.sequence_reset_sql(
        no_style(), [table.model for table in TABLES]
    )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
