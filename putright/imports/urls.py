from django.urls import path

from putright.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.index, name="index"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/run", views.confirm, name="confirm"),
    path("<id:pk>/cancel", views.cancel, name="cancel"),
]
