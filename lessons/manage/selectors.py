"""Reads behind the managers' enrolment screens: people to enrol and where they stand."""

import unicodedata

from django.db.models import CharField, Count, Func, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Concat

from lessons import selectors
from lessons.models import CoursePage, Enrolment
from lessons.models.enrolment import EnrolmentStatus
from lms.models import Profile
from lms.selectors.scope import in_units
from lms.text import fold


def may_manage_enrolments(*, user):
    """Whether ``user`` may enrol, approve, refuse and unenrol other people."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm(selectors.MANAGE_ENROLMENTS))
    )


def _vietnamese_letters():
    """Every lower- and upper-case Vietnamese letter that folds to another letter."""
    bases = "aăâeêioôơuưy"
    tones = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
    letters = {unicodedata.normalize("NFC", base + tone) for base in bases for tone in tones}
    letters = (letters - set("aeiouy")) | {"đ"}
    return sorted(letters | {letter.upper() for letter in letters})


_LETTERS = "".join(_vietnamese_letters())
_PLAIN = "".join(fold(letter) for letter in _LETTERS)


def _fold_or_empty(text):
    return fold(text) if text is not None else None


class Folded(Func):
    """A database expression folding Vietnamese text the way ``lms.text.fold`` does.

    PostgreSQL maps the letters with TRANSLATE; SQLite calls ``lms.text.fold``
    itself, registered on the connection as ``lms_fold``. Other databases get
    the text unchanged (their accent-insensitive collations usually do the
    job). Letter case is left to the case-insensitive lookups (``icontains``).
    """

    function = "lms_fold"
    arity = 1
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        connection.ensure_connection()
        connection.connection.create_function("lms_fold", 1, _fold_or_empty, deterministic=True)
        return Func.as_sql(self, compiler, connection, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        translate = Func(
            *self.source_expressions,
            Value(_LETTERS),
            Value(_PLAIN),
            function="TRANSLATE",
            output_field=CharField(),
        )
        return translate.as_sql(compiler, connection, **extra_context)

    def as_sql(self, compiler, connection, **extra_context):
        return compiler.compile(self.source_expressions[0])


def people(*, unit=None, rank=None, agency="", units=None):
    """Active people with a profile, of a unit, rank and agency if given, in Vietnamese order.

    ``units`` (from ``lms.selectors.units_managed_by``) limits them to the units a
    manager may manage; None means every unit.
    """
    profiles = Profile.objects.filter(user__is_active=True).select_related("user", "unit", "rank")
    profiles = in_units(profiles, units)
    if unit:
        profiles = profiles.filter(unit=unit)
    if rank:
        profiles = profiles.filter(rank=rank)
    agency = " ".join((agency or "").split())
    if agency:
        profiles = profiles.filter(agency__icontains=agency)
    return profiles.in_vietnamese_order()


def people_search(*, query, profiles=None):
    """People whose name or staff code contains every word of ``query``, diacritics folded.

    "nguyen van an", "Nguyễn Văn An" and "an nguyen" find Nguyễn Văn An;
    "cb00" finds the staff codes that contain it.
    """
    profiles = people() if profiles is None else profiles
    words = fold(query).split()
    if not words:
        return profiles.none()
    profiles = profiles.annotate(
        search_text=Folded(
            Concat(
                "family_name",
                Value(" "),
                "given_name",
                Value(" "),
                Coalesce("staff_code", Value("")),
            )
        )
    )
    for word in words:
        profiles = profiles.filter(search_text__icontains=word)
    return profiles


def with_enrolment_status(*, profiles, course):
    """Annotate each profile with ``enrolment_status``: its current status in ``course`` or None."""
    current = (
        Enrolment.objects.current()
        .filter(course=course, user=OuterRef("user"))
        .order_by()
        .values("status")[:1]
    )
    return profiles.annotate(enrolment_status=Subquery(current))


def enrolment_plan(*, profiles, course):
    """How many of ``profiles`` an enrolment would add, approve or leave as they are.

    Returns a dict with ``total``, ``enrol`` (not enrolled), ``approve`` (waiting
    requests) and ``already`` (enrolled), in one query.
    """
    rows = (
        with_enrolment_status(profiles=profiles, course=course)
        .order_by()
        .values("enrolment_status")
        .annotate(count=Count("pk"))
    )
    counts = {row["enrolment_status"]: row["count"] for row in rows}
    plan = {
        "enrol": counts.get(None, 0),
        "approve": counts.get(EnrolmentStatus.PENDING, 0),
        "already": counts.get(EnrolmentStatus.ACTIVE, 0),
    }
    plan["total"] = sum(plan.values())
    return plan


def current_statuses(*, course, user_ids):
    """``{user_id: status}`` of the waiting or active enrolments of these users in ``course``."""
    user_ids = list(user_ids)
    statuses = {}
    for start in range(0, len(user_ids), 500):
        statuses.update(
            Enrolment.objects.current()
            .filter(course=course, user_id__in=user_ids[start : start + 500])
            .values_list("user_id", "status")
        )
    return statuses


def course_enrolments(*, course, status=None, unit=None, rank=None, units=None):
    """A course's enrolments for the manager's list, in Vietnamese name order.

    ``status`` is one of the enrolment statuses, "current" (waiting or
    enrolled) or empty for every enrolment, history included. ``units`` limits
    them to learners of the units a manager may manage (None: every unit).
    """
    if status == "current":
        enrolments = selectors.enrolments_for_course(course=course, unit=unit, rank=rank).current()
    else:
        enrolments = selectors.enrolments_for_course(
            course=course, status=status, unit=unit, rank=rank
        )
    return in_units(enrolments, units, field="user__profile__unit")


def courses_with_enrolment_counts(*, query=""):
    """Every course with ``enrolled_count`` and ``waiting_count``; waiting requests first."""
    courses = CoursePage.objects.all()
    query = " ".join((query or "").split())
    if query:
        courses = courses.annotate(folded_title=Folded("title"))
        for word in fold(query).split():
            courses = courses.filter(folded_title__icontains=word)
    return courses.annotate(
        enrolled_count=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.ACTIVE)),
        waiting_count=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.PENDING)),
    ).order_by("-waiting_count", "title", "pk")
