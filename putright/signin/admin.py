from django.contrib import admin
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from putright.signin.models import SingleSignOnIdentity

# django-otp's own admin shows each device's secret key and QR code: anyone with the
# administration area could then make a colleague's codes. Devices are reset only through
# the audited page for the complaints team and administrators (signin:staff_second_factors).
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(SingleSignOnIdentity)
class SingleSignOnIdentityAdmin(admin.ModelAdmin):
    list_display = ["user", "issuer", "last_signed_in_at"]
    search_fields = ["user__username", "user__email"]
    readonly_fields = ["user", "issuer", "subject", "created_at", "last_signed_in_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
