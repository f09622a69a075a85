"""Forms for drawing a sample of service requests and reviewing a sampled contact."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from putright.core.forms import DateField, GovukForm
from putright.statistics.benchmark_models import SampledContact
from putright.statistics.sampling import MAX_SIZE

SIZE_RANGE = format_lazy(_("Enter a sample size from 1 to {max}."), max=MAX_SIZE)


class SampleForm(GovukForm):
    start = DateField(
        label=_("First day of the period"),
        error_messages={"required": _("Enter the first day of the period.")},
    )
    end = DateField(
        label=_("Last day of the period"),
        error_messages={"required": _("Enter the last day of the period.")},
    )
    size = forms.IntegerField(
        label=_("How many to sample at random"),
        min_value=1,
        max_value=MAX_SIZE,
        initial=20,
        error_messages={
            "invalid": _("Enter the sample size as a whole number, like 20."),
            "min_value": SIZE_RANGE,
            "max_value": SIZE_RANGE,
        },
    )
    seed = forms.CharField(
        label=_("Seed"),
        max_length=50,
        help_text=_(
            "The same seed, period and size over the same records give the "
            "same sample. Record it to draw the sample again."
        ),
    )


class ReviewForm(GovukForm):
    was_complaint = forms.TypedChoiceField(
        label=_("Should this have been handled as a complaint?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    action = forms.ChoiceField(
        label=_("What was done"),
        choices=SampledContact.Action.choices,
        widget=forms.RadioSelect,
    )
