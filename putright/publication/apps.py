from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "putright.publication"
    label = "publication"
    verbose_name = "Published wording"
