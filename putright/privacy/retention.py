"""Retention: which cases have passed their retention period, and anonymising them.

docs/regulatory-rules.md §6 and §8.9. A case is kept for its kind's period (`RetentionPolicy`, default 6
years) counted from its closure date. Imported cases are never marked closed, so a case
with no closure date but no open stage counts from its last activity: the latest date
received, acknowledged, responded to, panel meeting or report, remedy delivered, learning
action completed, Ombudsman decision, note or attachment. A case with an open stage is
never due. A legal hold (an open Ombudsman case, a newer related case that is still kept,
or a hold record: legal action, subject access, FOI appeal) keeps it whatever its age.

Anonymising blanks the names and contact details, replaces every piece of free text with
`REMOVED` (so "records with learning" and the like still count the same), deletes the
attachments from storage and scrubs the case's audit trail. Every column the statistics
and the monthly roll-up read (dates, kinds, outcomes, services, categories, amounts) is
left untouched, so every figure stays the same.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Case as SqlCase
from django.db.models import F, Max, Q, QuerySet, Value, When
from django.utils import timezone

from putright.audit.models import AuditEvent
from putright.audit.services import audit_record
from putright.complaints.constants import Kind, StageStatus
from putright.complaints.models import (
    Attachment,
    Case,
    CaseNote,
    LearningAction,
    Remedy,
    Stage,
)
from putright.correspondence.services import letters_anonymise
from putright.ombudsman.models import OmbudsmanCase, Recommendation
from putright.privacy.models import (
    DEFAULT_RETENTION_YEARS,
    DisposalLog,
    LegalHold,
    RetentionPolicy,
    RetentionRun,
)

REMOVED = "[Removed under the retention policy]"
# Cases anonymised per transaction: short enough not to hold the database for long.
BATCH = 200

# Personal data and free text, per model: blanked (names, contact details) or replaced
# with REMOVED when not empty (free text), so counts of "has a summary" never change.
CASE_BLANKED = (
    "contact_name",
    "contact_email",
    "contact_phone",
    "contact_address",
    "representative_name",
)
CASE_TEXT = ("reasonable_adjustments", "outcome_sought")
STAGE_TEXT = (
    "summary",
    "learning",
    "understanding",
    "refusal_details",
    "response_reasons",
    "extension_reason",
    "approval_comment",
    "escalation_refusal_details",
)
OMBUDSMAN_TEXT = ("summary", "requirement", "lessons")
# Audit values under these keys are always removed; other strings only survive when they
# are codes, numbers or dates (see `_scrub`).
PERSONAL_KEYS = frozenset(
    {*CASE_BLANKED, *CASE_TEXT, *STAGE_TEXT, "text", "description", "original_name"}
)
_CODE = re.compile(r"[a-z0-9_.:+\-]{0,60}|\d{4}-\d\d-\d\d([T ][\d:.+\-]{0,30})?")
# Audit targets whose label is a reference or a type, never free text.
_SAFE_LABELS = frozenset(
    {"complaints.case", "complaints.stage", "complaints.casenote", "complaints.remedy"}
)
# Stage dates that show activity on a case (used when it was never closed).
_ACTIVITY_DATES = (
    "received",
    "acknowledged",
    "responded",
    "panel_meeting_on",
    "panel_report_on",
    "escalation_refused_on",
)


def retention_policies() -> dict[str, int]:
    """Years kept after closure, per kind of contact (docs/regulatory-rules.md §6: default 6)."""
    years = {kind.value: DEFAULT_RETENTION_YEARS for kind in Kind}
    years.update(dict(RetentionPolicy.objects.values_list("kind", "years")))
    return years


def retention_policy_set(*, kind: str, years: int, by: Any, basis: str = "") -> None:
    """Change how long one kind of contact is kept; audited."""
    if kind not in Kind.values:
        raise ValueError(
            f"{kind!r} is not a kind of contact: use one of {', '.join(Kind.values)}."
        )
    if not 1 <= years <= 100:
        raise ValueError("A retention period must be between 1 and 100 years.")
    with transaction.atomic():
        policy, _ = RetentionPolicy.objects.get_or_create(kind=kind)
        before = {"years": policy.years}
        policy.years = years
        if basis:
            policy.basis = basis[:200]
        policy.save()
        audit_record(
            actor=by,
            verb="retention.policy_changed",
            target=policy,
            before=before,
            after={"kind": kind, "years": years},
        )


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Expiry:
    case_id: int
    reference: str
    kind: str
    policy_years: int
    basis: str
    basis_date: dt.date
    expired_on: dt.date


@dataclass
class RetentionPlan:
    """What a run would do today: the cases to anonymise and those held back, and why."""

    today: dt.date
    expired: list[Expiry] = field(default_factory=list)
    held: dict[str, list[Expiry]] = field(default_factory=dict)
    not_due: int = 0
    still_open: int = 0
    already_anonymised: int = 0


@dataclass
class RetentionResult:
    plan: RetentionPlan
    dry_run: bool
    anonymised: int = 0
    files_removed: int = 0
    run: RetentionRun | None = None

    @property
    def held_counts(self) -> dict[str, int]:
        return {reason: len(items) for reason, items in self.plan.held.items()}

    def counts(self) -> dict[str, Any]:
        """The run's figures: no personal data, only counts."""
        return {
            "dry_run": self.dry_run,
            "today": self.plan.today.isoformat(),
            "expired": len(self.plan.expired),
            "anonymised": self.anonymised,
            "files_removed": self.files_removed,
            "held": self.held_counts,
            "not_due": self.plan.not_due,
            "still_open": self.plan.still_open,
            "already_anonymised": self.plan.already_anonymised,
        }


