from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from putright.signin import views
from putright.signin.forms import PasswordResetForm, SetPasswordForm
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
    # Password reset by email (Django's views). The "sent" page is the same whether or
    # not the address belongs to an account, so the form cannot be used to find staff.
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset_form.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            form_class=PasswordResetForm,
            success_url=reverse_lazy("signin:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="accounts/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            form_class=SetPasswordForm,
            success_url=reverse_lazy("signin:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
