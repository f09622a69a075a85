from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_rollup(sender, using="default", **kwargs):
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from putright.statistics import rollup

    connection = connections[using]
    recorder = MigrationRecorder(connection)
    if ("statistics", "0002_rollup_triggers") in recorder.applied_migrations():
        rollup.ensure_installed(connection)


class StatisticsConfig(AppConfig):
    name = "putright.statistics"
    label = "statistics"
    verbose_name = "Statistics and dashboard"

    def ready(self) -> None:
        post_migrate.connect(_ensure_rollup, sender=self)
