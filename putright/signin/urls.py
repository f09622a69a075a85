from django.urls import path

from putright.signin import views
from putright.signin.oidc import SignInCallbackView, SignInStartView

app_name = "signin"

urlpatterns = [
    path("sso/start/", SignInStartView.as_view(), name="sso_start"),
    path("sso/callback/", SignInCallbackView.as_view(), name="sso_callback"),
    path("sso/refused/", views.sso_refused, name="sso_refused"),
    path("second-factor/", views.second_factor, name="second_factor"),
    path(
        "second-factor/set-up/", views.second_factor_setup, name="second_factor_setup"
    ),
    path(
        "second-factor/staff/",
        views.staff_second_factors,
        name="staff_second_factors",
    ),
    path(
        "second-factor/staff/<int:pk>/reset/",
        views.staff_second_factor_reset,
        name="staff_second_factor_reset",
    ),
]
