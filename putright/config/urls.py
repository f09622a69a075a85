"""URL configuration. Each app owns its URLs under a namespace.

Apps are mounted here when their `urls.py` exists, so a half-built app never breaks the site.
"""

from importlib.util import find_spec

from django.contrib import admin
from django.urls import include, path

from putright.core import views as core_views

admin.site.site_header = "putright administration"
admin.site.site_title = "putright"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("branding.css", core_views.branding_css, name="branding_css"),
    path("accounts/", include("putright.accounts.urls")),
    path("admin/", admin.site.urls),
]

# (prefix, module): the staff app's areas and the API.
_OPTIONAL = [
    ("cases/", "putright.complaints.urls"),
    ("ombudsman/", "putright.ombudsman.urls"),
    ("dashboard/", "putright.statistics.urls"),
    ("reports/", "putright.reporting.urls"),
    ("api/", "putright.api.urls"),
]
for prefix, module in _OPTIONAL:
    if find_spec(module.rsplit(".", 1)[0]) and find_spec(module):
        urlpatterns.append(path(prefix, include(module)))
