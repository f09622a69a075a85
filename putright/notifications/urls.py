from django.urls import path

from putright.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.sent_email_list, name="sent_list"),
    path("<int:pk>/", views.sent_email_detail, name="sent_detail"),
    path(
        "<int:pk>/attachments/<int:number>/",
        views.sent_email_attachment,
        name="sent_attachment",
    ),
    path("<int:pk>/send-again/", views.sent_email_send_again, name="send_again"),
]
