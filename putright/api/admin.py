from django.contrib import admin

from putright.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "user", "name", "created_at", "last_used_at", "is_active"]
    list_filter = ["is_active"]
    readonly_fields = ["user", "prefix", "created_at", "last_used_at"]
    search_fields = ["user__username", "name", "prefix"]

    def has_add_permission(self, request):
        # Tokens are made with `putright api_token`, which shows the secret once.
        return False
