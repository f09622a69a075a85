"""Filters for the sent-emails page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from putright.core.forms import GovukForm
from putright.notifications.models import NotificationEmail, NotificationLog

STATUS_LABELS = {
    NotificationEmail.Status.QUEUED: _("Queued"),
    NotificationEmail.Status.RUNNING: _("Sending"),
    NotificationEmail.Status.DONE: _("Sent"),
    NotificationEmail.Status.FAILED: _("Failed"),
}


class SentEmailFilterForm(GovukForm):
    status = forms.ChoiceField(
        choices=[("", _("Any")), *STATUS_LABELS.items()],
        required=False,
        label=_("Status"),
        error_messages={"invalid_choice": _("Select a status from the list.")},
    )
    kind = forms.ChoiceField(
        choices=[("", _("Any")), *NotificationLog.Kind.choices],
        required=False,
        label=_("Kind"),
        error_messages={"invalid_choice": _("Select a kind of email from the list.")},
    )
