"""The Imports page's upload form (GOV.UK file upload)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from putright.core.forms import GovukForm


class UploadForm(GovukForm):
    file = forms.FileField(
        label=_("File to import"),
        help_text=_(
            "A CSV (UTF-8) or XLSX file of contact records or Ombudsman cases, in the "
            "columns of the interchange format. Up to 200 MB (XLSX up to 100 MB)."
        ),
        error_messages={"required": _("Select a CSV or XLSX file to import.")},
    )
    map = forms.FileField(
        label=_("Column map (optional)"),
        help_text=_(
            "A JSON file that renames another system's headings and values to ours."
        ),
        required=False,
    )
