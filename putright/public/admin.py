from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms import ModelForm
from django.http import HttpRequest

from putright.public.models import FrontDoorContact, PublicService


class PublicServiceForm(ModelForm):
    class Meta:
        model = PublicService
        fields = [
            "name",
            "name_cy",
            "description",
            "directorate",
            "team",
            "procedure",
            "receives_unsure",
            "position",
            "is_active",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        team, directorate = data.get("team"), data.get("directorate")
        if team is not None and directorate is not None:
            if team.directorate_id != directorate.pk:
                raise ValidationError(
                    {"team": "Choose a team in the chosen directorate."}
                )
        if data.get("receives_unsure"):
            others = PublicService.objects.filter(receives_unsure=True)
            if self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                raise ValidationError(
                    {
                        "receives_unsure": "Another service already receives "
                        "“I'm not sure”: untick it there first."
                    }
                )
        return data


@admin.register(PublicService)
class PublicServiceAdmin(admin.ModelAdmin):
    form = PublicServiceForm
    list_display = ["name", "directorate", "team", "receives_unsure", "is_active"]
    list_filter = ["is_active", "directorate"]
    ordering = ["position", "name"]


@admin.register(FrontDoorContact)
class FrontDoorContactAdmin(admin.ModelAdmin):
    fields = [
        "phone",
        "email",
        "postal_address",
        "postal_address_cy",
        "opening_hours",
        "opening_hours_cy",
        "data_protection_contact",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not FrontDoorContact.objects.exists()
