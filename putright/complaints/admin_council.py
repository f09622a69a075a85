"""The council's settings in the admin: a change of nation or closure days moves clocks."""

from django.contrib import admin

from putright.complaints.services.calendar import council_calendar_changed
from putright.organisation.models import ClosureDay, Council


class ClosureDayInline(admin.TabularInline):
    model = ClosureDay
    extra = 1


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "nation", "kind", "population"]
    inlines = [ClosureDayInline]

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
            changed = council_calendar_changed(
                council=form.instance,
                previous_nation=previous[0],
                previous_closure_days=previous[1],
                by=request.user,
            )
            if changed:
                records = "1 record" if changed == 1 else f"{changed:,} records"
                self.message_user(
                    request,
                    f"The working-day calendar changed: deadlines and response times "
                    f"were recalculated on {records}.",
                )
