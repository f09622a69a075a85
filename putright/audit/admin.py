from django.contrib import admin

from putright.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "verb", "target_type", "target_label"]
    list_filter = ["verb", "target_type"]
    search_fields = ["target_label", "actor_label"]

    def has_add_permission(self, request):  # the trail is written by services only
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
