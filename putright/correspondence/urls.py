from django.urls import path

from putright.correspondence import views

app_name = "correspondence"

urlpatterns = [
    path("<str:reference>/", views.case_letters, name="case_letters"),
    path(
        "<str:reference>/<int:pk>/<slug:fmt>/",
        views.letter_download,
        name="letter_download",
    ),
    path("<str:reference>/<int:pk>/posted", views.letter_posted, name="letter_posted"),
]
