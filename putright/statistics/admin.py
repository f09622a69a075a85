"""The council's names in each Ombudsman's data (a council setting), and the imported
benchmark figures to look at (they change only through `putright import_benchmarks`)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from putright.statistics.benchmark_models import BenchmarkFigures, BenchmarkName


@admin.register(BenchmarkName)
class BenchmarkNameAdmin(admin.ModelAdmin):
    list_display = ("name", "ombudsman")
    list_filter = ("ombudsman",)


@admin.register(BenchmarkFigures)
class BenchmarkFiguresAdmin(admin.ModelAdmin):
    list_display = ("authority", "year", "authority_type", "investigations", "upheld")
    list_filter = ("authority__ombudsman", "year")
    search_fields = ("authority__name",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: BenchmarkFigures | None = None
    ) -> bool:
        return False
