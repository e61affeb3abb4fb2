"""The H5P player page, the package files it loads, and the xAPI results endpoint.

Content Security Policy: the lesson page keeps the site's strict policy; only
the player page (inside its sandboxed iframe) is relaxed, and only as far as
h5p-standalone needs (checked in Chromium with the true/false fixture):
inline styles, which H5P libraries write into their HTML, and the one inline
script the player writes into its inner frame, allowed by its hash. No
'unsafe-eval', no inline script otherwise. Package files are served with a
policy that forbids everything plus ``sandbox``: an SVG file opened directly
cannot run script in the site's origin.

Content needing third-party players (YouTube in Interactive Video, …) would
need those origins added to ``PLAYER_POLICY``; none are allowed today.
"""

from __future__ import annotations

import json
import mimetypes
import posixpath
import time
from urllib.parse import urlsplit

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.decorators import csp
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_exempt, xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from lessons.h5p import access, services
from lessons.h5p.validation import extension_of, is_allowed_file, is_skipped, unsafe_path
from lessons.models import H5PPackage, LessonPage

DEFAULT_XAPI_RATE = 30  # statements per user per minute
MAX_STATEMENT_BYTES = 256 * 1024


def _static_origins() -> list[str]:
    # When static files come from a CDN the player's own scripts live there.
    parts = urlsplit(settings.STATIC_URL)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


# h5p-standalone (frame.bundle.js, 3.8.2) writes one inline script into the
# document of each activity's inner iframe, which inherits this policy:
#   <script>H5PIntegration = window.parent.H5PIntegration; var H5P = H5P || {};
#   H5P.externalEmbed = false;</script>
# It is allowed by its hash rather than with 'unsafe-inline'; a test checks the
# hash against the vendored file, so upgrading h5p-standalone cannot break it
# silently.
FRAME_SCRIPT_HASH = "'sha256-8CniZYrnO46q7MvZ3m08Wom1HH/ZhyXmm29kBKTV1rk='"

PLAYER_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, FRAME_SCRIPT_HASH, *_static_origins()],
    # H5P libraries write style attributes into the HTML they generate.
    "style-src": [SELF, UNSAFE_INLINE, *_static_origins()],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:", *_static_origins()],
    "media-src": [SELF, "blob:"],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "object-src": [NONE],
    "base-uri": [NONE],
    "form-action": [NONE],
    "frame-ancestors": [SELF],
}

# Package files: never a document with powers of its own.
CONTENT_POLICY = {
    "default-src": [NONE],
    "img-src": [SELF, "data:"],
    "media-src": [SELF],
    "style-src": [UNSAFE_INLINE],
    "font-src": [SELF, "data:"],
    "sandbox": True,
    "frame-ancestors": [SELF],
}

