from django.apps import AppConfig


class SelfAssessmentConfig(AppConfig):
    name = "putright.selfassessment"
    label = "selfassessment"
    verbose_name = "Complaint Handling Code self-assessment"
    default_auto_field = "django.db.models.BigAutoField"
