"""Writing the audit trail. Services call `audit_record` inside their transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models

from putright.audit.models import AuditEvent


def _jsonable(value: Any) -> Any:
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


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    """The values of `fields` on `instance`, ready to store as before/after."""
    return {name: _jsonable(getattr(instance, name)) for name in fields}


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
    return AuditEvent.objects.create(
        actor=user,
        actor_label=label[:200],
        verb=verb,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:200],
        case=case,
        before=_jsonable(before or {}),
        after=_jsonable(after or {}),
        message=message,
    )
