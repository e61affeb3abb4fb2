"""Test-only URLconf: the project's URLs plus the progress report under /admin/.

Mounts ``lessons.reports.admin.admin_urlpatterns()`` exactly as Wagtail mounts
the URLs of a ``register_admin_urls`` hook: under ``admin/`` and wrapped in
``require_admin_access``. Tests select it with ``settings.ROOT_URLCONF``, so
they pass whether or not the hook is wired in ``lessons/wagtail_hooks.py``.
"""

from django.urls import include, path
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from lessons.reports.admin import admin_urlpatterns
from lms.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("admin/", include(decorate_urlpatterns(admin_urlpatterns(), require_admin_access))),
    *project_urlpatterns,
]
