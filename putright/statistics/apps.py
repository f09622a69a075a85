from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "putright.statistics"
    label = "statistics"
    verbose_name = "Statistics and dashboard"
