from django.apps import AppConfig
from django.urls import register_converter


class CoreConfig(AppConfig):
    name = "putright.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Registers the production settings checks.
        from putright.core import checks  # noqa: F401
        from putright.core.inputs import IdConverter

        # `<id:pk>` in every app's URLs: an id too large for the database is a 404, not a 500.
        register_converter(IdConverter, "id")
