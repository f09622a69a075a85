"""Forms for drawing a sample of service requests and reviewing a sampled contact."""

from __future__ import annotations

from django import forms

from putright.core.forms import DateField, GovukForm
from putright.statistics.benchmark_models import SampledContact
from putright.statistics.sampling import MAX_SIZE


class SampleForm(GovukForm):
    start = DateField(label="First day of the period")
    end = DateField(label="Last day of the period")
    size = forms.IntegerField(
        label="How many to sample at random",
        min_value=1,
        max_value=MAX_SIZE,
        initial=20,
        error_messages={
            "invalid": "Enter the sample size as a whole number, like 20.",
            "min_value": f"Enter a sample size from 1 to {MAX_SIZE}.",
            "max_value": f"Enter a sample size from 1 to {MAX_SIZE}.",
        },
    )
    seed = forms.CharField(
        label="Seed",
        max_length=50,
        help_text="The same seed, period and size over the same records give the "
        "same sample. Record it to draw the sample again.",
    )


class ReviewForm(GovukForm):
    was_complaint = forms.TypedChoiceField(
        label="Should this have been handled as a complaint?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    action = forms.ChoiceField(
        label="What was done",
        choices=SampledContact.Action.choices,
        widget=forms.RadioSelect,
    )
