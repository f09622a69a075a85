from django.urls import path

from putright.ombudsman import views

app_name = "ombudsman"

urlpatterns = [
    path("", views.ombudsman_list, name="list"),
    path("new/", views.ombudsman_new, name="new"),
    path("<id:pk>/", views.ombudsman_detail, name="detail"),
    path("<id:pk>/decision/", views.ombudsman_decision, name="decision"),
    path(
        "<id:pk>/recommendations/new/",
        views.recommendation_new,
        name="recommendation_new",
    ),
    path(
        "<id:pk>/recommendations/<id:rec>/",
        views.recommendation_edit,
        name="recommendation_edit",
    ),
    path("<id:pk>/findings/new/", views.finding_new, name="finding_new"),
    path(
        "<id:pk>/findings/<id:finding>/remove/",
        views.finding_remove,
        name="finding_remove",
    ),
]
