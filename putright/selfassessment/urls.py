from django.urls import path

from putright.selfassessment import views

app_name = "selfassessment"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.detail, name="detail"),
    path("<int:year>/sign-off/", views.sign_off, name="sign_off"),
    path("<int:year>/form.docx", views.download_docx, name="docx"),
    path("<int:year>/form.xlsx", views.download_xlsx, name="xlsx"),
    path("<int:year>/<str:provision>/", views.answer, name="answer"),
]
