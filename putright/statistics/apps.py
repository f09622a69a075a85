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


def _pause_rollup(sender, using="default", **kwargs):
    from django.db import connections

    from putright.statistics import rollup

    rollup.pause(connections[using])


def _rebuild_months(sender, using="default", months=(), **kwargs):
    from django.db import connections

    from putright.statistics import rollup

    rollup.resume_and_rebuild(connections[using], set(months))


class StatisticsConfig(AppConfig):
    name = "putright.statistics"
    label = "statistics"
    verbose_name = "Statistics and dashboard"

    def ready(self) -> None:
        from putright.complaints.bulk import bulk_load_finished, bulk_load_started

        post_migrate.connect(_ensure_rollup, sender=self)
        bulk_load_started.connect(_pause_rollup, dispatch_uid="statistics_pause")
        bulk_load_finished.connect(_rebuild_months, dispatch_uid="statistics_rebuild")
