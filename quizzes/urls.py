from django.urls import path

from quizzes import views

app_name = "quizzes"

urlpatterns = [
    path("luot/<int:attempt_id>/", views.attempt_page, name="attempt"),
    path("luot/<int:attempt_id>/luu/", views.attempt_save, name="attempt_save"),
    path("luot/<int:attempt_id>/danh-dau/", views.attempt_flag, name="attempt_flag"),
    path("luot/<int:attempt_id>/tep/<int:slot>/", views.attempt_file, name="attempt_file"),
    path(
        "luot/<int:attempt_id>/tep-dinh-kem/<int:file_id>/",
        views.attempt_file_download,
        name="attempt_file_download",
    ),
    path("luot/<int:attempt_id>/tom-tat/", views.attempt_summary, name="attempt_summary"),
    path("luot/<int:attempt_id>/nop-bai/", views.attempt_submit, name="attempt_submit"),
    path("luot/<int:attempt_id>/xem-lai/", views.attempt_review, name="attempt_review"),
]
