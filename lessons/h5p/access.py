"""Who may play an H5P package, and how the player's requests prove it.

The player runs inside an ``<iframe>`` on the lesson page and then fetches the
package's files (h5p.json, library scripts, images …) one by one. Those file
requests are authorised by a *grant token* in their URL path
(``/h5p/noi-dung/<token>/<file>``), made with ``django.core.signing``: it names
the user, the lesson, the package and the origin of the lesson page, is signed
with ``SECRET_KEY`` (salted for this use) and expires after
``H5P_TOKEN_MAX_AGE`` seconds (default 6 hours). A path token (rather than a
query string) lets the player resolve every relative path inside the package
without knowing about it.

Two deployments:

* ``H5P_CONTENT_ORIGIN`` empty (the default): everything is served by the
  site's own origin. The embed page needs the learner's session, and each file
  request must come with the session of the user the token names, so a copied
  file URL is useless to anyone else.
* ``H5P_CONTENT_ORIGIN = "https://h5p.example.vn"`` (recommended in
  production): the package's scripts run on that separate origin, where they
  cannot read the site's cookies or call its pages as the learner. The site's
  session cookie does not reach that origin, so the token alone is the
  credential there: the lesson page's iframe opens the embed view on the main
  site (session checked), which redirects to the content origin with a fresh
  token. Each request re-checks that the token's user may still study the
  lesson (cached for ``ACCESS_CACHE_SECONDS``). The main site refuses to serve
  the player and the package files itself in this mode, so package code never
  runs on the main origin. The content origin must point at this application
  (it must be in ``ALLOWED_HOSTS``) and should not share cookies with the main
  site: keep ``SESSION_COOKIE_DOMAIN`` unset, or better use another domain.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache

from lessons import selectors
from lessons.h5p.services import lesson_package_ids

SALT = "lessons.h5p.grant"
DEFAULT_TOKEN_MAX_AGE = 6 * 60 * 60
ACCESS_CACHE_SECONDS = 60


def content_origin() -> str:
    """The separate origin serving H5P content, e.g. "https://h5p.example.vn", or ""."""
    return (getattr(settings, "H5P_CONTENT_ORIGIN", "") or "").rstrip("/")


def token_max_age() -> int:
    return int(getattr(settings, "H5P_TOKEN_MAX_AGE", DEFAULT_TOKEN_MAX_AGE))


def request_origin(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def uses_content_origin(request) -> bool:
    """Whether H5P content is served by a separate origin (not the one of ``request``)."""
    origin = content_origin()
    return bool(origin) and origin != request_origin(request)


def on_content_origin(request) -> bool:
    """Whether ``request`` arrived at the separate content origin."""
    origin = content_origin()
    return bool(origin) and urlsplit(origin).netloc == request.get_host()


@dataclass(frozen=True)
class Grant:
    """A signed permission for one user to play one package in one lesson."""

    user_id: int
    lesson_id: int
    package_uuid: str
    parent_origin: str

    def token(self) -> str:
        return signing.dumps(
            {
                "u": self.user_id,
                "l": self.lesson_id,
                "p": self.package_uuid,
                "o": self.parent_origin,
            },
            salt=SALT,
            compress=True,
        )

    @classmethod
    def from_token(cls, token: str) -> Grant | None:
        """The grant in ``token``, or None if it is forged, damaged or expired."""
        try:
            data = signing.loads(token, salt=SALT, max_age=token_max_age())
            return cls(
                user_id=int(data["u"]),
                lesson_id=int(data["l"]),
                package_uuid=str(data["p"]),
                parent_origin=str(data["o"]),
            )
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            return None

    def user(self):
        return get_user_model().objects.filter(pk=self.user_id, is_active=True).first()


def may_play(*, user, lesson, package) -> bool:
    """Whether ``user`` may play ``package`` as part of ``lesson``.

    Learners: the lesson and its course are published, the package is in the
    lesson's body and they may study the course. Staff of the course (editors,
    lecturers, managers) may also play packages in drafts and previews.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    course = lesson.course
    if selectors.course_staff_access(user=user, course=course):
        return True
    return (
        lesson.live
        and course.live
        and package.pk in lesson_package_ids(lesson=lesson)
        and selectors.course_can_study(user=user, course=course)
    )


def _cache_key(grant: Grant) -> str:
    return f"h5p:access:{grant.user_id}:{grant.lesson_id}:{grant.package_uuid}"


def grant_storage_path(grant: Grant) -> str | None:
    """The package folder a valid grant opens, or None if its user may no longer play it.

    A player loads dozens of files at once, so a positive answer is cached
    briefly; revoking an enrolment takes effect within ``ACCESS_CACHE_SECONDS``.
    """
    key = _cache_key(grant)
    storage_path = cache.get(key)
    if storage_path:
        return storage_path
    from lessons.models import H5PPackage, LessonPage

    lesson = LessonPage.objects.filter(pk=grant.lesson_id).first()
    package = H5PPackage.objects.filter(uuid=grant.package_uuid).first()
    user = grant.user()
    if not (lesson and package and user and may_play(user=user, lesson=lesson, package=package)):
        return None
    cache.set(key, package.storage_path, ACCESS_CACHE_SECONDS)
    return package.storage_path
