"""Bulk writes of checked rows, one chunk at a time, inside the import's transaction.

Each chunk loads the records it may touch in one query per table, compares, and then writes
with bulk inserts and updates: (reference, stage) identifies a contact record, the reference
an Ombudsman case. A row equal to what is stored is counted as unchanged and not written.
Columns absent from a file leave the stored values alone.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Generic, TypeVar

from django.db import connection, models

from putright.complaints import clocks, lifecycle
from putright.complaints.bulk import month_of
from putright.complaints.constants import RemedyType, StageStatus
from putright.complaints.deadlines import ProcedureRule, StageRule
from putright.complaints.models import (
    Case,
    ComplainantType,
    IssueNature,
    LearningAction,
    RefusalReason,
    Remedy,
    RootCause,
    Stage,
)
from putright.complaints.services.learning import learning_action_from_import
from putright.core.working_days import WorkingCalendar
from putright.imports import digests, indexes
from putright.imports.results import Counts, ImportResult
from putright.imports.validation import ContactRow, OmbudsmanRow
from putright.ombudsman.models import OmbudsmanCase, Recommendation
from putright.ombudsman.services import (
    IMPORTED_RECOMMENDATION,
    recommendations_from_counts,
)
from putright.organisation.models import Directorate, Team

BATCH = 500
INSERT_BATCH = 5000
# A first chunk at least this long, into an empty stage table, sets the table's plain
# indexes aside until the end of the run (putright/imports/indexes.py).
INDEX_PAUSE_ROWS = 2000


# Field types whose Python values the database drivers adapt themselves (the writer
# passes datetimes already adapted); any other field is prepared by Django.
DRIVER_TYPES = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "DateField",
        "DateTimeField",
        "DecimalField",
        "ForeignKey",
        "IntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SlugField",
        "SmallIntegerField",
        "TextField",
        "EmailField",
    }
)


def insert_rows(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """Insert rows (attname -> value) with one prepared statement run many times.

    Several times faster than `bulk_create` for wide tables: no model instance is built and
    the driver adapts plain values itself. Columns a row leaves out get the field's default
    (a callable default is called for each row); fields of other types (JSON, UUID...) are
    prepared by Django as usual.
    """
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults = _insert_defaults(fields)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), INSERT_BATCH):
            columns, values = _insert_values(
                fields, defaults, rows[start : start + INSERT_BATCH]
            )
            names = ", ".join(quote(f.column) for f in columns)
            if connection.vendor == "postgresql":
                # COPY is PostgreSQL's bulk path: one round trip for the whole batch.
                # Names come from model metadata, never from the imported data.
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in values:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
                cursor.executemany(sql, values)


def _insert_values(
    fields: list[models.Field], defaults: dict[str, Any], rows: list[dict[str, Any]]
) -> tuple[list[models.Field], list[tuple[Any, ...]]]:
    """The columns of an insert and each row's values for them.

    Rows that all give the same columns (an import's always do) are read by one C-level
    getter, their columns first, then the defaults of the others as one shared tuple: no
    full dict is built per row.
    """
    keys = list(rows[0])
    by_name = {f.attname: f for f in fields}
    given = [by_name[key] for key in keys if key in by_name]
    rest = [f for f in fields if f.attname not in rows[0]]
    uniform = (
        len(given) == len(keys)
        and all(f.get_internal_type() in DRIVER_TYPES for f in given)
        and not any(f.has_default() and callable(f.default) for f in rest)
        and all(row.keys() == rows[0].keys() for row in rows)
    )
    if not uniform:
        attnames = operator.itemgetter(*(f.attname for f in fields))
        return fields, [
            attnames(full) for full in _insert_batch(fields, defaults, rows)
        ]
    tail = tuple(
        defaults[f.attname]
        if f.get_internal_type() in DRIVER_TYPES
        else f.get_db_prep_save(defaults[f.attname], connection)
        for f in rest
    )
    if len(keys) == 1:
        only = keys[0]
        return given + rest, [(row[only], *tail) for row in rows]
    getter = operator.itemgetter(*keys)
    return given + rest, [getter(row) + tail for row in rows]


def _insert_defaults(fields: list[models.Field]) -> dict[str, Any]:
    """Each column's default; the time of the insert for auto timestamps."""
    defaults = {f.attname: f.get_default() for f in fields}
    now = dt.datetime.now(dt.UTC)
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            defaults[f.attname] = (
                connection.ops.adapt_datetimefield_value(now)
                if isinstance(f, models.DateTimeField)
                else now.date()
            )
    return defaults


def _insert_batch(
    fields: list[models.Field], defaults: dict[str, Any], rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Full rows for the insert: defaults filled in, non-driver values prepared."""
    batch = [{**defaults, **row} for row in rows]
    for model_field in fields:
        if model_field.has_default() and callable(model_field.default):
            for full, row in zip(batch, rows, strict=True):
                if model_field.attname not in row:
                    full[model_field.attname] = model_field.get_default()
    for model_field in fields:
        if model_field.get_internal_type() not in DRIVER_TYPES:
            for full in batch:
                full[model_field.attname] = model_field.get_db_prep_save(
                    full[model_field.attname], connection
                )
    return batch


def _column_field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    """A field of `model` that is a column of its table (the only kind the import reads)."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model.__name__}.{name} is not a column.")
    return field


def _column_name(model: type[models.Model], name: str) -> str:
    column = _column_field(model, name).column
    if column is None:
        raise TypeError(f"{model.__name__}.{name} is not a column.")
    return column


def select_in(
    model: type[models.Model], columns: list[str], key: str, values: Iterable[Any]
) -> list[tuple[Any, ...]]:
    """Rows of plain columns (ids, text) whose `key` is one of `values`, in one query.

    Raw SQL, because Django prepares every value of a large `__in` list one by one.
    """
    values = list(values)
    if not values:
        return []
    quote = connection.ops.quote_name
    sql = "SELECT {} FROM {} WHERE {} IN ({})".format(  # noqa: S608 - names from metadata
        ", ".join(quote(_column_name(model, c)) for c in columns),
        quote(model._meta.db_table),
        quote(_column_name(model, key)),
        ", ".join(["%s"] * len(values)),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        return cursor.fetchall()


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _date(value: Any) -> dt.date | None:
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def _converter(field: models.Field) -> Any:
    kind = field.get_internal_type()
    if kind == "DateField":
        return _date
    if kind == "DecimalField":
        return _decimal
    if kind == "BooleanField":
        return bool
    return None


def select_values(
    model: type[models.Model], names: list[str], key: str, values: Iterable[Any]
) -> list[dict[str, Any]]:
    """Like `.filter(key__in=values).values(*names)`, without preparing each value.

    Only plain columns (text, numbers, dates, decimals, booleans) are converted, which is
    all the import compares.
    """
    fields = [_column_field(model, name) for name in names]
    attnames = [f.attname for f in fields]
    converters = [
        (f.attname, convert) for f in fields if (convert := _converter(f)) is not None
    ]
    rows = select_in(model, [f.name for f in fields], key, values)
    result = []
    for row in rows:
        item = dict(zip(attnames, row, strict=True))
        for name, convert in converters:
            value = item[name]
            if value is not None:
                item[name] = convert(value)
        result.append(item)
    return result


# Interchange column -> Stage fields it sets.
CONTACT_FIELDS: dict[str, tuple[str, ...]] = {
    "kind": ("kind",),
    "procedure": ("procedure_id",),
    "directorate": ("directorate_id",),
    "team": ("team_id",),
    "received": ("received",),
    "acknowledged": ("acknowledged",),
    "due": ("due",),
    "extended_to": ("extended_to",),
    "responded": ("responded",),
    "outcome": ("outcome",),
    "refusal_reason": ("refusal_reason_id",),
    "channel": ("channel",),
    "complainant_type": ("complainant_type_id",),
    "financial_remedy": ("financial_remedy",),
    "learning": ("learning",),
    "commissioned": ("is_commissioned",),
    "constituency": ("constituency",),
    "summary": ("summary",),
}
DERIVED_FIELDS = tuple(f for f in clocks.CLOCK_FIELDS if f != "due") + ("status",)
STAGE_FIELDS = tuple(f for fields in CONTACT_FIELDS.values() for f in fields) + (
    DERIVED_FIELDS
)
STAGE_LOAD_FIELDS = (
    "id",
    "case_id",
    "number",
    "version",
    "import_digest",
    "panel_meeting_on",
    "panel_report_on",
)

OMBUDSMAN_FIELDS: dict[str, tuple[str, ...]] = {
    "ombudsman": ("ombudsman",),
    "complaint_reference": ("complaint_reference", "case_id"),
    "directorate": ("directorate_id",),
    "team": ("team_id",),
    "category": ("category",),
    "received": ("received",),
    "investigation": ("is_investigation",),
    "decided": ("decided",),
    "decision": ("decision",),
    "satisfactory_remedy_by_council": ("satisfactory_remedy_by_council",),
    "remedy_amount": ("remedy_amount",),
    "recommendations": ("recommendations",),
    "recommendations_on_time": ("recommendations_on_time",),
    "recommendations_late": ("recommendations_late",),
    "requirement": ("requirement",),
    "lessons": ("lessons",),
    "summary": ("summary",),
}
CASE_FIELDS = tuple(f for fields in OMBUDSMAN_FIELDS.values() for f in fields)


RECOMMENDATION_COUNTS = (
    "recommendations",
    "recommendations_on_time",
    "recommendations_late",
)


def _imported_item(description: str) -> bool:
    """Whether a recommendation item was made by an import from counts."""
    head, _, tail = IMPORTED_RECOMMENDATION.partition("{n} of {total}")
    return description.startswith(head) and description.endswith(tail)


def _counted(pk: int, states: list[str], now: dt.datetime) -> OmbudsmanCase:
    """An Ombudsman case whose counts are those of its tracked recommendations."""
    return OmbudsmanCase(
        pk=pk,
        recommendations=len(states),
        recommendations_on_time=states.count(Recommendation.Compliance.COMPLIED),
        recommendations_late=states.count(Recommendation.Compliance.COMPLIED_LATE),
        updated_at=now,
    )


# The named vocabularies an import may extend (each has a unique `name`).
LabelModel = TypeVar(
    "LabelModel", Directorate, IssueNature, RootCause, ComplainantType, RefusalReason
)


class Labels(Generic[LabelModel]):
    """An open vocabulary held in memory: tidy label -> id, creating what is missing."""

    def __init__(self, model: type[LabelModel], title: str) -> None:
        self.model: type[LabelModel] = model
        self.title = title
        self.ids: dict[str, int] = {}
        self.names: dict[int, str] = {}
        for pk, name in model.objects.values_list("pk", "name"):
            self.ids[name.casefold()] = pk
            self.names[pk] = name
        self.created: list[str] = []

    def ensure(self, labels: Iterable[str]) -> None:
        missing: dict[str, str] = {}
        for label in labels:
            if label and label.casefold() not in self.ids:
                missing.setdefault(label.casefold(), label)
        if not missing:
            return
        objs = self.model.objects.bulk_create(
            [self.model(name=name) for name in missing.values()], batch_size=BATCH
        )
        for obj in objs:
            self.ids[obj.name.casefold()] = obj.pk
            self.names[obj.pk] = obj.name
        self.created.extend(missing.values())

    def get(self, label: str) -> int | None:
        return self.ids[label.casefold()] if label else None


class Organisation:
    """Directorates and teams by name, created when an import names new ones."""

    def __init__(self) -> None:
        self.directorates = Labels(Directorate, "directorates")
        self.teams: dict[tuple[int, str], int] = {
            (directorate_id, name.casefold()): pk
            for pk, directorate_id, name in Team.objects.values_list(
                "pk", "directorate_id", "name"
            )
        }
        self.created_teams: list[str] = []

    def ensure(self, pairs: Iterable[tuple[str, str]]) -> None:
        pairs = list(pairs)
        self.directorates.ensure(d for d, _ in pairs)
        missing: dict[tuple[int, str], tuple[int, str, str]] = {}
        for directorate, team in pairs:
            if not team or not directorate:
                continue
            directorate_id = self.directorates.ids[directorate.casefold()]
            key = (directorate_id, team.casefold())
            if key not in self.teams:
                missing.setdefault(
                    key, (directorate_id, team, self.directorates.names[directorate_id])
                )
        if not missing:
            return
        objs = Team.objects.bulk_create(
            [Team(directorate_id=d, name=t) for d, t, _ in missing.values()],
            batch_size=BATCH,
        )
        for obj in objs:
            self.teams[(obj.directorate_id, obj.name.casefold())] = obj.pk
        self.created_teams.extend(f"{t} ({d})" for _, t, d in missing.values())

    def ids(self, directorate: str, team: str) -> tuple[int | None, int | None]:
        directorate_id = self.directorates.get(directorate)
        if directorate_id is None or not team:
            return directorate_id, None
        return directorate_id, self.teams[(directorate_id, team.casefold())]


@dataclass
class _Stored:
    """The stored records a chunk may touch, loaded in one query per table."""

    stages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    natures: dict[int, set[int]] = field(default_factory=dict)
    causes: dict[int, set[int]] = field(default_factory=dict)
    remedies: dict[int, dict[str, Any]] = field(
        default_factory=lambda: defaultdict(dict)
    )


@dataclass
class _ContactPlan:
    """What a chunk of contact rows will write."""

    to_create: list[dict[str, Any]] = field(default_factory=list)
    create_links: list[tuple[tuple[int, int], ContactRow, dict[str, Any]]] = field(
        default_factory=list
    )
    to_update: list[Stage] = field(default_factory=list)
    link_plans: list[tuple[int, ContactRow, dict[str, Any]]] = field(
        default_factory=list
    )
    touched: set[int] = field(default_factory=set)
    # Records found unchanged by the full comparison: (their digest's hash, stage id).
    fresh_digests: list[tuple[str, int]] = field(default_factory=list)
    # Rows with learning text: (stored stage id or None, (case id, stage number), row).
    learning: list[tuple[int | None, tuple[int, int], ContactRow]] = field(
        default_factory=list
    )


def _links_changed(
    row: ContactRow, current: dict[str, Any], desired: dict[str, Any]
) -> bool:
    """Whether the row changes the record's issue natures, root causes or remedies."""
    if any(name in row.present and current[name] != desired[name] for name in current):
        return True
    if "remedies" not in row.present and "financial_remedy" in row.present:
        have = current["remedies"]
        if RemedyType.FINANCIAL in have:
            return have[RemedyType.FINANCIAL] != row.financial_remedy
    return False


def _wanted_remedies(
    row: ContactRow, current: dict[str, Any], desired: dict[str, Any]
) -> dict[str, Any] | None:
    """The remedies a stored record should have after the row; None leaves them alone."""
    if "remedies" in row.present:
        return desired["remedies"]
    if "financial_remedy" in row.present:
        wanted = dict(current["remedies"])
        if RemedyType.FINANCIAL in wanted:
            wanted[RemedyType.FINANCIAL] = row.financial_remedy
        return wanted
    return None


# Link table, and its column naming the label, of each labelled field of a stage.
LINK_TABLES = {
    "issue_natures": (Stage.issue_natures.through, "issuenature_id"),
    "root_causes": (Stage.root_causes.through, "rootcause_id"),
}


@dataclass
class _LinkWrites:
    """The label links and remedies a chunk adds, replaces and removes."""

    added: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {name: [] for name in LINK_TABLES}
    )
    dropped: dict[str, list[int]] = field(
        default_factory=lambda: {name: [] for name in LINK_TABLES}
    )
    remedies: list[dict[str, Any]] = field(default_factory=list)

    def add_labels(
        self,
        stage_id: int,
        desired: dict[str, Any],
        names: tuple[str, ...],
        *,
        drop: bool = False,
    ) -> None:
        for name in names:
            column = LINK_TABLES[name][1]
            if drop:
                self.dropped[name].append(stage_id)
            self.added[name] += [
                {"stage_id": stage_id, column: target} for target in desired[name]
            ]

    def plan_remedies(
        self, stage_id: int, have: dict[str, Any], wanted: dict[str, Any]
    ) -> None:
        for code in set(have) - set(wanted):
            Remedy.objects.filter(stage_id=stage_id, type=code).delete()
        for code, amount in wanted.items():
            if code not in have:
                self.remedies.append(
                    {"stage_id": stage_id, "type": code, "amount": amount}
                )
            elif have[code] != amount:
                Remedy.objects.filter(stage_id=stage_id, type=code).update(
                    amount=amount
                )

    def write(self) -> None:
        for name, (through, _column) in LINK_TABLES.items():
            if self.dropped[name]:
                through._default_manager.filter(
                    stage_id__in=self.dropped[name]
                ).delete()
        for name, (through, _column) in LINK_TABLES.items():
            insert_rows(through, self.added[name])
        insert_rows(Remedy, self.remedies)


class Writer:
    """Writes chunks of checked rows; keeps vocabularies and counts across chunks."""

    def __init__(
        self,
        *,
        rules: dict[int, ProcedureRule],
        cal: WorkingCalendar,
        result: ImportResult,
    ) -> None:
        self.rules = rules
        self.cal = cal
        self.result = result
        self.organisation = Organisation()
        self.issue_natures = Labels(IssueNature, "issue natures")
        self.root_causes = Labels(RootCause, "root causes")
        self.complainant_types = Labels(ComplainantType, "complainant types")
        self.refusal_reasons = Labels(RefusalReason, "refusal reasons")
        self.now = dt.datetime.now(dt.UTC)
        # As the database stores it (SQLite: naive UTC text), for raw inserts.
        self.db_now = connection.ops.adapt_datetimefield_value(self.now)
        # Months (first days) whose stages were created or changed, old and new month.
        self.months: set[dt.date] = set()
        # Cases of the current chunk closed before this import: an import never reopens.
        self.closed: set[int] = set()
        # Stage indexes dropped for the load (restored by `restore_indexes`).
        self.dropped_indexes: list[tuple[str, str]] = []
        self._first_chunk = True
        # The stage fields a re-import compares, and their getter (`_plan_row`).
        self._compared: tuple[Any, operator.itemgetter[Any]] | None = None
        self.created_cases = 0
        # Each case's version once the current chunk is written (for the digests).
        self._case_versions: dict[int, int] = {}
        # Whether any record holds a digest a row could match (none on a first load).
        self.may_skip = Stage.objects.exclude(import_digest="").exists()

    def finish(self) -> None:
        """Copy what was created into the result."""
        result = self.result
        result.created_directorates = list(self.organisation.directorates.created)
        result.created_teams = list(self.organisation.created_teams)
        for labels in (
            self.issue_natures,
            self.root_causes,
            self.complainant_types,
            self.refusal_reasons,
        ):
            result.created_labels[labels.title] = list(labels.created)

    # -- contacts ---------------------------------------------------------------------

    def contacts(self, rows: list[ContactRow]) -> None:
        """Create or update the contact records of one chunk; each touched case's version
        goes up, so a form opened before the import is refused after it."""
        if not rows:
            return
        if self._first_chunk:
            self._first_chunk = False
            if len(rows) >= INDEX_PAUSE_ROWS and not Stage.objects.exists():
                self.dropped_indexes = indexes.drop(Stage)
        self.organisation.ensure((r.directorate, r.team) for r in rows)
        self.issue_natures.ensure(label for r in rows for label in r.issue_natures)
        self.root_causes.ensure(label for r in rows for label in r.root_causes)
        self.complainant_types.ensure(r.complainant_type for r in rows)
        self.refusal_reasons.ensure(r.refusal_reason for r in rows)

        self.closed = set()
        case_ids, found, retyped = self._cases(rows)
        plan = _ContactPlan()
        stored = self._stored(found)
        for row in rows:
            self._plan_row(plan, row, case_ids[row.reference], stored)
        created = self._write_stages(plan)
        self._learning_actions(plan, created)
        self._write_links(
            [(created[key], row, desired) for key, row, desired in plan.create_links],
            plan.link_plans,
        )
        touched = (plan.touched & set(found)) | retyped
        if touched:
            # updated_at marks the cases of this run for `close_finished_cases`.
            Case.objects.filter(pk__in=touched).update(
                version=models.F("version") + 1, updated_at=self.now
            )
            self._refresh_digests(touched)
        self._renew_digests(plan.fresh_digests)

    def _learning_actions(
        self, plan: _ContactPlan, created: dict[tuple[int, int], int]
    ) -> None:
        """One learning action per record with learning text (the learning service's
        rules), unless the record already has an action with that description."""
        if not plan.learning:
            return
        stage_ids = {
            stage_id if stage_id is not None else created[key]: row
            for stage_id, key, row in plan.learning
        }
        have = set(
            select_in(
                LearningAction, ["stage", "description"], "stage", list(stage_ids)
            )
        )
        new = []
        for stage_id, row in stage_ids.items():
            values = learning_action_from_import(
                text=row.learning,
                owner_name=row.team or row.directorate,
                identified_on=row.responded or row.received,
            )
            if values and (stage_id, values["description"]) not in have:
                new.append(
                    {
                        **values,
                        "stage_id": stage_id,
                        "created_at": self.db_now,
                        "updated_at": self.db_now,
                    }
                )
        insert_rows(LearningAction, new)
        self.result.learning_actions += len(new)

    def restore_indexes(self) -> None:
        """Build the stage indexes set aside for the load (before commit), and give
        PostgreSQL's planner the new tables' statistics (a re-import straight after a
        first load otherwise plans for empty tables)."""
        if not self.dropped_indexes:
            return
        indexes.restore(self.dropped_indexes)
        self.dropped_indexes = []
        indexes.analyse([Stage, Case])

    def close_finished_cases(self) -> None:
        """Close every case this run created or changed whose stages all have a response
        and an outcome (the lifecycle's rule); its responded stages become closed."""
        unfinished = lifecycle.unfinished_stage_sql("s")
        case, stage = Case._meta.db_table, Stage._meta.db_table
        with connection.cursor() as cursor:
            # Table names from model metadata; values are parameters.
            cursor.execute(
                f"UPDATE {case} SET is_closed = %s, closed_at = %s "  # noqa: S608
                f"WHERE is_closed = %s AND updated_at = %s "
                f"AND EXISTS (SELECT 1 FROM {stage} s WHERE s.case_id = {case}.id) "
                f"AND NOT EXISTS (SELECT 1 FROM {stage} s "
                f"WHERE s.case_id = {case}.id AND {unfinished})",
                [True, self.db_now, False, self.db_now],
            )
            self.result.closed_cases = cursor.rowcount
            cursor.execute(
                # The case's version went up with the run: forms opened before it fail.
                f"UPDATE {stage} SET status = %s "  # noqa: S608
                f"WHERE status = %s AND case_id IN "
                f"(SELECT id FROM {case} WHERE is_closed = %s AND closed_at = %s)",
                [StageStatus.CLOSED, StageStatus.RESPONDED, True, self.db_now],
            )

    def _stored(self, found: list[int]) -> _Stored:
        """What the chunk's existing cases hold: stages, their labels and remedies."""
        stored = _Stored()
        # Only cases that existed before this chunk can have stored stages.
        if found:
            names = [*STAGE_LOAD_FIELDS, *STAGE_FIELDS]
            stored.stages = {
                (values["case_id"], values["number"]): values
                for values in select_values(Stage, names, "case", found)
            }
        stage_ids = [values["id"] for values in stored.stages.values()]
        stored.natures = self._through(
            Stage.issue_natures.through, "issuenature", stage_ids
        )
        stored.causes = self._through(Stage.root_causes.through, "rootcause", stage_ids)
        if stage_ids:
            for values in select_values(
                Remedy, ["stage_id", "type", "amount"], "stage", stage_ids
            ):
                stored.remedies[values["stage_id"]][values["type"]] = values["amount"]
        return stored

    def _plan_row(
        self, plan: _ContactPlan, row: ContactRow, case_id: int, stored: _Stored
    ) -> None:
        """Decide whether one row creates, updates or leaves alone its record."""
        counts = self.result.contacts
        old = stored.stages.get((case_id, row.stage))
        if row.learning.strip():
            plan.learning.append(
                (old["id"] if old else None, (case_id, row.stage), row)
            )
        values = self._stage_values(row, old, case_closed=case_id in self.closed)
        desired = self._links(row)
        if old is None:
            values.update(
                case_id=case_id,
                number=row.stage,
                created_at=self.db_now,
                updated_at=self.db_now,
                import_digest=self._digest(row, values, desired, 1, case_id),
            )
            plan.to_create.append(values)
            self.months.add(month_of(values["received"]))
            plan.create_links.append(((case_id, row.stage), row, desired))
            plan.touched.add(case_id)
            counts.created += 1
            return
        stage_id = old["id"]
        # One C-level tuple comparison instead of a Python loop over the fields.
        compared = self._compared
        if compared is None or compared[0] != values.keys():
            compared = self._compared = (values.keys(), operator.itemgetter(*values))
        changed = compared[1](old) != compared[1](values)
        current = {
            "issue_natures": stored.natures.get(stage_id, set()),
            "root_causes": stored.causes.get(stage_id, set()),
            "remedies": stored.remedies.get(stage_id, {}),
        }
        if changed:
            values["import_digest"] = self._digest(
                row, values, desired, old["version"] + 1, case_id
            )
            plan.to_update.append(Stage(pk=stage_id, **values))
            self.months.add(month_of(old["received"]))
            self.months.add(month_of(values["received"]))
        if changed or _links_changed(row, current, desired):
            plan.link_plans.append((stage_id, row, {**desired, "current": current}))
            plan.touched.add(case_id)
            counts.updated += 1
        else:
            counts.unchanged += 1
        if not changed and row.digest:
            # Compared in full (no digest, or a stale one: written by another version of
            # putright, before a label was renamed...): the next import passes over it.
            plan.fresh_digests.append((self._hash(row), stage_id))

    # -- digests (putright/imports/digests.py) ---------------------------------------

    def label_ids(
        self,
        directorate: str,
        team: str,
        complainant_type: str,
        refusal_reason: str,
        issue_natures: tuple[str, ...],
        root_causes: tuple[str, ...],
    ) -> tuple[Any, ...] | None:
        """The ids a row's tidied labels resolve to now; None if one is not stored."""
        directorates = self.organisation.directorates.ids
        directorate_id = team_id = None
        if directorate:
            directorate_id = directorates.get(directorate.casefold())
            if directorate_id is None:
                return None
            if team:
                team_id = self.organisation.teams.get((directorate_id, team.casefold()))
                if team_id is None:
                    return None
        found: list[Any] = [directorate_id, team_id]
        singles: tuple[tuple[dict[str, int], str], ...] = (
            (self.complainant_types.ids, complainant_type),
            (self.refusal_reasons.ids, refusal_reason),
        )
        for known, label in singles:
            pk = known.get(label.casefold()) if label else None
            if label and pk is None:
                return None
            found.append(pk)
        lists: tuple[tuple[dict[str, int], tuple[str, ...]], ...] = (
            (self.issue_natures.ids, issue_natures),
            (self.root_causes.ids, root_causes),
        )
        for known, names in lists:
            ids = [known.get(name.casefold()) for name in names]
            if None in ids:
                return None
            found.append(tuple(sorted(i for i in ids if i is not None)))
        return tuple(found)

    def _digest(
        self,
        row: ContactRow,
        values: dict[str, Any],
        desired: dict[str, Any],
        stage_version: int,
        case_id: int,
    ) -> str:
        """The digest a record written from `row` keeps (blank if the run made none)."""
        if not row.digest:
            return ""
        return digests.stored(
            self._hash(row), stage_version, self._case_versions.get(case_id, 1)
        )

    def _hash(self, row: ContactRow) -> str:
        ids = self.label_ids(
            row.directorate,
            row.team,
            row.complainant_type,
            row.refusal_reason,
            row.issue_natures,
            row.root_causes,
        )
        return digests.finished(row.digest, digests.label_key(ids or ()))

    def _renew_digests(self, fresh: list[tuple[str, int]]) -> None:
        """Digests for records a full comparison found unchanged, with their versions as
        they are now (after the chunk's writes)."""
        if not fresh:
            return
        case, stage = Case._meta.db_table, Stage._meta.db_table
        renewed = digests.stored_sql(
            "CAST(%s AS TEXT) || ':'",
            "version",
            f"(SELECT c.version FROM {case} c WHERE c.id = {stage}.case_id)",  # noqa: S608
        )
        with connection.cursor() as cursor:
            cursor.executemany(
                # Table names from model metadata; values are parameters.
                f"UPDATE {stage} SET import_digest = {renewed} WHERE id = %s",  # noqa: S608
                fresh,
            )

    def stored_digests(self, references: Iterable[str]) -> dict[tuple[str, int], str]:
        """The still-valid digests of the records of these references, by (reference,
        stage number)."""
        references = list(set(references))
        if not references or not self.may_skip:
            return {}
        case, stage = Case._meta.db_table, Stage._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                # Table names from model metadata; values are parameters.
                f"SELECT c.reference, s.number, {digests.hash_sql('s.import_digest')} "  # noqa: S608
                f"FROM {stage} s JOIN {case} c ON c.id = s.case_id "
                f"WHERE c.reference IN ({', '.join(['%s'] * len(references))}) "
                f"AND {digests.valid_sql('s.import_digest', 's.version', 'c.version')}",
                references,
            )
            return {(ref, number): digest for ref, number, digest in cursor.fetchall()}

    def _refresh_digests(self, case_ids: set[int]) -> None:
        """Cases changed again after this run wrote their stages' digests: those digests
        take the case's new version (only stages this run wrote)."""
        if not case_ids:
            return
        case, stage = Case._meta.db_table, Stage._meta.db_table
        ids = sorted(case_ids)
        with connection.cursor() as cursor:
            for start in range(0, len(ids), BATCH):
                part = ids[start : start + BATCH]
                cursor.execute(
                    # Table names from model metadata; values are parameters.
                    f"UPDATE {stage} SET import_digest = "  # noqa: S608
                    + digests.stored_sql(
                        "import_digest",
                        "version",
                        f"(SELECT c.version FROM {case} c WHERE c.id = {stage}.case_id)",  # noqa: S608
                    )
                    + f" WHERE case_id IN ({', '.join(['%s'] * len(part))}) "
                    f"AND updated_at = %s AND import_digest <> ''",
                    [*part, self.db_now],
                )

    def _write_stages(self, plan: _ContactPlan) -> dict[tuple[int, int], int]:
        """Insert and update the planned stages; the new stages' ids by (case, number)."""
        insert_rows(Stage, plan.to_create)
        created: dict[tuple[int, int], int] = {}
        if plan.to_create:
            created = {
                (case_id, number): pk
                for case_id, number, pk in select_in(
                    Stage,
                    ["case", "number", "id"],
                    "case",
                    {values["case_id"] for values in plan.to_create},
                )
            }
        if plan.to_update:
            for stage in plan.to_update:
                stage.updated_at = self.now
            Stage.objects.bulk_update(
                plan.to_update,
                [*STAGE_FIELDS, "import_digest", "updated_at"],
                batch_size=BATCH,
            )
            Stage.objects.filter(pk__in=[s.pk for s in plan.to_update]).update(
                version=models.F("version") + 1
            )
        return created

    def _cases(
        self, rows: list[ContactRow]
    ) -> tuple[dict[str, int], list[int], set[int]]:
        """Case ids by reference, creating new cases; the ids that already existed; and
        those whose kind changed."""
        kinds: dict[str, str] = {}
        for row in rows:
            kinds.setdefault(row.reference, row.kind)
        found = {}
        # A stored case's version goes up once if the chunk changes it; a new one is 1.
        self._case_versions = {}
        for reference, pk, kind, closed, version in select_in(
            Case,
            ["reference", "id", "kind", "is_closed", "version"],
            "reference",
            kinds,
        ):
            found[reference] = (pk, kind)
            self._case_versions[pk] = version + 1
            if closed:
                self.closed.add(pk)
        new = [
            {
                "reference": ref,
                "kind": kind,
                "created_at": self.db_now,
                "updated_at": self.db_now,
            }
            for ref, kind in kinds.items()
            if ref not in found
        ]
        ids = {ref: pk for ref, (pk, _) in found.items()}
        if new:
            insert_rows(Case, new)
            self.created_cases += len(new)
            ids.update(
                select_in(
                    Case,
                    ["reference", "id"],
                    "reference",
                    [values["reference"] for values in new],
                )
            )
        retyped = [
            Case(pk=pk, kind=kinds[ref], updated_at=self.now)
            for ref, (pk, kind) in found.items()
            if kinds[ref] != kind
        ]
        if retyped:
            Case.objects.bulk_update(retyped, ["kind", "updated_at"], batch_size=BATCH)
        return ids, [pk for pk, _ in found.values()], {case.pk for case in retyped}

    @staticmethod
    def _through(
        through: type[models.Model], column: str, stage_ids: list[int]
    ) -> dict[int, set[int]]:
        links: dict[int, set[int]] = defaultdict(set)
        for stage_id, target in select_in(
            through, ["stage", column], "stage", stage_ids
        ):
            links[stage_id].add(target)
        return links

    def _stage_values(
        self, row: ContactRow, old: dict[str, Any] | None, *, case_closed: bool = False
    ) -> dict[str, Any]:
        directorate_id, team_id = self.organisation.ids(row.directorate, row.team)
        new: dict[str, Any] = {
            "kind": row.kind,
            "procedure_id": row.procedure_id,
            "directorate_id": directorate_id,
            "team_id": team_id,
            "received": row.received,
            "acknowledged": row.acknowledged,
            "extended_to": row.extended_to,
            "responded": row.responded,
            "outcome": row.outcome,
            "refusal_reason_id": self.refusal_reasons.get(row.refusal_reason),
            "channel": row.channel,
            "complainant_type_id": self.complainant_types.get(row.complainant_type),
            "financial_remedy": row.financial_remedy,
            "learning": row.learning,
            "is_commissioned": row.commissioned,
            "constituency": row.constituency,
            "summary": row.summary,
        }
        if old is not None:
            present = row.present
            for column, fields in CONTACT_FIELDS.items():
                if column not in present and column != "due":
                    for name in fields:
                        new[name] = old[name]
        rule = self.rules.get(new["procedure_id"]) if new["procedure_id"] else None
        stage_rule = clocks.stage_rule(rule, row.stage)
        clock = clocks.clock_compute(
            rule=stage_rule,
            cal=self.cal,
            received=new["received"],
            acknowledged=new["acknowledged"],
            due=row.due,
            extended_to=new["extended_to"],
            responded=new["responded"],
            panel_meeting_on=old["panel_meeting_on"] if old else None,
            panel_report_on=old["panel_report_on"] if old else None,
        )
        for name in clocks.CLOCK_FIELDS:
            new[name] = getattr(clock, name)
        if old is not None and case_closed:
            new["status"] = old["status"]  # closed in the app: the import keeps it so
        else:
            new["status"] = self._status(new, old, stage_rule)
        return new

    @staticmethod
    def _status(
        new: dict[str, Any], old: dict[str, Any] | None, rule: StageRule | None
    ) -> str:
        """The record's status from the stage lifecycle, as if logged in the app."""
        if old is None:
            return lifecycle.imported_status(
                kind=new["kind"],
                rule=rule,
                acknowledged=new["acknowledged"],
                responded=new["responded"],
            )
        return lifecycle.reimported_status(
            current=old["status"],
            kind=new["kind"],
            rule=rule,
            acknowledged=(old["acknowledged"], new["acknowledged"]),
            responded=(old["responded"], new["responded"]),
        )

    def _links(self, row: ContactRow) -> dict[str, Any]:
        remedies: dict[str, Any] = {
            code: (row.financial_remedy if code == RemedyType.FINANCIAL else None)
            for code in row.remedies
        }
        return {
            "issue_natures": {
                self.issue_natures.ids[n.casefold()] for n in row.issue_natures
            },
            "root_causes": {
                self.root_causes.ids[n.casefold()] for n in row.root_causes
            },
            "remedies": remedies,
        }

    def _write_links(
        self,
        created: list[tuple[int, ContactRow, dict[str, Any]]],
        updated: list[tuple[int, ContactRow, dict[str, Any]]],
    ) -> None:
        links = _LinkWrites()
        for stage_id, _row, desired in created:
            links.add_labels(stage_id, desired, ("issue_natures", "root_causes"))
            links.remedies += [
                {"stage_id": stage_id, "type": code, "amount": amount}
                for code, amount in desired["remedies"].items()
            ]
        for stage_id, row, desired in updated:
            current = desired["current"]
            replaced = tuple(
                name
                for name in ("issue_natures", "root_causes")
                if name in row.present and current[name] != desired[name]
            )
            links.add_labels(stage_id, desired, replaced, drop=True)
            wanted = _wanted_remedies(row, current, desired)
            if wanted is not None:
                links.plan_remedies(stage_id, current["remedies"], wanted)
        links.write()

    # -- Ombudsman cases --------------------------------------------------------------

    def ombudsman(self, rows: list[OmbudsmanRow]) -> None:
        """Create or update the Ombudsman cases of one chunk, linked to their complaints."""
        if not rows:
            return
        self.organisation.ensure((r.directorate, r.team) for r in rows if r.directorate)
        existing = {
            values["reference"]: values
            for values in OmbudsmanCase.objects.filter(
                reference__in=[r.reference for r in rows]
            ).values("pk", "reference", *CASE_FIELDS)
        }
        cases = dict(
            Case.objects.filter(
                reference__in={r.complaint_reference for r in rows} - {""}
            ).values_list("reference", "pk")
        )
        counts: Counts = self.result.ombudsman
        to_create: list[dict[str, Any]] = []
        to_update: list[OmbudsmanCase] = []
        for row in rows:
            directorate_id, team_id = self.organisation.ids(row.directorate, row.team)
            values: dict[str, Any] = {
                "ombudsman": row.ombudsman,
                "complaint_reference": row.complaint_reference,
                "case_id": cases.get(row.complaint_reference),
                "directorate_id": directorate_id,
                "team_id": team_id,
                "category": row.category,
                "received": row.received,
                "is_investigation": row.investigation,
                "decided": row.decided,
                "decision": row.decision,
                "satisfactory_remedy_by_council": row.satisfactory_remedy_by_council,
                "remedy_amount": row.remedy_amount,
                "recommendations": row.recommendations,
                "recommendations_on_time": row.recommendations_on_time,
                "recommendations_late": row.recommendations_late,
                "requirement": row.requirement,
                "lessons": row.lessons,
                "summary": row.summary,
            }
            if values["case_id"]:
                self.result.linked_ombudsman += 1
            old = existing.get(row.reference)
            if old is None:
                values.update(
                    reference=row.reference,
                    created_at=self.db_now,
                    updated_at=self.db_now,
                )
                to_create.append(values)
                counts.created += 1
                continue
            for column, fields in OMBUDSMAN_FIELDS.items():
                if column not in row.present:
                    for name in fields:
                        values[name] = old[name]
            if any(old[name] != value for name, value in values.items()):
                case = OmbudsmanCase(pk=old["pk"], **values)
                case.updated_at = self.now
                to_update.append(case)
                counts.updated += 1
            else:
                counts.unchanged += 1
        insert_rows(OmbudsmanCase, to_create)
        if to_update:
            OmbudsmanCase.objects.bulk_update(
                to_update, [*CASE_FIELDS, "updated_at"], batch_size=BATCH
            )
        self._recommendation_items([row.reference for row in rows])

    def _recommendation_items(self, references: list[str]) -> None:
        """Make each case's recommendation list agree with its counts: items made from
        the counts (`recommendations_from_counts`) while the case has only such items;
        once recommendations are tracked in the app, those items win and the counts are
        set from them (as the Ombudsman service does)."""
        stored = {
            pk: (total, on_time, late)
            for pk, total, on_time, late in select_in(
                OmbudsmanCase,
                ["id", *RECOMMENDATION_COUNTS],
                "reference",
                references,
            )
        }
        items: dict[int, list[tuple[str, bool]]] = defaultdict(list)
        for case_id, compliance, description in select_in(
            Recommendation,
            ["ombudsman_case", "compliance", "description"],
            "ombudsman_case",
            stored,
        ):
            items[case_id].append((compliance, _imported_item(description)))
        replace: list[int] = []
        create: list[dict[str, Any]] = []
        recount: list[OmbudsmanCase] = []
        for pk, counts in stored.items():
            have = items.get(pk, [])
            if not all(imported for _, imported in have):
                recount.append(_counted(pk, [state for state, _ in have], self.now))
                continue
            wanted = recommendations_from_counts(*counts)
            if sorted(s for s, _ in have) != sorted(w["compliance"] for w in wanted):
                if have:
                    replace.append(pk)
                create += [{**w, "ombudsman_case_id": pk} for w in wanted]
        if replace:
            Recommendation.objects.filter(ombudsman_case_id__in=replace).delete()
        insert_rows(Recommendation, create)
        self.result.recommendation_items += len(create)
        if recount:
            OmbudsmanCase.objects.bulk_update(
                recount, [*RECOMMENDATION_COUNTS, "updated_at"], batch_size=BATCH
            )
