"""The Django admin: procedures and vocabularies are edited here; case records only viewed.

Changes to a case or its stages go through the services, which check the lifecycle, bump
`Case.version` and record an audit event; the admin does none of that, so it cannot edit them.
"""

from django.contrib import admin

from putright.complaints import admin_council  # noqa: F401 - registers the Council admin
from putright.complaints.models import (
    Case,
    ComplainantType,
    IssueNature,
    Procedure,
    ProcedureStage,
    RefusalReason,
    RootCause,
    Stage,
)
from putright.core.admin import ReadOnlyAdminMixin


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


# RULES §8.9: administrators see no case data. The admin lists cases and stages by
# reference, kind, status, service and dates, so IT can answer "is this case closed?"
# without reading a name, an address or anything an officer typed.
CASE_ADMIN_FIELDS = (
    "reference",
    "kind",
    "is_closed",
    "closed_at",
    "created_at",
    "version",
)
STAGE_ADMIN_FIELDS = (
    "case",
    "number",
    "kind",
    "procedure",
    "status",
    "directorate",
    "team",
    "received",
    "acknowledged",
    "due",
    "extended_to",
    "responded",
    "outcome",
    "version",
)


@admin.register(Case)
class CaseAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["reference", "kind", "is_closed", "created_at"]
    list_filter = ["kind", "is_closed"]
    search_fields = ["reference"]
    fields = CASE_ADMIN_FIELDS
    readonly_fields = CASE_ADMIN_FIELDS


@admin.register(Stage)
class StageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
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
    fields = STAGE_ADMIN_FIELDS
    readonly_fields = STAGE_ADMIN_FIELDS
