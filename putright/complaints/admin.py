from django.contrib import admin

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


class StageInline(admin.StackedInline):
    model = Stage
    extra = 0
    raw_id_fields = ["handler", "team", "directorate", "procedure"]
    filter_horizontal = ["issue_natures", "root_causes"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["reference", "kind", "is_closed", "created_at"]
    list_filter = ["kind", "is_closed"]
    search_fields = ["reference"]
    inlines = [StageInline]
    raw_id_fields = ["converted_from"]


class RemedyInline(admin.TabularInline):
    model = Remedy
    extra = 0


class LearningActionInline(admin.TabularInline):
    model = LearningAction
    extra = 0
    raw_id_fields = ["owner"]


@admin.register(Stage)
class StageAdmin(admin.ModelAdmin):
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
