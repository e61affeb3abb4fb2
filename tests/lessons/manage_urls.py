"""Test-only URLconf: the project's URLs plus the enrolment screens under /admin/.

Mounts ``lessons.manage.admin.admin_urls()`` the way Wagtail mounts the URLs of
a ``register_admin_urls`` hook: under ``admin/``, wrapped in
``require_admin_access`` and ``never_cache``, before the project's URLs. Tests
select it with ``settings.ROOT_URLCONF``, so they pass whether or not the hook
is wired in ``lessons/wagtail_hooks.py`` (once it is, both mounts give the same
paths and names, and the first one answers).
"""

from django.urls import include, path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from lessons.manage.admin import admin_urls
from lms.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path(
        "admin/",
        include(
            decorate_urlpatterns(
                decorate_urlpatterns(admin_urls(), require_admin_access), never_cache
            )
        ),
    ),
    *project_urlpatterns,
]
