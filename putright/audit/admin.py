"""The audit trail in the admin: who did what to which record, read-only.

The before and after values describe a case (statuses, outcomes, dates), which
administrators do not see (RULES §8.9); the complaints team reads them as the case
history. Record access (who viewed what) has its own page, `audit:read_list`.
"""

from django.contrib import admin

from putright.audit.models import AuditEvent
from putright.core.admin import ReadOnlyAdminMixin

AUDIT_ADMIN_FIELDS = (
    "at",
    "actor",
    "actor_label",
    "verb",
    "target_type",
    "target_id",
)


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "actor_label", "verb", "target_type", "target_id"]
    list_filter = ["verb", "target_type"]
    search_fields = ["=target_id", "actor_label"]
    fields = AUDIT_ADMIN_FIELDS
    readonly_fields = AUDIT_ADMIN_FIELDS
