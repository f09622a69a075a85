from django.contrib import admin

# The Council's admin lives in putright.complaints.admin_council: saving it moves
# every stored clock, a complaints rule.
from putright.organisation.models import Directorate, Team


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
