from django.contrib import admin

from putright.notifications.models import NotificationEmail, NotificationLog


@admin.register(NotificationLog)
class NotificationLogAdmin(admin.ModelAdmin):
    list_display = ["key", "kind", "recipient", "sent_at"]
    list_filter = ["kind"]
    search_fields = ["key"]
    readonly_fields = ["key", "kind", "recipient", "case", "subject", "sent_at"]


@admin.register(NotificationEmail)
class NotificationEmailAdmin(admin.ModelAdmin):
    """Every email the worker sent, is sending, or could not send (with the reason)."""

    list_display = ["subject", "to", "status", "attempts", "created_at", "finished_at"]
    list_filter = ["status", "kind"]
    search_fields = ["key"]
    readonly_fields = [field.name for field in NotificationEmail._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
