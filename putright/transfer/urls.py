from django.urls import path

from putright.transfer import views

app_name = "transfer"

urlpatterns = [
    path("", views.index, name="index"),
    path("start", views.start, name="start"),
    path("<int:pk>/download", views.download, name="download"),
    path("<int:pk>/delete", views.delete, name="delete"),
]
