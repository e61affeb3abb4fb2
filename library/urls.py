"""Public URLs of the library besides its Wagtail pages."""

from django.urls import path

from library import oai_views, search_views, views

app_name = "library"

urlpatterns = [
    path("thu-vien/tim-kiem/", search_views.search, name="search"),
    path("api/thu-vien/tim-kiem/", search_views.api_search, name="api_search"),
    path("thu-vien/tai-ve/<int:page_id>/", views.download, name="download"),
    path("oai/", oai_views.oai, name="oai"),
]
