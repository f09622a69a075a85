from django.urls import path

from putright.publication import views

app_name = "publication"

urlpatterns = [
    path("<slug:purpose>/<int:pk>/", views.published_text, name="published_text"),
]
