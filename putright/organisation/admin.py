from django.contrib import admin

from putright.organisation.models import ClosureDay, Council, Directorate, Team


class ClosureDayInline(admin.TabularInline):
    model = ClosureDay
    extra = 1


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "nation", "kind", "population"]
    inlines = [ClosureDayInline]


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
