"""Web imports in the admin: who uploaded what, and how the worker's import went."""

from django.contrib import admin

from putright.imports.models import ImportUpload


@admin.register(ImportUpload)
class ImportUploadAdmin(admin.ModelAdmin):
    list_display = ["original_name", "user", "status", "created_at", "finished_at"]
    list_filter = ["status"]
    readonly_fields = [field.name for field in ImportUpload._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
