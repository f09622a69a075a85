"""The published-wording form: validation and cleaning only."""

from __future__ import annotations

from django import forms

from putright.core.forms import GovukForm
from putright.publication.models import WORDING_MAX_LENGTH


class WordingForm(GovukForm):
    wording = forms.CharField(
        label="Published wording",
        max_length=WORDING_MAX_LENGTH,
        help_text="Write it for the public: no names, addresses, dates of birth, "
        "references or anything else that could identify a person. Another member of "
        "the complaints team approves it before it is published.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Enter the published wording.",
            "max_length": f"The published wording must be {WORDING_MAX_LENGTH:,} "
            "characters or fewer.",
        },
    )