def _latest(*values: Any) -> dt.date | None:
    days = [v.date() if isinstance(v, dt.datetime) else v for v in values if v]
    return max(days) if days else None


def _activity_by_case(cases: QuerySet[Case]) -> dict[int, dt.date | None]:
    """The last activity date of each case, from its stages and related records."""
    latest: dict[int, dt.date | None] = defaultdict(lambda: None)

    def merge(rows: Any) -> None:
        for case_id, *values in rows:
            latest[case_id] = _latest(latest[case_id], *values)

    ids = cases.values("pk")
    merge(
        Stage.objects.filter(case__in=ids)
        .values("case_id")
        .annotate(*[Max(name) for name in _ACTIVITY_DATES])
        .values_list("case_id", *[f"{name}__max" for name in _ACTIVITY_DATES])
    )
    related = (
        (Remedy, "stage__case_id", "delivered_on"),
        (LearningAction, "stage__case_id", "completed_on"),
        (OmbudsmanCase, "case_id", "decided"),
        (OmbudsmanCase, "case_id", "received"),
        (CaseNote, "case_id", "created_at"),
        (Attachment, "case_id", "created_at"),
    )
    for model, key, column in related:
        merge(
            model.objects.filter(**{f"{key.replace('_id', '')}__in": ids})
            .values(key)
            .annotate(last=Max(column))
            .values_list(key, "last")
        )
    return latest


