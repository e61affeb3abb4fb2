from django.urls import path

from lessons import views

urlpatterns = [
    path("khoa-hoc-cua-toi/", views.my_courses, name="my_courses"),
    path("khoa-hoc/<int:course_id>/ghi-danh/", views.course_enrol, name="course_enrol"),
    path("khoa-hoc/<int:course_id>/roi-khoa-hoc/", views.course_unenrol, name="course_unenrol"),
    path("bai-giang/<int:lesson_id>/hoan-thanh/", views.lesson_complete, name="lesson_complete"),
    path("bai-giang/<int:lesson_id>/thoi-gian/", views.lesson_heartbeat, name="lesson_heartbeat"),
]
