"""Reading the certificate register: verification, a learner's certificates, the register."""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from lessons.models import CoursePage, Enrolment, ProgramPage
from lms.models import Certificate, CohortMember, Profile
from lms.selectors.results import ProgramResult, program_results
from lms.selectors.scope import in_units, units_managed_by
from lms.text import nfc
from quizzes.models import QuizGrade

_NOT_CODE = re.compile(r"[\s\-]+")


def normalise_code(code: str) -> str:
    """A verification code as stored: capitals, without spaces or dashes."""
    return _NOT_CODE.sub("", code or "").upper()


def normalise_name(name: str) -> str:
    """A name compared on NFC, case and spacing; accents still count."""
    return " ".join(nfc(name).casefold().split())


def _public(queryset):
    return queryset.select_related("unit", "reissued_as")


def certificate_verify(
    *,
    code: str | None = None,
    serial: str | None = None,
    full_name: str | None = None,
    date_of_birth: datetime.date | None = None,
) -> Certificate | None:
    """The certificate with verification ``code``, or with ``serial`` + name + birth date.

    ``None`` when nothing matches exactly; revoked certificates are returned
    (the page shows them revoked).
    """
    if code:
        code = normalise_code(code)
        return _public(Certificate.objects.filter(verification_code=code)).first() if code else None
    if not (serial and full_name and date_of_birth):
        return None
    certificate = (
        _public(Certificate.objects.filter(serial__iexact=serial.strip().replace(" ", "")))
        .filter(date_of_birth=date_of_birth)
        .first()
    )
    if certificate and normalise_name(certificate.full_name) == normalise_name(full_name):
        return certificate
    return None


def certificates_for_learner(*, user) -> list[Certificate]:
    """``user``'s own certificates, newest first (revoked ones included)."""
    return list(
        Certificate.objects.filter(learner=user)
        .select_related("unit", "reissued_as")
        .order_by("-issue_date", "-pk")
    )


def certificate_for_learner(*, user, certificate_id: int) -> Certificate:
    """``user``'s certificate ``certificate_id``; 404 when it is someone else's."""
    certificate = (
        Certificate.objects.filter(learner=user, pk=certificate_id)
        .select_related("unit", "reissued_as")
        .first()
    )
    if certificate is None:
        raise Http404
    return certificate


def may_view_register(*, user) -> bool:
    return user.is_authenticated and user.has_perm("lms.view_certificate")


def _check_may_view(user):
    if not may_view_register(user=user):
        raise PermissionDenied


def certificate_register(*, user, unit=None, year: int | None = None, query: str = ""):
    """The register lines ``user`` may see (their units), filtered, in register order."""
    _check_may_view(user)
    certificates = in_units(
        Certificate.objects.select_related("unit", "reissue_of", "reissued_as"),
        units_managed_by(user=user),
    )
    if unit is not None:
        certificates = certificates.filter(unit=unit)
    if year:
        certificates = certificates.filter(register_year=year)
    query = " ".join(nfc(query).split())
    if query:
        certificates = certificates.filter(
            Q(full_name__icontains=query)
            | Q(serial__iexact=query)
            | Q(register_label__iexact=query)
            | Q(cohort_code__iexact=query)
        )
    return certificates.order_by("unit__name", "register_year", "register_number")


def certificate_for_manager(*, user, certificate_id: int) -> Certificate:
    """A certificate of ``user``'s units (404 for another unit's)."""
    certificate = certificate_register(user=user).filter(pk=certificate_id).first()
    if certificate is None:
        raise Http404
    return certificate


def certificate_history(*, certificate) -> list[Certificate]:
    """The chain of corrections ``certificate`` belongs to, oldest first."""
    chain = [certificate]
    current = certificate
    while current.reissue_of_id:
        current = Certificate.objects.select_related("reissue_of").get(pk=current.reissue_of_id)
        chain.insert(0, current)
    current = certificate
    while (following := Certificate.objects.filter(reissue_of=current).first()) is not None:
        chain.append(following)
        current = following
    return chain


def register_years(*, user) -> list[int]:
    """The register years that hold lines ``user`` may see, newest first."""
    return list(
        certificate_register(user=user)
        .order_by("-register_year")
        .values_list("register_year", flat=True)
        .distinct()
    )


def cohort_certificates(*, cohort) -> list[Certificate]:
    """The valid certificates issued for ``cohort``, in register order, ready to print."""
    return list(
        Certificate.objects.valid()
        .filter(cohort=cohort)
        .select_related("unit__certificate_series__logo", "program")
        .order_by("register_year", "register_number")
    )


@dataclass
class EligibilityRow:
    user: object
    profile: Profile | None
    result: ProgramResult
    certificate: Certificate | None
    reasons: list = field(default_factory=list)

    @property
    def eligible(self):
        return not self.reasons

    @property
    def full_name(self):
        return self.profile.full_name if self.profile else self.user.get_username()


def cohort_eligibility(*, cohort) -> list[EligibilityRow]:
    """One row per member of ``cohort``, in Vietnamese name order: result, certificate, eligible.

    Constant number of queries whatever the number of members.
    """
    memberships = list(
        CohortMember.objects.filter(cohort=cohort)
        .select_related("user", "user__profile")
        .order_by("user__profile__sort_key", "user_id")
    )
    users = [membership.user for membership in memberships]
    results = program_results(program=cohort.program, users=users, cohort=cohort)
    certificates = {
        certificate.learner_id: certificate
        for certificate in Certificate.objects.valid().filter(
            program_id=cohort.program_id, learner__in=users
        )
    }
    rows = []
    for user in users:
        certificate = certificates.get(user.pk)
        result = results[user.pk]
        reasons = list(result.reasons)
        if certificate is not None:
            reasons.append(
                _("Already holds certificate %(serial)s.") % {"serial": certificate.serial}
            )
        profile = getattr(user, "profile", None)
        rows.append(EligibilityRow(user, profile, result, certificate, reasons))
    return rows


@dataclass
class LearnerProgram:
    program: object
    cohort: object
    result: ProgramResult


def _learner_programs(user):
    """(program, cohort or None) for every program ``user`` is in: by cohort or by enrolment."""
    cohorts = {}
    for membership in CohortMember.objects.filter(user=user).select_related("cohort"):
        cohorts.setdefault(membership.cohort.program_id, membership.cohort)
    course_paths = CoursePage.objects.filter(
        pk__in=Enrolment.objects.filter(user=user).values("course_id")
    ).values_list("path", flat=True)
    parent_paths = {path[: -CoursePage.steplen] for path in course_paths}
    programs = ProgramPage.objects.live().filter(Q(pk__in=cohorts) | Q(path__in=parent_paths))
    return [(program, cohorts.get(program.pk)) for program in programs.order_by("title")]


def learner_results(*, user) -> list[LearnerProgram]:
    """``user``'s own result in each program they study, with its rule and inputs."""
    rows = []
    for program, cohort in _learner_programs(user):
        result = program_results(program=program, users=[user], cohort=cohort)[user.pk]
        rows.append(LearnerProgram(program, cohort, result))
    return rows


def learner_quiz_grades(*, user):
    """``user``'s quiz grades, the latest first."""
    return QuizGrade.objects.filter(user=user).select_related("quiz").order_by("-updated_at")
