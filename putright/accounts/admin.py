from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from putright.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = [
        "username",
        "first_name",
        "last_name",
        "role",
        "directorate",
        "team",
    ]
    list_filter = ["role", "directorate", "is_active"]
    fieldsets = (
        # Django's UserAdmin always sets fieldsets; the stubs type it as optional.
        *(BaseUserAdmin.fieldsets or ()),
        ("Role and service", {"fields": ("role", "directorate", "team", "job_title")}),
    )
