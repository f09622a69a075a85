"""Replace roll-up triggers whose SQL is older than the generated SQL (then rebuild)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from putright.statistics import rollup

    rollup.ensure_installed(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("statistics", "0002_rollup_triggers")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
