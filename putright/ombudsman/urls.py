from django.urls import path

from putright.ombudsman import views

app_name = "ombudsman"

urlpatterns = [
    path("", views.ombudsman_list, name="list"),
    path("new/", views.ombudsman_new, name="new"),
    path("<int:pk>/", views.ombudsman_detail, name="detail"),
    path("<int:pk>/decision/", views.ombudsman_decision, name="decision"),
    path(
        "<int:pk>/recommendations/new/",
        views.recommendation_new,
        name="recommendation_new",
    ),
    path(
        "<int:pk>/recommendations/<int:rec>/",
        views.recommendation_edit,
        name="recommendation_edit",
    ),
]