CONTENT_TYPES = {
    "js": "text/javascript; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "json": "application/json",
    "svg": "image/svg+xml",
    "woff": "font/woff",
    "woff2": "font/woff2",
    "ttf": "font/ttf",
    "otf": "font/otf",
    "eot": "application/vnd.ms-fontobject",
    "vtt": "text/vtt; charset=utf-8",
    "webvtt": "text/vtt; charset=utf-8",
    "m4a": "audio/mp4",
    "mp3": "audio/mpeg",
    "ogg": "audio/ogg",
    "wav": "audio/wav",
    "mp4": "video/mp4",
    "webm": "video/webm",
    # Text formats that a browser might render as a document are plain text.
    "xml": "text/plain; charset=utf-8",
    "md": "text/plain; charset=utf-8",
    "textile": "text/plain; charset=utf-8",
    "diff": "text/plain; charset=utf-8",
    "patch": "text/plain; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}
# Documents are downloaded, not opened inside the player.
ATTACHMENT_EXTENSIONS = frozenset({
    "pdf", "rtf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "csv", "xml",
    "diff", "patch",
})  # fmt: skip


def _lesson_and_package(lesson_id: int, package_uuid) -> tuple[LessonPage, H5PPackage]:
    lesson = get_object_or_404(LessonPage, pk=lesson_id)
    package = get_object_or_404(H5PPackage, uuid=package_uuid)
    return lesson, package


def _refused(request, message: str, status: int = 403):
    return TemplateResponse(
        request, "lessons/h5p/refused.html", {"message": message}, status=status
    )


@require_GET
@never_cache
@xframe_options_sameorigin
@csp(PLAYER_POLICY)
def h5p_embed(request, lesson_id: int, package_uuid):
    """The page inside the lesson's iframe that runs the H5P player (main site, session).

    With a separate content origin (``H5P_CONTENT_ORIGIN``) it only checks the
    learner's session and redirects to ``h5p_player`` there with a grant token.
    """
    lesson, package = _lesson_and_package(lesson_id, package_uuid)
    if access.on_content_origin(request):
        raise Http404
    if not request.user.is_authenticated:
        return _refused(request, _("Log in to do this activity, then reload the lesson page."))
    if not access.may_play(user=request.user, lesson=lesson, package=package):
        return _refused(
            request, _("Enrol in the course to do this activity, then reload the lesson page.")
        )
    grant = access.Grant(
        user_id=request.user.pk,
        lesson_id=lesson.pk,
        package_uuid=str(package.uuid),
        parent_origin=access.request_origin(request),
    )
    if access.uses_content_origin(request):
        url = reverse("h5p_player", args=[lesson.pk, package.uuid])
        return redirect(f"{access.content_origin()}{url}?t={grant.token()}")
    return _player(request, lesson=lesson, package=package, grant=grant)


@require_GET
@never_cache
@xframe_options_exempt
@csp(PLAYER_POLICY)
def h5p_player(request, lesson_id: int, package_uuid):
    """The player page on the separate content origin, opened with a grant token.

    X-Frame-Options cannot name another origin, so framing is limited by CSP
    ``frame-ancestors`` to the lesson page's origin signed into the token.
    """
    if not access.on_content_origin(request):
        # Package code never runs on the main origin when a content origin exists.
        raise Http404
    lesson, package = _lesson_and_package(lesson_id, package_uuid)
    grant = access.Grant.from_token(request.GET.get("t", ""))
    if (
        grant is None
        or grant.lesson_id != lesson.pk
        or grant.package_uuid != str(package.uuid)
        or access.grant_storage_path(grant) is None
    ):
        return _refused(
            request, _("This activity link has expired. Reload the lesson page to continue.")
        )
    response = _player(request, lesson=lesson, package=package, grant=grant)
    response._csp_update = {"frame-ancestors": [grant.parent_origin]}
    return response


def _player(request, *, lesson, package, grant) -> TemplateResponse:
    base = reverse("h5p_content", args=[grant.token(), "h5p.json"]).rsplit("/", 1)[0]
    config = {
        "h5pJsonPath": base,
        "contentJsonPath": f"{base}/content",
        "librariesPath": base,
        "frameJs": static("vendor/h5p-standalone/frame.bundle.js"),
        "frameCss": static("vendor/h5p-standalone/styles/h5p.css"),
        "id": str(package.uuid),
        "frame": False,
        "icon": False,
        "copyright": False,
        "export": False,
        "embed": False,
        "fullScreen": True,
        "xAPIObjectIRI": f"{grant.parent_origin}{lesson.url or ''}#h5p-{package.uuid}",
        # For h5p-player.js, not for h5p-standalone.
        "parentOrigin": grant.parent_origin,
        "packageId": str(package.uuid),
    }
    return TemplateResponse(
        request,
        "lessons/h5p/embed.html",
        {"package": package, "lesson": lesson, "player_config": config},
    )


@require_GET
@csp(CONTENT_POLICY)
def h5p_content(request, token: str, path: str):
    """One file of an unpacked package, for the player holding a valid grant token."""
    grant = access.Grant.from_token(token)
    if grant is None:
        raise PermissionDenied
    if access.content_origin() and not access.on_content_origin(request):
        # Package code is served only by the content origin when there is one.
        raise Http404
    if not access.content_origin() and request.user.pk != grant.user_id:
        raise PermissionDenied
    root = access.grant_storage_path(grant)
    if root is None:
        raise PermissionDenied
    if unsafe_path(path) or is_skipped(path) or not is_allowed_file(path):
        raise Http404
    name = posixpath.join(root, path)
    try:
        stream = default_storage.open(name, "rb")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as error:
        raise Http404 from error
    extension = extension_of(path)
    content_type = CONTENT_TYPES.get(extension) or (
        mimetypes.guess_type(path)[0] or "application/octet-stream"
    )
    response = FileResponse(
        stream,
        content_type=content_type,
        as_attachment=extension in ATTACHMENT_EXTENSIONS,
        filename=posixpath.basename(path),
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Files of a package never change (a new upload is a new package), but the
    # URL holds a personal token: browsers may keep it, shared caches may not.
    response["Cache-Control"] = "private, max-age=3600"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def _throttled(user) -> bool:
    """Whether ``user`` has sent more statements this minute than H5P_XAPI_RATE allows."""
    limit = int(getattr(settings, "H5P_XAPI_RATE", DEFAULT_XAPI_RATE))
    key = f"h5p:xapi:{user.pk}:{int(time.time() // 60)}"
    if cache.add(key, 1, timeout=70):
        return limit < 1
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=70)
        return limit < 1


@require_POST
def h5p_xapi(request, lesson_id: int, package_uuid):
    """Record an xAPI statement the player reports (answered/completed with a score).

    The lesson page relays the statement here from the player's iframe with
    the learner's session and CSRF token. Body: ``{"statement": {...}}``.
    """
    if not request.user.is_authenticated:
        return JsonResponse(
            {"error": _("Your session has ended. Log in again to save your results.")},
            status=403,
        )
    if _throttled(request.user):
        response = JsonResponse(
            {"error": _("Too many results sent at once. Wait a minute and try again.")},
            status=429,
        )
        response["Retry-After"] = "60"
        return response
    lesson, package = _lesson_and_package(lesson_id, package_uuid)
    if len(request.body) > MAX_STATEMENT_BYTES:
        return JsonResponse({"error": _("The activity result is too large to save.")}, status=400)
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return JsonResponse(
            {"error": _("The activity result could not be read (it is not valid JSON).")},
            status=400,
        )
    if not isinstance(payload, dict) or "statement" not in payload:
        return JsonResponse(
            {"error": _("The activity result was sent in an unexpected form.")}, status=400
        )
    try:
        progress = services.h5p_record_result(
            user=request.user, lesson=lesson, statement=payload["statement"], package=package
        )
    except PermissionDenied as error:
        return JsonResponse({"error": str(error) or _("You may not do this.")}, status=403)
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    if progress is None:
        return JsonResponse({"recorded": False})
    return JsonResponse(
        {
            "recorded": True,
            "completed": progress.completed_at is not None,
            "score": None if progress.h5p_score is None else str(progress.h5p_score),
            "max_score": None if progress.h5p_max_score is None else str(progress.h5p_max_score),
        }
    )
