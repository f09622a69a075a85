from django.apps import AppConfig


class TransferConfig(AppConfig):
    """Everything out, and back in: the whole record as documented files (top floor)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "putright.transfer"
    verbose_name = "Export of everything"
