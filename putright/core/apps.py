from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "putright.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Registers the production settings checks.
        from putright.core import checks  # noqa: F401
