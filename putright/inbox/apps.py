from django.apps import AppConfig


class InboxConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "putright.inbox"
    verbose_name = "Email in"

    def ready(self) -> None:
        from putright.inbox import checks  # noqa: F401 - registers the system check
