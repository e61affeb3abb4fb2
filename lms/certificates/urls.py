"""Public certificate verification and the learner's certificates and results."""

from django.urls import path

from lms.certificates import views

urlpatterns = [
    path("chung-chi/xac-thuc/", views.verify, name="certificate_verify"),
    path("chung-chi/xac-thuc/<str:code>/", views.verify_code, name="certificate_verify_code"),
    path("chung-chi/cua-toi/", views.my_certificates, name="my_certificates"),
    path(
        "chung-chi/cua-toi/<int:certificate_id>/pdf/",
        views.my_certificate_pdf,
        name="my_certificate_pdf",
    ),
    path("ket-qua-hoc-tap/", views.my_results, name="my_results"),
]
