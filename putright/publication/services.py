"""Writing, approving and withdrawing published versions of case text (§6.1).

Each write is audited. The audit events name the purpose, the source and the state, never
the wording: the audit trail must not become a second copy of case free text.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from putright.accounts import policy
from putright.accounts.models import User
from putright.accounts.policy import Capability
from putright.audit.services import audit_record
from putright.complaints.constants import Kind
from putright.complaints.models import LearningAction, Stage
from putright.core.errors import ServiceError
from putright.ombudsman.models import OmbudsmanCase
from putright.publication.models import SOURCE_FIELD, WORDING_MAX_LENGTH, PublishedText

Purpose = PublishedText.Purpose
Source = Stage | LearningAction | OmbudsmanCase


def source_case(source: Source) -> Any:
    """The case a source belongs to (for the case's audit timeline), if any."""
    if isinstance(source, Stage):
        return source.case
    if isinstance(source, LearningAction):
        return source.stage.case
    return source.case


def _check_source(purpose: str, source: Source) -> None:
    expected = {
        "stage": Stage,
        "learning_action": LearningAction,
        "ombudsman_case": OmbudsmanCase,
    }[SOURCE_FIELD[Purpose(purpose)]]
    if not isinstance(source, expected):
        raise ServiceError("That record cannot have this kind of published wording.")
    if isinstance(source, Stage):
        is_compliment = source.kind == Kind.COMPLIMENT
        if is_compliment != (purpose == Purpose.COMPLIMENT_QUOTE):
            raise ServiceError(
                "A compliment quote is written for a compliment, and a case summary "
                "for any other record."
            )


def _state(text: PublishedText) -> dict[str, Any]:
    return {
        "purpose": text.purpose,
        "source": str(getattr(text, f"{SOURCE_FIELD[Purpose(text.purpose)]}_id")),
        "status": text.status_label,
    }


def published_text_current(*, purpose: str, source: Source) -> PublishedText | None:
    """The current (not withdrawn) published version of a source's text, if any."""
    return (
        PublishedText.objects.filter(
            purpose=purpose,
            withdrawn_at__isnull=True,
            **{SOURCE_FIELD[Purpose(purpose)]: source},
        )
        .select_related("written_by", "approved_by")
        .first()
    )


def published_text_write(
    *, purpose: str, source: Source, wording: str, by: User
) -> PublishedText:
    """Write (or reword) the published version; a new wording needs approving again."""
    policy.require(by, Capability.PUBLICATION)
    _check_source(purpose, source)
    wording = (wording or "").replace("\x00", "").strip()
    if not wording:
        raise ServiceError("Enter the published wording.", field="wording")
    if len(wording) > WORDING_MAX_LENGTH:
        raise ServiceError(
            f"The published wording must be {WORDING_MAX_LENGTH:,} characters or fewer.",
            field="wording",
        )
    with transaction.atomic():
        current = published_text_current(purpose=purpose, source=source)
        if current is not None:
            current = PublishedText.objects.select_for_update().get(pk=current.pk)
            if current.wording == wording:
                return current
            before = _state(current)
            current.wording = wording
            current.written_by = by
            current.approved_by = None
            current.approved_at = None
            current.save(
                update_fields=[
                    "wording",
                    "written_by",
                    "approved_by",
                    "approved_at",
                    "updated_at",
                ]
            )
        else:
            before = {}
            current = PublishedText.objects.create(
                purpose=purpose,
                wording=wording,
                written_by=by,
                **{SOURCE_FIELD[Purpose(purpose)]: source},
            )
        audit_record(
            actor=by,
            verb="published_text_written",
            target=current,
            case=source_case(source),
            before=before,
            after=_state(current),
        )
    return current


def published_text_approve(*, text: PublishedText, by: User) -> PublishedText:
    """Approve a published version: a complaints-team member other than its writer."""
    policy.require(by, Capability.PUBLICATION)
    with transaction.atomic():
        text = PublishedText.objects.select_for_update().get(pk=text.pk)
        if text.withdrawn_at is not None:
            raise ServiceError("This wording has been withdrawn: write it again.")
        if text.approved_at is not None:
            raise ServiceError("This wording is already approved.")
        if text.written_by_id == by.pk:
            raise ServiceError(
                "Another member of the complaints team must approve this wording, "
                "because you wrote it."
            )
        before = _state(text)
        text.approved_by = by
        text.approved_at = timezone.now()
        text.save(update_fields=["approved_by", "approved_at", "updated_at"])
        source = getattr(text, SOURCE_FIELD[Purpose(text.purpose)])
        audit_record(
            actor=by,
            verb="published_text_approved",
            target=text,
            case=source_case(source),
            before=before,
            after=_state(text),
        )
    return text


def published_text_withdraw(*, text: PublishedText, by: User) -> PublishedText:
    """Withdraw a published version: outputs stop showing it from now on."""
    policy.require(by, Capability.PUBLICATION)
    with transaction.atomic():
        text = PublishedText.objects.select_for_update().get(pk=text.pk)
        if text.withdrawn_at is not None:
            raise ServiceError("This wording has already been withdrawn.")
        before = _state(text)
        text.withdrawn_by = by
        text.withdrawn_at = timezone.now()
        text.save(update_fields=["withdrawn_by", "withdrawn_at", "updated_at"])
        source = getattr(text, SOURCE_FIELD[Purpose(text.purpose)])
        audit_record(
            actor=by,
            verb="published_text_withdrawn",
            target=text,
            case=source_case(source),
            before=before,
            after=_state(text),
        )
    return text
