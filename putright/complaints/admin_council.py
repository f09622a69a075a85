"""The council's settings in the admin: a change of nation or closure days moves clocks.

The recompute runs in the worker (a large council's would outlast the request); the page
says it was queued, and shows how the latest recompute went.
"""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from putright.complaints.models import CalendarRecompute
from putright.complaints.services.calendar import council_calendar_changed
from putright.organisation.models import ClosureDay, Council


class _ServedLogo:
    """The current logo as the file input links to it: through the app, not /media/."""

    def __init__(self, value):
        self.value = value
        self.url = reverse("council_logo")

    def __str__(self):
        return "the current logo"


class LogoInput(forms.ClearableFileInput):
    def format_value(self, value):
        if self.is_initial(value):
            return _ServedLogo(value)
        return super().format_value(value)


class ClosureDayInline(admin.TabularInline):
    model = ClosureDay
    extra = 1


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "nation", "kind", "population"]
    inlines = [ClosureDayInline]
    readonly_fields = ["latest_calendar_recompute"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "logo":
            kwargs["widget"] = LogoInput
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="Latest deadline recalculation")
    def latest_calendar_recompute(self, obj):
        run = CalendarRecompute.objects.first()
        if run is None:
            return "None yet: deadlines are recalculated when the nation or closure days change."
        when = run.finished_at or run.created_at
        return format_html(
            "{}: {} ({})",
            run.get_status_display(),
            run.summary,
            date_format(timezone.localtime(when), "j F Y H:i"),
        )

    def save_model(self, request, obj, form, change):
        previous = Council.objects.filter(pk=obj.pk).first() if change else None
        request._putright_previous_calendar = (
            (previous.nation, previous.closure_dates()) if previous else None
        )
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        previous = getattr(request, "_putright_previous_calendar", None)
        if previous is not None:
            run = council_calendar_changed(
                council=form.instance,
                previous_nation=previous[0],
                previous_closure_days=previous[1],
                by=request.user,
            )
            if run is not None:
                self.message_user(
                    request,
                    "The working-day calendar changed: deadlines and response times "
                    "are being recalculated in the background. The result shows under "
                    "“Latest deadline recalculation” on this page and in the audit trail.",
                )


@admin.register(CalendarRecompute)
class CalendarRecomputeAdmin(admin.ModelAdmin):
    list_display = ["pk", "created_at", "status", "requested_by", "records_changed"]
    list_filter = ["status"]
    readonly_fields = [field.name for field in CalendarRecompute._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
