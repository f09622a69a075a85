"""Administration of the retention policy, legal holds and the disposal log.

The policy and holds are edited here, and each change is audited. The disposal log and
retention runs are read-only: they are the council's evidence of what was disposed of.
Subject access requests hold the requester's details, so they are handled on the
complaints team's pages, not here.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone

from putright.audit.services import audit_record
from putright.core.admin import ReadOnlyAdminMixin
from putright.privacy.models import (
    DisposalLog,
    LegalHold,
    RetentionPolicy,
    RetentionRun,
)


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(admin.ModelAdmin):
    list_display = ["kind", "years", "basis", "updated_at"]
    fields = ["kind", "years", "basis"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["kind"] if obj is not None else []

    def save_model(
        self, request: HttpRequest, obj: Any, form: Any, change: Any
    ) -> None:
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user,
            verb="retention.policy_changed",
            target=obj,
            before={k: form.initial.get(k) for k in form.changed_data},
            after={"kind": obj.kind, "years": obj.years},
        )


@admin.register(LegalHold)
class LegalHoldAdmin(admin.ModelAdmin):
    list_display = ["case", "reason", "note", "placed_by", "created_at", "released_at"]
    list_filter = ["reason", ("released_at", admin.EmptyFieldListFilter)]
    raw_id_fields = ["case"]
    search_fields = ["case__reference"]
    actions = ["release"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["case", "reason", "note"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None:
            return ["case", "reason", "placed_by", "released_at", "released_by"]
        return []

    def save_model(
        self, request: HttpRequest, obj: Any, form: Any, change: Any
    ) -> None:
        if not change:
            obj.placed_by = request.user
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user,
            verb="legal_hold.changed" if change else "legal_hold.placed",
            target=obj,
            case=obj.case,
            after={"reason": obj.reason},
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a hold is released, never deleted: it is part of the record

    @admin.action(description="Release the selected holds")
    def release(self, request: HttpRequest, queryset: Any) -> None:
        for hold in queryset.filter(released_at__isnull=True):
            hold.released_at = timezone.now()
            hold.released_by = request.user
            hold.save(update_fields=["released_at", "released_by", "updated_at"])
            audit_record(
                actor=request.user,
                verb="legal_hold.released",
                target=hold,
                case=hold.case,
                after={"reason": hold.reason},
            )


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass


@admin.register(DisposalLog)
class DisposalLogAdmin(ReadOnlyAdmin):
    list_display = [
        "case_reference",
        "kind",
        "policy_years",
        "basis",
        "basis_date",
        "disposed_at",
        "files_removed",
        "run",
    ]
    list_filter = ["kind", "basis"]
    search_fields = ["case_reference"]


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdmin):
    list_display = ["pk", "started_at", "finished_at", "actor_label", "counts"]
