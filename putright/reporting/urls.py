from django.urls import path

from putright.reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.index, name="index"),
    path("runs/", views.run_start, name="run_start"),
    path("runs/<id:pk>/", views.run_detail, name="run_detail"),
    path("runs/<id:pk>/status", views.run_status, name="run_status"),
    path("runs/<id:pk>/download", views.run_download, name="run_download"),
    path("commentary/", views.commentary, name="commentary"),
]
