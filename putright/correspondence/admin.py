"""The council edits its letter templates here: checked on save, with a preview."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from putright.core.errors import ServiceError
from putright.correspondence.kinds import LetterKind, spec_for
from putright.correspondence.models import LetterTemplate
from putright.correspondence.placeholders import template_render
from putright.correspondence.samples import sample_values
from putright.correspondence.services import letter_template_check, template_for


def preview_html(kind: str, subject: str, body: str) -> SafeString:
    """The letter with made-up details, as headings, paragraphs and lists."""
    values = sample_values(kind)
    title = " ".join(b.text for b in template_render(subject, values))
    parts = [format_html("<p><strong>{}</strong></p>", title)]
    for block in template_render(body, values):
        if block.kind == "heading":
            parts.append(format_html("<h3>{}</h3>", block.text))
        elif block.kind == "list":
            items = format_html_join(
                "", "<li>{}</li>", ((line,) for line in block.lines)
            )
            parts.append(format_html("<ul>{}</ul>", items))
        else:
            lines = format_html_join("", "{}<br>", ((line,) for line in block.lines))
            parts.append(format_html("<p>{}</p>", lines))
    return format_html(
        '<div class="pr-letter-preview" style="max-width:40em">{}</div>',
        SafeString("".join(parts)),
    )


class LetterTemplateForm(forms.ModelForm):
    class Meta:
        model = LetterTemplate
        fields = ["kind", "language", "subject", "body"]
        widgets = {
            "subject": forms.TextInput(attrs={"size": 80}),
            "body": forms.Textarea(attrs={"rows": 24, "cols": 90}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind and data.get("subject") is not None and data.get("body") is not None:
            try:
                letter_template_check(
                    kind=kind, subject=data["subject"], body=data["body"]
                )
            except ServiceError as error:
                self.add_error(error.field, error.message)
        return data


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    form = LetterTemplateForm
    list_display = ["kind", "language", "subject", "updated_at"]
    list_filter = ["kind", "language"]
    readonly_fields = ["placeholders", "preview"]

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = super().get_changeform_initial_data(request)
        kind = str(initial.get("kind") or LetterKind.ACKNOWLEDGEMENT)
        language = str(initial.get("language") or "en-gb")
        if kind not in LetterKind.values:
            kind = LetterKind.ACKNOWLEDGEMENT
        if language not in ("en-gb", "cy"):
            language = "en-gb"
        subject, body = template_for(kind, language)
        return {"kind": kind, "language": language, "subject": subject, "body": body}

    @admin.display(description="Placeholders this letter can use")
    def placeholders(self, obj: LetterTemplate | None) -> SafeString:
        if obj is None or not obj.kind:
            return format_html("{}", "Save once to see the placeholders of its kind.")
        spec = spec_for(obj.kind)
        rows = [
            (f"(({name}))", str(text), " (required)" if name in spec.required else "")
            for name, text in spec.placeholders.items()
        ]
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li><code>{}</code>: {}{}</li>", rows)
        )

    @admin.display(description="Preview, with made-up details")
    def preview(self, obj: LetterTemplate | None) -> SafeString:
        if obj is None or not obj.pk:
            return format_html("{}", "Save to see a preview.")
        return preview_html(obj.kind, obj.subject, obj.body)

    def save_model(
        self, request: HttpRequest, obj: LetterTemplate, form: Any, change: bool
    ) -> None:
        from putright.correspondence.services import letter_template_save

        letter_template_save(
            template=obj, by=request.user, subject=obj.subject, body=obj.body
        )
