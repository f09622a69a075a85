"""Triggers that keep the monthly roll-up in step with the stage table, and its first fill."""

from django.db import migrations


def forwards(apps, schema_editor):
    from putright.statistics import rollup

    rollup.install(schema_editor.connection)


def backwards(apps, schema_editor):
    from putright.statistics import rollup

    rollup.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("statistics", "0001_initial"),
        ("complaints", "0004_refusal_reasons"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
