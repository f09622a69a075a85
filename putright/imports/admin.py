"""Web imports in the admin: who uploaded what, and how the worker's import went."""

from django.contrib import admin

from putright.imports.models import ImportUpload

FILE_CONTENTS = ["preview", "problems", "map_text", "summary"]


@admin.register(ImportUpload)
class ImportUploadAdmin(admin.ModelAdmin):
    list_display = ["original_name", "user", "status", "created_at", "finished_at"]
    list_filter = ["status"]
    # The preview's first rows, the problems (cell values) and the map are the file's
    # contents: case data, shown on the Imports page to the complaints team only.
    exclude = FILE_CONTENTS
    readonly_fields = [
        field.name
        for field in ImportUpload._meta.fields
        if field.name not in FILE_CONTENTS
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
