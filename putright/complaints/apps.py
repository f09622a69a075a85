from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "putright.complaints"
    label = "complaints"
    verbose_name = "Complaints and other contacts"
