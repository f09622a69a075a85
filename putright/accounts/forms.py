from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms


class LoginForm(auth_forms.AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is inactive. Ask an administrator to reactivate it.",
    }


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
