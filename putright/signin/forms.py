from __future__ import annotations

from typing import Any

from django import forms

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
