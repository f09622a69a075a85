from django.urls import path

from putright.complaints import restriction_views, views

app_name = "complaints"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("export.csv", views.case_export, name="case_export"),
    path("new/", views.case_log, name="case_log"),
    path("restrictions/", restriction_views.restriction_list, name="restriction_list"),
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
        "<str:reference>/restrictions/new/",
        restriction_views.restriction_new,
        name="restriction_new",
    ),
    path(
        "<str:reference>/restrictions/<id:pk>/review/",
        restriction_views.restriction_review,
        name="restriction_review",
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
