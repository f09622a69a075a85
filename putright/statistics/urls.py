from django.urls import path

from putright.statistics import views

app_name = "statistics"

urlpatterns = [path("", views.dashboard, name="dashboard")]
