from django.apps import AppConfig


class CorrespondenceConfig(AppConfig):
    name = "putright.correspondence"
    verbose_name = "Correspondence"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Letters follow casework: the audit events the services write (ADR 0009).
        from putright.correspondence import signals  # noqa: F401
