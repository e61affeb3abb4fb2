"""H5P URLs, included by the project at ``h5p/`` without a namespace."""

from django.urls import path

from lessons.h5p import views

urlpatterns = [
    path("bai-giang/<int:lesson_id>/<uuid:package_uuid>/", views.h5p_embed, name="h5p_embed"),
    path(
        "bai-giang/<int:lesson_id>/<uuid:package_uuid>/ket-qua/",
        views.h5p_xapi,
        name="h5p_xapi",
    ),
    path("phat/<int:lesson_id>/<uuid:package_uuid>/", views.h5p_player, name="h5p_player"),
    path("noi-dung/<str:token>/<path:path>", views.h5p_content, name="h5p_content"),
]
