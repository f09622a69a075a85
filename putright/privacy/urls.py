from django.urls import path

from putright.privacy import views

app_name = "privacy"

urlpatterns = [
    path("subject-access/", views.sar_list, name="sar_list"),
    path("subject-access/<int:pk>/", views.sar_detail, name="sar_detail"),
    path("subject-access/<int:pk>/download/", views.sar_download, name="sar_download"),
    path("subject-access/<int:pk>/complete/", views.sar_complete, name="sar_complete"),
]
