from django.contrib import admin

from putright.core.admin import ReadOnlyAdminMixin
from putright.notifications.models import NotificationEmail, NotificationLog

NOTIFICATION_ADMIN_FIELDS = (
    "key",
    "kind",
    "recipient",
    "case",
    "subject",
    "sent_at",
)


@admin.register(NotificationLog)
class NotificationLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Which reminder went to which officer, by case reference: a log, never edited."""

    list_display = ["key", "kind", "recipient", "sent_at"]
    list_filter = ["kind"]
    search_fields = ["key"]
    fields = NOTIFICATION_ADMIN_FIELDS
    readonly_fields = NOTIFICATION_ADMIN_FIELDS


# The email's body lists cases and can quote what they are about: the admin shows its
# envelope and delivery only, never the text (administrators see no case data).
NOTIFICATION_EMAIL_ADMIN_FIELDS = (
    "key",
    "kind",
    "shown_to",
    "subject",
    "status",
    "attempts",
    "error",
    "created_at",
    "finished_at",
)


@admin.register(NotificationEmail)
class NotificationEmailAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Every email the worker sent, is sending, or could not send (with the reason)."""

    list_display = [
        "subject",
        "shown_to",
        "status",
        "attempts",
        "created_at",
        "finished_at",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["key"]
    fields = NOTIFICATION_EMAIL_ADMIN_FIELDS
    readonly_fields = NOTIFICATION_EMAIL_ADMIN_FIELDS

    @admin.display(description="to")
    def shown_to(self, obj: NotificationEmail) -> str:
        # Staff addresses only: a resident's address (an auto-reply) stays in their case.
        return obj.to if obj.recipient_id else "A member of the public"

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        # A letter's email goes to the complainant: its address is case data, so it is
        # listed on the case's letters page (with its delivery), not here.
        return super().get_queryset(request).exclude(kind=NotificationEmail.LETTER)
