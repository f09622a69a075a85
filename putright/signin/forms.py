from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.db import transaction
from django.utils import timezone

from putright.accounts.models import User
from putright.audit.models import AuditEvent
from putright.audit.services import audit_record
from putright.core.forms import GovukForm


class CodeForm(GovukForm):
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code the app shows now, for example 123456.",
        error_messages={
            "required": "Enter the 6-digit code from your authenticator app."
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        attrs = self.fields["code"].widget.attrs
        attrs.update(
            {
                "class": "govuk-input govuk-input--width-5",
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split()).replace("-", "")
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError(
                "Enter the code as 6 digits, for example 123456."
            )
        return code


# Reset emails one account may be sent in an hour: enough for a lost email, too few to
# flood an inbox. The "sent" page is the same either way, so the limit reveals nothing.
RESET_EMAILS_PER_HOUR = 3


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your work email address.",
            "invalid": "Enter an email address in the correct format, like "
            "name@council.gov.uk.",
        },
        widget=forms.EmailInput(
            attrs={
                "autocomplete": "email",
                "class": "govuk-input",
                "spellcheck": "false",
            }
        ),
    )

    def get_users(self, email: str) -> Any:
        """Active accounts with a putright password, unless sent too many links lately."""
        since = timezone.now() - dt.timedelta(hours=1)
        for user in super().get_users(email):
            recent = AuditEvent.objects.filter(
                verb="password_reset_sent",
                target_type=User._meta.label_lower,
                target_id=str(user.pk),
                at__gte=since,
            ).count()
            if recent < RESET_EMAILS_PER_HOUR:
                yield user

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        super().send_mail(
            subject_template_name,
            email_template_name,
            context,
            from_email,
            to_email,
            html_email_template_name,
        )
        audit_record(
            actor=None,
            verb="password_reset_sent",
            target=context["user"],
            message="Sent a password reset link by email.",
        )


class SetPasswordForm(auth_forms.SetPasswordForm):
    error_messages = {
        "password_mismatch": "The two passwords do not match. Enter the same new "
        "password twice.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = ""
        self.fields["new_password2"].label = "Confirm new password"
        self.fields["new_password1"].error_messages["required"] = (
            "Enter a new password."
        )
        self.fields["new_password2"].error_messages["required"] = (
            "Enter the new password again."
        )
        for name in ("new_password1", "new_password2"):
            self.fields[name].widget.attrs["class"] = (
                "govuk-input govuk-!-width-two-thirds"
            )

    def save(self, commit: bool = True) -> Any:
        with transaction.atomic():
            user = super().save(commit=commit)
            audit_record(
                actor=user,
                verb="password_reset",
                target=user,
                message="Chose a new password through an emailed reset link.",
            )
        return user
