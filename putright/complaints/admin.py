"""The Django admin: procedures and vocabularies are edited here; case records only viewed.

Changes to a case or its stages go through the services, which check the lifecycle, bump
`Case.version` and record an audit event; the admin does none of that, so it cannot edit them.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from putright.complaints import admin_council  # noqa: F401 - registers the Council admin
from putright.complaints.models import (
    Case,
    ComplainantType,
    IssueNature,
    LearningAction,
    Procedure,
    ProcedureStage,
    RefusalReason,
    Remedy,
    RootCause,
    Stage,
)


class ProcedureStageInline(admin.TabularInline):
    model = ProcedureStage
    extra = 0


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "family", "day_basis", "ombudsman", "is_builtin"]
    list_filter = ["family", "is_builtin"]
    inlines = [ProcedureStageInline]


for vocabulary in (IssueNature, RootCause, ComplainantType, RefusalReason):
    admin.site.register(
        vocabulary, list_display=["name", "is_active"], search_fields=["name"]
    )


class ReadOnlyMixin:
    """Case data is read-only in the admin: no add, change or delete."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class StageInline(ReadOnlyMixin, admin.StackedInline):
    model = Stage
    extra = 0
    raw_id_fields = ["handler", "team", "directorate", "procedure"]
    filter_horizontal = ["issue_natures", "root_causes"]


@admin.register(Case)
class CaseAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["reference", "kind", "is_closed", "created_at"]
    list_filter = ["kind", "is_closed"]
    search_fields = ["reference"]
    inlines = [StageInline]
    raw_id_fields = ["converted_from"]


class RemedyInline(ReadOnlyMixin, admin.TabularInline):
    model = Remedy
    extra = 0


class LearningActionInline(ReadOnlyMixin, admin.TabularInline):
    model = LearningAction
    extra = 0
    raw_id_fields = ["owner"]


@admin.register(Stage)
class StageAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "kind",
        "directorate",
        "received",
        "due",
        "responded",
        "outcome",
    ]
    list_filter = ["kind", "number", "outcome", "directorate"]
    search_fields = ["case__reference"]
    date_hierarchy = "received"
    raw_id_fields = ["case", "handler", "team", "directorate", "procedure"]
    inlines = [RemedyInline, LearningActionInline]