def _local_date(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def _holds_by_case() -> dict[int, str]:
    """Each held case's first reason: hold records, then open Ombudsman cases."""
    holds: dict[int, str] = {}
    for case_id, reason in LegalHold.objects.filter(
        released_at__isnull=True
    ).values_list("case_id", "reason"):
        holds.setdefault(case_id, reason)
    for case_id in OmbudsmanCase.objects.filter(
        case__isnull=False, decided__isnull=True
    ).values_list("case_id", flat=True):
        holds.setdefault(case_id, LegalHold.Reason.OMBUDSMAN)
    return holds


def _related_holds(
    holds: dict[int, str], due: dict[int, Expiry], kept: set[int]
) -> None:
    """Hold a due case while a case converted from or into it is still kept."""
    for source, target in Case.objects.filter(converted_from__isnull=False).values_list(
        "converted_from_id", "pk"
    ):
        if source in due and target in kept:
            holds.setdefault(source, LegalHold.Reason.RELATED_COMPLAINT)
        if target in due and source in kept:
            holds.setdefault(target, LegalHold.Reason.RELATED_COMPLAINT)


def retention_plan(*, today: dt.date | None = None) -> RetentionPlan:
    """Which cases have passed their retention period today, and which are held back."""
    today = today or timezone.localdate()
    plan = RetentionPlan(today=today)
    policies = retention_policies()
    plan.already_anonymised = DisposalLog.objects.count()
    cases = Case.objects.exclude(
        reference__in=DisposalLog.objects.values("case_reference")
    )
    open_ids = set(
        Stage.objects.filter(case__in=cases.values("pk"), responded__isnull=True)
        .exclude(status=StageStatus.CLOSED)
        .values_list("case_id", flat=True)
    )
    activity = _activity_by_case(cases)
    due: dict[int, Expiry] = {}
    kept: set[int] = set()
    for case_id, reference, kind, is_closed, closed_at in cases.values_list(
        "pk", "reference", "kind", "is_closed", "closed_at"
    ):
        if case_id in open_ids and not is_closed:
            plan.still_open += 1
            kept.add(case_id)
            continue
        basis_date: dt.date | None
        if is_closed and closed_at is not None:
            basis, basis_date = DisposalLog.Basis.CLOSED, _local_date(closed_at)
        else:
            basis, basis_date = DisposalLog.Basis.LAST_ACTIVITY, activity[case_id]
        years = policies.get(kind, DEFAULT_RETENTION_YEARS)
        # A case with no dates at all is kept.
        expired_on = add_years(basis_date, years) if basis_date else None
        if expired_on is None or basis_date is None or expired_on > today:
            plan.not_due += 1
            kept.add(case_id)
            continue
        due[case_id] = Expiry(
            case_id, reference, kind, years, basis, basis_date, expired_on
        )
    holds = _holds_by_case()
    _related_holds(holds, due, kept)
    for case_id, expiry in sorted(due.items(), key=lambda item: item[1].reference):
        if case_id in holds:
            plan.held.setdefault(holds[case_id], []).append(expiry)
        else:
            plan.expired.append(expiry)
    return plan


def _replace_text(columns: tuple[str, ...]) -> dict[str, Any]:
    """UPDATE expressions: REMOVED where the column has text, empty where it had none."""
    return {
        name: SqlCase(When(~Q(**{name: ""}), then=Value(REMOVED)), default=Value(""))
        for name in columns
    }


def _scrub(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _scrub(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v, key) for v in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    text = str(value)
    if key in PERSONAL_KEYS:
        return REMOVED if text else ""
    return text if _CODE.fullmatch(text) else REMOVED


def _scrub_audit(case_ids: list[int]) -> None:
    events = list(AuditEvent.objects.filter(case_id__in=case_ids))
    for event in events:
        event.before = _scrub(event.before)
        event.after = _scrub(event.after)
        event.message = REMOVED if event.message else ""
        if event.target_type not in _SAFE_LABELS:
            event.target_label = REMOVED
    AuditEvent.objects.bulk_update(
        events, ["before", "after", "message", "target_label"], batch_size=500
    )


def _remove_files(case_ids: list[int]) -> Counter[int]:
    """Delete the cases' attachments; the files go from storage once the rows have."""
    removed: Counter[int] = Counter()
    for attachment in Attachment.objects.filter(case_id__in=case_ids):
        name, storage = attachment.file.name, attachment.file.storage
        removed[attachment.case_id] += 1
        attachment.delete()
        if name:
            transaction.on_commit(partial(storage.delete, name))
    return removed


def cases_anonymise(*, expiries: list[Expiry], run: RetentionRun, by: Any) -> int:
    """Anonymise expired cases and log each disposal, in one transaction; files removed."""
    ids = [expiry.case_id for expiry in expiries]
    with transaction.atomic():
        cases = Case.objects.select_for_update().in_bulk(ids)
        Case.objects.filter(pk__in=ids).update(
            **dict.fromkeys(CASE_BLANKED, ""),
            **_replace_text(CASE_TEXT),
            version=F("version") + 1,
        )
        Stage.objects.filter(case_id__in=ids).update(
            **_replace_text(STAGE_TEXT), version=F("version") + 1
        )
        Remedy.objects.filter(stage__case_id__in=ids).update(
            **_replace_text(("description",))
        )
        LearningAction.objects.filter(stage__case_id__in=ids).update(
            description=REMOVED
        )
        CaseNote.objects.filter(case_id__in=ids).update(text=REMOVED)
        OmbudsmanCase.objects.filter(case_id__in=ids).update(
            **_replace_text(OMBUDSMAN_TEXT)
        )
        Recommendation.objects.filter(ombudsman_case__case_id__in=ids).update(
            description=REMOVED
        )
        files = _remove_files(ids)
        letters_anonymise(ids)  # the letters' text and files (putright.correspondence)
        _scrub_audit(ids)
        DisposalLog.objects.bulk_create(
            DisposalLog(
                run=run,
                case_reference=expiry.reference,
                kind=expiry.kind,
                policy_years=expiry.policy_years,
                basis=expiry.basis,
                basis_date=expiry.basis_date,
                expired_on=expiry.expired_on,
                files_removed=files[expiry.case_id],
            )
            for expiry in expiries
        )
        for expiry in expiries:
            case = cases[expiry.case_id]
            audit_record(
                actor=by,
                verb="case.anonymised",
                target=case,
                case=case,
                after={
                    "kind": expiry.kind,
                    "policy_years": expiry.policy_years,
                    "basis": expiry.basis,
                    "basis_date": expiry.basis_date,
                    "files_removed": files[expiry.case_id],
                    "retention_run": run.pk,
                },
            )
    return sum(files.values())


def retention_apply(
    *, by: Any = None, today: dt.date | None = None, dry_run: bool = False
) -> RetentionResult:
    """Anonymise every case past its period and not held (regulatory-rules §8.9)."""
    plan = retention_plan(today=today)
    result = RetentionResult(plan=plan, dry_run=dry_run)
    if dry_run or not plan.expired:
        result.files_removed = Attachment.objects.filter(
            case_id__in=[expiry.case_id for expiry in plan.expired]
        ).count()
        return result
    label = str(by) if by is not None else "system (putright retention)"
    run = RetentionRun.objects.create(actor_label=label[:200])
    result.run = run
    for start in range(0, len(plan.expired), BATCH):
        batch = plan.expired[start : start + BATCH]
        result.files_removed += cases_anonymise(expiries=batch, run=run, by=by)
        result.anonymised += len(batch)
    run.finished_at = timezone.now()
    run.counts = result.counts()
    run.save(update_fields=["finished_at", "counts"])
    audit_record(actor=by, verb="retention.run", target=run, after=run.counts)
    return result
