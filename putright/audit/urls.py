from django.urls import path

from putright.audit import views

app_name = "audit"

urlpatterns = [
    path("reads/", views.read_list, name="read_list"),
]
