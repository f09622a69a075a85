from django.urls import path

from putright.public import views

app_name = "public"

urlpatterns = [
    path("", views.start, name="start"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("follow/<str:token>/", views.follow, name="follow"),
    path("<slug:journey>/", views.journey_start, name="journey_start"),
    path("<slug:journey>/check/", views.check, name="check"),
    path("<slug:journey>/sent/", views.sent, name="sent"),
    path("<slug:journey>/<slug:step>/", views.question, name="question"),
]
