from django.urls import path

from putright.complaints import views

app_name = "complaints"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("export.csv", views.case_export, name="case_export"),
    path("new/", views.case_log, name="case_log"),
    path("<str:reference>/", views.case_detail, name="case_detail"),
    path(
        "<str:reference>/actions/<slug:action>/",
        views.case_action,
        name="case_action",
    ),
    path(
        "<str:reference>/learning/<id:pk>/",
        views.learning_action_edit,
        name="learning_action_edit",
    ),
    path(
        "<str:reference>/remedies/<id:pk>/",
        views.remedy_edit,
        name="remedy_edit",
    ),
    path(
        "<str:reference>/stages/<id:number>/letters/<slug:kind>/",
        views.letter,
        name="letter",
    ),
    path(
        "<str:reference>/attachments/<id:pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
]
