"""URL configuration. Each app owns its URLs under a namespace."""

from django.contrib import admin
from django.urls import include, path, reverse_lazy
from django.views.generic import RedirectView

from putright.config import views as config_views
from putright.core import views as core_views
from putright.organisation import views as organisation_views

admin.site.site_header = "putright administration"
admin.site.site_title = "putright"

urlpatterns = [
    path("", config_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("branding.css", organisation_views.branding_css, name="branding_css"),
    path("branding/logo", organisation_views.council_logo, name="council_logo"),
    # Browsers ask for /favicon.ico whatever the page links: send them to the icon.
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("accounts/", include("putright.accounts.urls")),
    path("accounts/", include("putright.signin.urls")),
    path("admin/", admin.site.urls),
    path("audit/", include("putright.audit.urls")),
    path("cases/", include("putright.complaints.urls")),
    path("letters/", include("putright.correspondence.urls")),
    path("ombudsman/", include("putright.ombudsman.urls")),
    path("publish/", include("putright.publication.urls")),
    path("dashboard/", include("putright.statistics.urls")),
    path("reports/", include("putright.reporting.urls")),
    path("imports/", include("putright.imports.urls")),
    path("self-assessment/", include("putright.selfassessment.urls")),
    path("figures/", include("putright.reporting.public_urls")),
    path("api/", include("putright.api.urls")),
    path("data-protection/", include("putright.privacy.urls")),
    path("emails/", include("putright.notifications.urls")),
    path("export-everything/", include("putright.transfer.urls")),
    path("feedback/", include("putright.public.urls")),
    path("equality/", include("putright.public.monitoring_urls")),
    # The addresses residents guess (issue 9).
    path(
        "make-a-complaint/",
        RedirectView.as_view(
            url=reverse_lazy("public:journey_start", args=["complaint"])
        ),
    ),
    path(
        "compliment/",
        RedirectView.as_view(
            url=reverse_lazy("public:journey_start", args=["compliment"])
        ),
    ),
]

handler400 = "putright.config.views.bad_request"
handler403 = "putright.config.views.permission_denied"
handler404 = "putright.config.views.page_not_found"
handler500 = "putright.config.views.server_error"
