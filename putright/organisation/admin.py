from django.contrib import admin

from putright.organisation.models import ClosureDay, Council, Directorate, Team
from putright.organisation.services import council_calendar_changed


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


class TeamInline(admin.TabularInline):
    model = Team
    extra = 1


@admin.register(Directorate)
class DirectorateAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active"]
    search_fields = ["name"]
    inlines = [TeamInline]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "directorate", "is_active"]
    list_filter = ["directorate"]
    search_fields = ["name"]
