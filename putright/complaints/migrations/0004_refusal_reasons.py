"""The coded reasons for not accepting a complaint (docs/regulatory-rules.md §8.3), editable afterwards."""

from django.db import migrations

REASONS = [
    "Out of time",
    "Legal proceedings started",
    "Previously considered",
    "Statutory appeal route",
    "First-time service request",
    "Freedom of information or subject access request",
    "Councillor conduct",
    "Employment matter",
    "Other",
]


def add_reasons(apps, schema_editor):
    RefusalReason = apps.get_model("complaints", "RefusalReason")
    for name in REASONS:
        RefusalReason.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0003_casework")]

    operations = [migrations.RunPython(add_reasons, migrations.RunPython.noop)]
