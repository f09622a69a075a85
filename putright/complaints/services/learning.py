"""Outstanding actions and service improvements from a complaint, tracked to completion."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from putright.audit.services import audit_record, snapshot
from putright.complaints.constants import LearningCategory, LearningStatus
from putright.complaints.models import LearningAction, Stage
from putright.complaints.services.base import (
    CaseworkError,
    _bump_case,
    _check_date,
    _lock_stage,
    _require,
    _save_stage,
)


def learning_action_add(
    *,
    stage: Stage,
    by: Any,
    version: int,
    description: str,
    due: dt.date,
    owner: Any = None,
    owner_name: str = "",
    category: str = "",
) -> LearningAction:
    """Track an outstanding action or service improvement with an owner and a due date.

    `category` is the kind of improvement (`LearningCategory`), or blank if not said.
    """
    if not description.strip():
        raise CaseworkError("Describe the action.", field="description")
    if category and category not in LearningCategory.values:
        raise CaseworkError("Choose a kind of improvement.", field="category")
    if owner is None and not owner_name.strip():
        raise CaseworkError("Say who owns the action.", field="owner")
    with transaction.atomic():
        case, stage = _lock_stage(stage, version)
        _require(by, stage, "learning")
        action = LearningAction.objects.create(
            stage=stage,
            description=description.strip(),
            owner=owner,
            owner_name=owner_name.strip() or (str(owner) if owner else ""),
            due=due,
            category=category,
        )
        _save_stage(stage, [])
        _bump_case(case)
        audit_record(
            actor=by,
            verb="learning_action.added",
            target=action,
            case=case,
            after=snapshot(
                action, ["description", "owner_name", "due", "status", "category"]
            ),
        )
    return action


def learning_action_from_import(
    *, text: str, owner_name: str, identified_on: dt.date
) -> dict[str, Any] | None:
    """The learning action an imported `learning` cell stands for, or None when blank.

    The same rules as `learning_action_add`: a description (the whole cell, trimmed: one
    action per record, since the text may itself hold semicolons), an owner (the record's
    team, or its directorate: an import names no member of staff) and a due date (the day
    the learning was identified: the response date, or the date received). It starts open
    and not categorised: the file says neither whether it was done nor what kind of
    improvement it is (staff can choose the kind on the case page).
    """
    description = text.strip()
    if not description:
        return None
    if not owner_name.strip():
        raise CaseworkError("Say who owns the action.", field="owner")
    return {
        "description": description,
        "owner_name": owner_name.strip()[:200],
        "due": identified_on,
        "status": LearningStatus.OPEN,
        "category": "",
    }


def learning_action_update(
    *,
    action: LearningAction,
    by: Any,
    version: int,
    status: str,
    completed_on: dt.date | None,
    category: str | None = None,
) -> LearningAction:
    """Move a learning action on; a complete one needs its completion date.

    `category` (the kind of improvement, blank for none) is left as it is when None.
    """
    if category and category not in LearningCategory.values:
        raise CaseworkError("Choose a kind of improvement.", field="category")
    if status == LearningStatus.COMPLETE and completed_on is None:
        raise CaseworkError(
            "Enter the date the action was completed.", field="completed_on"
        )
    if completed_on is not None:
        _check_date(completed_on, field="completed_on", label="The completion date")
    with transaction.atomic():
        case, stage = _lock_stage(action.stage, version)
        _require(by, stage, "learning")
        action = LearningAction.objects.select_for_update().get(pk=action.pk)
        fields = ["status", "completed_on", "category"]
        before = snapshot(action, fields)
        if category is not None:
            action.category = category
        action.status = status
        action.completed_on = (
            completed_on if status == LearningStatus.COMPLETE else None
        )
        action.save(update_fields=[*fields, "updated_at"])
        _bump_case(case)
        audit_record(
            actor=by,
            verb="learning_action.updated",
            target=action,
            case=case,
            before=before,
            after=snapshot(action, fields),
        )
    return action
