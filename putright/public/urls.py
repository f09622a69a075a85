from django.urls import path

from putright.public import views

app_name = "public"

urlpatterns = [
    path("", views.start, name="start"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("follow/", views.follow_request, name="follow_request"),
    path("follow/asked/", views.follow_asked, name="follow_asked"),
    path("follow/<str:token>/", views.follow_case, name="follow"),
    path(
        "follow/<str:token>/letters/<id:pk>/",
        views.follow_letter,
        name="follow_letter",
    ),
    path("follow/<str:token>/add/", views.follow_add, name="follow_add"),
    path("follow/<str:token>/review/", views.follow_review, name="follow_review"),
    path(
        "<slug:journey>/documents/remove/",
        views.document_remove,
        name="document_remove",
    ),
    path("<slug:journey>/", views.journey_start, name="journey_start"),
    path("<slug:journey>/check/", views.check, name="check"),
    path("<slug:journey>/sent/", views.sent, name="sent"),
    path("<slug:journey>/<slug:step>/", views.question, name="question"),
]
