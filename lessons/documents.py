"""Who may download a Wagtail document that lessons use.

Wagtail serves every document at ``/documents/<id>/<filename>`` to anyone who
has the link. A document that a lesson uses (in a document or video block, or
linked from its text) is course material: it is served only to those who may
study a course whose lesson uses it, as the lesson itself is. The
``before_serve_document`` hook in ``lessons/wagtail_hooks.py`` calls
:func:`document_access_denied`.

Which pages use a document comes from Wagtail's reference index, which records
the chooser blocks and rich-text links of every saved page. Wagtail updates it
in a background task after each save: until that task has run, a document just
added to a lesson is not yet known to be course material.
"""

from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField
from django.db.models.functions import Cast
from django.template.response import TemplateResponse
from wagtail.documents import get_permission_policy
from wagtail.models import Page, PageViewRestriction, ReferenceIndex

from lessons import selectors
from lessons.models import CoursePage, Enrolment
from lessons.models.pages import EnrolmentPolicy

# Staff who can pick or edit the document in the admin may always download it.
STAFF_DOCUMENT_ACTIONS = ["choose", "change"]


def document_access_denied(*, request, document):
    """None if ``request.user`` may download ``document``, else the response to send instead.

    - A document no lesson uses is left alone.
    - A document that a live page outside any course also uses (say a public
      page or, later, a library item) is public.
    - Otherwise: anonymous users go to the login page; signed-in users may
      download it if they may study a course (open course, active enrolment,
      or staff of the course) one of whose live lessons uses it, or if they
      can choose or edit the document in the admin. Others get a 403 page
      naming the courses to enrol in.
    """
    lessons, other_pages = _pages_using(document)
    if not lessons:
        return None
    if other_pages and _any_public(other_pages):
        return None

    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    courses = _courses_of(lesson for lesson in lessons if lesson.live)
    if courses and _enrolled_in_any(user=user, courses=courses):
        return None
    if get_permission_policy().user_has_any_permission_for_instance(
        user, STAFF_DOCUMENT_ACTIONS, document
    ):
        return None
    # Last, as it costs a few queries per course: staff of a course who cannot
    # otherwise reach documents (an editor of the course page, say).
    if any(selectors.course_staff_access(user=user, course=course) for course in courses):
        return None
    return TemplateResponse(
        request,
        "lessons/document_not_enrolled.html",
        {"document": document, "courses": [course for course in courses if course.live]},
        status=403,
    )


def _pages_using(document):
    """The pages using ``document``, split into course content and other pages.

    Two queries: the pages (joined to the reference index), then the courses
    among their parents. Each lesson returned carries its ``course``.
    """
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        # Page references store the page id as text; only those are cast.
        .annotate(page_id=Cast("object_id", output_field=IntegerField()))
        .values("page_id")
    )
    pages = list(
        Page.objects.filter(pk__in=page_ids).only("pk", "path", "depth", "live", "content_type")
    )
    if not pages:
        return [], []
    courses = {
        course.path: course
        for course in CoursePage.objects.filter(path__in={_parent_path(page) for page in pages})
    }
    lessons, other_pages = [], []
    for page in pages:
        course = courses.get(_parent_path(page))
        if course is None:
            other_pages.append(page)
        else:
            page.course = course
            lessons.append(page)
    return lessons, other_pages


def _parent_path(page):
    return page.path[: -Page.steplen]


def _courses_of(lessons):
    courses = {}
    for lesson in lessons:
        courses.setdefault(lesson.course.pk, lesson.course)
    return list(courses.values())


def _any_public(pages):
    """Whether one of ``pages`` is live and under no view restriction."""
    live = [page for page in pages if page.live]
    if not live:
        return False
    ancestor_paths = {
        page.path[:length]
        for page in live
        for length in range(Page.steplen, len(page.path) + 1, Page.steplen)
    }
    restricted = set(
        PageViewRestriction.objects.filter(page__path__in=ancestor_paths).values_list(
            "page__path", flat=True
        )
    )
    return any(not any(page.path.startswith(path) for path in restricted) for page in live)


def _enrolled_in_any(*, user, courses):
    """Whether ``user`` may study one of ``courses`` as a learner: one query at most.

    ``selectors.course_can_study`` without its staff part, for several courses at once.
    """
    if any(course.enrolment_policy == EnrolmentPolicy.OPEN for course in courses):
        return True
    return Enrolment.objects.active().filter(user=user, course__in=courses).exists()
