"""One retention policy per kind of contact, 6 years after closure (docs/regulatory-rules.md §6)."""

from django.db import migrations

KINDS = (
    "complaint",
    "informal_complaint",
    "service_request",
    "comment",
    "compliment",
    "mp_enquiry",
    "member_enquiry",
)


def create_defaults(apps, schema_editor):
    policy = apps.get_model("privacy", "RetentionPolicy")
    for kind in KINDS:
        policy.objects.get_or_create(
            kind=kind,
            defaults={"years": 6, "basis": "Default: 6 years after closure."},
        )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_retention_and_subject_access")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
