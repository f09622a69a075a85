from django.urls import path

from putright.public import monitoring

app_name = "equality"

urlpatterns = [path("", monitoring.equality_monitoring, name="monitoring")]
