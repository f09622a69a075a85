"""Ombudsman cases in the admin: read-only, by reference and decision, no typed text.

Records are made and changed on the Ombudsman pages, through the audited services. The
summary, requirement, lessons, category and recommendation texts are case data, which
administrators do not see (RULES §8.9).
"""

from django.contrib import admin

from putright.core.admin import ReadOnlyAdminMixin
from putright.ombudsman.models import OmbudsmanCase

OMBUDSMAN_ADMIN_FIELDS = (
    "reference",
    "ombudsman",
    "case",
    "complaint_reference",
    "directorate",
    "team",
    "received",
    "is_investigation",
    "decided",
    "decision",
    "recommendations",
    "recommendations_on_time",
    "recommendations_late",
)


@admin.register(OmbudsmanCase)
class OmbudsmanCaseAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["reference", "ombudsman", "directorate", "received", "decision"]
    list_filter = ["ombudsman", "decision", "directorate"]
    search_fields = ["reference", "complaint_reference"]
    fields = OMBUDSMAN_ADMIN_FIELDS
    readonly_fields = OMBUDSMAN_ADMIN_FIELDS
