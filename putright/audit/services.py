"""Writing the audit trail. Services call `audit_record` inside their transaction.

The audit trail is kept longer than the cases it describes (retention anonymises a case,
never its history), so no event holds a resident's name or anything typed as free text:
`snapshot` wraps free-text fields, and `audit_record` stores only whether each changed and
its length. Reads of personal data are recorded with `audit_read`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from putright.audit.constants import ReadKind
from putright.audit.models import AuditEvent

# Text columns that hold codes the system issues, not words a person typed.
IDENTIFIER_FIELDS = frozenset(
    {
        "reference",
        "complaint_reference",
        "code",
        "key",
        "year",
        "content_type",
        "sha256",
        "prefix",
    }
)

# A case page opened again by the same person within this many seconds is one viewing:
# a reload or a return from an action form is not a new look at the record. Downloads
# and exports are always recorded, since each makes a copy that leaves the system.
READ_WINDOW_SECONDS = 300


class FreeText:
    """A free-text value in a snapshot: the event keeps its length and whether it changed."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = "" if value is None else str(value)

    def marker(self, previous: Any = None) -> dict[str, Any]:
        marker: dict[str, Any] = {"text": "empty" if not self.value else "given"}
        if isinstance(previous, FreeText):
            marker["text"] = "changed" if previous.value != self.value else "unchanged"
        marker["length"] = len(self.value)
        return marker


def _jsonable(value: Any) -> Any:
    if isinstance(value, FreeText):
        return value.marker()
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def is_free_text(field: Any) -> bool:
    """Whether a model field holds words a person typed (text without a fixed list)."""
    return (
        isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and field.name not in IDENTIFIER_FIELDS
    )


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    """The values of `fields` on `instance`, ready to store as before/after.

    Free-text fields come back wrapped in `FreeText`, so their words never reach the
    audit trail.
    """
    values: dict[str, Any] = {}
    for name in fields:
        value = getattr(instance, name)
        try:
            field = instance._meta.get_field(name)
        except FieldDoesNotExist:
            field = None
        values[name] = FreeText(value) if is_free_text(field) else value
    return values


def _after(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return {
        name: value.marker(before.get(name)) if isinstance(value, FreeText) else value
        for name, value in after.items()
    }


def target_label(target: models.Model) -> str:
    """How an event names its record: the model's `audit_label` if it has one.

    Models whose `str()` is typed text (a learning action's description, a file's
    name) define `audit_label` as a reference and a number instead.
    """
    label = getattr(target, "audit_label", None)
    return str(label if label is not None else target)[:200]


def audit_record(
    *,
    actor: Any,
    verb: str,
    target: models.Model,
    case: Any = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    message: str = "",
) -> AuditEvent:
    """Record who did what to which record, with the values before and after."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = str(actor) if actor is not None else "system"
    before = before or {}
    return AuditEvent.objects.create(
        actor=user,
        actor_label=label[:200],
        verb=verb,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=target_label(target),
        case=case,
        before=_jsonable(before),
        after=_jsonable(_after(before, after or {})),
        message=message,
    )


def audit_read(
    *,
    user: Any,
    kind: ReadKind,
    target: models.Model,
    case: Any = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent | None:
    """Record that a user viewed or downloaded personal data: who, when, which record.

    One insert. A page view (`ReadKind.windowed`) by the same user of the same record
    within READ_WINDOW_SECONDS is not recorded again; None is returned then. `details`
    holds ids and codes only (a format, a year), never names or typed text. The
    equality-data page calls this with `ReadKind.EQUALITY_VIEWED` and the case.
    """
    if kind in ReadKind.windowed():
        key = f"audit-read:{kind}:{getattr(user, 'pk', None)}:"
        key += f"{target._meta.label_lower}:{target.pk}"
        if not cache.add(key, 1, timeout=READ_WINDOW_SECONDS):
            return None
    return audit_record(
        actor=user,
        verb=kind.value,
        target=target,
        case=case,
        after=details or {},
    )
