"""Inbound emails for administrators: read-only, with no message content in the list."""

from django.contrib import admin

from putright.core.admin import ReadOnlyAdminMixin
from putright.inbox.models import InboundMessage


@admin.register(InboundMessage)
class InboundMessageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Every message kept, its status and, for a failure, why: tried again on each run."""

    # No subject, sender or body: an administrator sees no case records (accounts/policy.py).
    list_display = (
        "pk",
        "created_at",
        "source",
        "status",
        "outcome",
        "attempts",
        "case_reference",
        "error",
    )
    list_filter = ("status", "source", "outcome")
    # Not the Message-ID either: a sender's program may build it from their name.
    fields = (
        "source",
        "size",
        "status",
        "outcome",
        "error",
        "attempts",
        "created_at",
        "processed_at",
        "case_reference",
    )
    readonly_fields = fields

    @admin.display(description="case")
    def case_reference(self, obj: InboundMessage) -> str:
        return obj.case.reference if obj.case_id and obj.case else ""
