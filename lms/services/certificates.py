"""Issuing, revoking and reissuing certificates (the register is append-only).

Numbers come from two counters locked with ``SELECT … FOR UPDATE`` inside the
issuing transaction: the unit's ``CertificateSeries.last_serial`` (serials,
never restarting) and the ``CertificateRegisterYear`` of the unit and the
issue year (register numbers, restarting each year). Two managers issuing at
once wait for each other and take consecutive numbers: no gap, no duplicate.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.models import (
    Certificate,
    CertificateRegisterYear,
    CertificateSeries,
    CohortMember,
    Profile,
)
from lms.selectors.results import program_results
from lms.selectors.scope import units_managed_by


def check_may_issue(*, user, unit_id):
    """Raise ``PermissionDenied`` unless ``user`` may issue certificates of the unit."""
    if not user.has_perm("lms.add_certificate"):
        raise PermissionDenied(_("You may not issue certificates."))
    units = units_managed_by(user=user)
    if units is not None and unit_id not in units:
        raise PermissionDenied(_("You may not issue certificates of this training unit."))


def _profiles(user_ids):
    return {profile.user_id: profile for profile in Profile.objects.filter(user_id__in=user_ids)}


def _name(user, profiles):
    profile = profiles.get(user.pk)
    return profile.full_name if profile else user.get_username()


def _refuse(message, users, profiles):
    names = ", ".join(_name(user, profiles) for user in users)
    raise ValidationError(message % {"names": names})


def _check_learners(*, cohort, learners, profiles):
    """The learners' results; raise ``ValidationError`` naming those who may not be certified."""
    member_ids = set(
        CohortMember.objects.filter(
            cohort=cohort, user_id__in=[user.pk for user in learners]
        ).values_list("user_id", flat=True)
    )
    outsiders = [user for user in learners if user.pk not in member_ids]
    if outsiders:
        _refuse(_("Not members of this cohort: %(names)s."), outsiders, profiles)
    results = program_results(program=cohort.program, users=learners, cohort=cohort)
    failing = [user for user in learners if not results[user.pk].passed]
    if failing:
        _refuse(_("Not eligible for a certificate: %(names)s."), failing, profiles)
    certified = set(
        Certificate.objects.valid()
        .filter(program=cohort.program, learner__in=learners)
        .values_list("learner_id", flat=True)
    )
    if certified:
        already = [user for user in learners if user.pk in certified]
        _refuse(
            _("Already hold a valid certificate of this program: %(names)s."), already, profiles
        )
    return results


def _locked_series(unit):
    series = CertificateSeries.objects.select_for_update().filter(unit=unit).first()
    if series is None:
        raise ValidationError(
            _(
                "The certificate settings of %(unit)s are missing: set the serial prefix, "
                "place and signer under Certificates → Settings first."
            )
            % {"unit": unit}
        )
    return series


def _locked_register(unit, year):
    CertificateRegisterYear.objects.get_or_create(unit=unit, year=year)
    return CertificateRegisterYear.objects.select_for_update().get(unit=unit, year=year)


def _take_numbers(*, unit, year, count):
    """Lock both counters, move them on by ``count`` and return (series, serials, registers)."""
    series = _locked_series(unit)
    register = _locked_register(unit, year)
    serials = range(series.last_serial + 1, series.last_serial + count + 1)
    numbers = range(register.last_number + 1, register.last_number + count + 1)
    series.last_serial += count
    series.save(update_fields=["last_serial"])
    register.last_number += count
    register.save(update_fields=["last_number"])
    return series, serials, numbers


def register_label(*, number, year, suffix):
    """The register number as printed: ``15/2026/CC-HCQG`` (the suffix is optional)."""
    return "/".join(part for part in (str(number), str(year), suffix) if part)


def _snapshot(*, user, profile, cohort, result):
    return {
        "learner": user,
        "full_name": profile.full_name if profile else user.get_full_name() or user.username,
        "date_of_birth": profile.date_of_birth if profile else None,
        "program": cohort.program,
        "program_title": cohort.program.title,
        "cohort": cohort,
        "cohort_code": cohort.code,
        "starts_on": cohort.starts_on,
        "ends_on": cohort.ends_on,
        "grade": result.grade,
        "classification": str(result.classification),
    }


def _create(*, snapshots, unit, issue_date, issued_by, reissue_of=None):
    series, serials, numbers = _take_numbers(unit=unit, year=issue_date.year, count=len(snapshots))
    taken = list(
        Certificate.objects.filter(
            serial__in=[series.serial_for(number) for number in serials]
        ).values_list("serial", flat=True)
    )
    if taken:
        raise ValidationError(
            _(
                "Serial number %(serial)s is already used by another training unit: give this "
                "unit's certificate settings a prefix of its own."
            )
            % {"serial": taken[0]}
        )
    created = []
    for snapshot, serial_number, register_number in zip(snapshots, serials, numbers, strict=True):
        created.append(
            Certificate.objects.create(
                unit=unit,
                serial_number=serial_number,
                serial=series.serial_for(serial_number),
                register_year=issue_date.year,
                register_number=register_number,
                register_label=register_label(
                    number=register_number, year=issue_date.year, suffix=series.register_suffix
                ),
                issue_date=issue_date,
                place=series.place,
                signer_name=series.signer_name,
                signer_title=series.signer_title,
                issued_by=issued_by,
                reissue_of=reissue_of,
                **snapshot,
            )
        )
    return created


def _in_vietnamese_order(learners, profiles):
    def key(user):
        profile = profiles.get(user.pk)
        return (profile.sort_key if profile else "~", user.pk)

    return sorted(learners, key=key)


def certificates_issue(
    *, cohort, learners, issued_by, issue_date: datetime.date | None = None
) -> list[Certificate]:
    """Issue one certificate per learner of ``cohort``, all or none.

    Refuses (``ValidationError`` naming the learners) when one is not a member,
    has not passed the program or already holds a valid certificate of it;
    ``PermissionDenied`` when ``issued_by`` may not issue for the cohort's unit.
    Learners are numbered in Vietnamese name order.
    """
    check_may_issue(user=issued_by, unit_id=cohort.unit_id)
    learners = list({user.pk: user for user in learners}.values())
    if not learners:
        raise ValidationError(_("Choose at least one learner."))
    issue_date = issue_date or timezone.localdate()
    profiles = _profiles([user.pk for user in learners])
    with transaction.atomic():
        results = _check_learners(cohort=cohort, learners=learners, profiles=profiles)
        ordered = _in_vietnamese_order(learners, profiles)
        snapshots = [
            _snapshot(
                user=user, profile=profiles.get(user.pk), cohort=cohort, result=results[user.pk]
            )
            for user in ordered
        ]
        return _create(
            snapshots=snapshots, unit=cohort.unit, issue_date=issue_date, issued_by=issued_by
        )


def _check_may_change(*, user, certificate):
    if not user.has_perm("lms.change_certificate"):
        raise PermissionDenied(_("You may not revoke certificates."))
    units = units_managed_by(user=user)
    if units is not None and certificate.unit_id not in units:
        raise PermissionDenied(_("You may not change certificates of this training unit."))


def _revoke(*, certificate, by, reason):
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = by
    certificate.revocation_reason = reason
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    return certificate


def _clean_reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason."))
    return reason


def certificate_revoke(*, certificate, by, reason: str) -> Certificate:
    """Revoke ``certificate`` (it stays in the register, marked revoked, with the reason)."""
    _check_may_change(user=by, certificate=certificate)
    reason = _clean_reason(reason)
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.is_revoked:
            raise ValidationError(_("This certificate is already revoked."))
        return _revoke(certificate=certificate, by=by, reason=reason)


def certificate_reissue(*, certificate, by, reason: str) -> Certificate:
    """Revoke ``certificate`` (unless already revoked) and issue its replacement.

    The new certificate has new numbers, ``reissue_of=certificate`` and a fresh
    snapshot of the learner's profile (a corrected name shows). Eligibility is
    not checked again: a reissue corrects, it does not re-examine.
    """
    _check_may_change(user=by, certificate=certificate)
    check_may_issue(user=by, unit_id=certificate.unit_id)
    reason = _clean_reason(reason)
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if Certificate.objects.filter(reissue_of=certificate).exists():
            raise ValidationError(_("This certificate has already been reissued."))
        if not certificate.is_revoked:
            _revoke(certificate=certificate, by=by, reason=reason)
        return _create(
            snapshots=[_reissue_snapshot(certificate)],
            unit=certificate.unit,
            issue_date=timezone.localdate(),
            issued_by=by,
            reissue_of=certificate,
        )[0]


def _reissue_snapshot(certificate):
    profile = Profile.objects.filter(user_id=certificate.learner_id).first()
    cohort = certificate.cohort
    return {
        "learner": certificate.learner,
        "full_name": profile.full_name if profile else certificate.full_name,
        "date_of_birth": profile.date_of_birth if profile else certificate.date_of_birth,
        "program": certificate.program,
        "program_title": certificate.program.title,
        "cohort": cohort,
        "cohort_code": cohort.code if cohort else certificate.cohort_code,
        "starts_on": cohort.starts_on if cohort else certificate.starts_on,
        "ends_on": cohort.ends_on if cohort else certificate.ends_on,
        "grade": certificate.grade,
        "classification": certificate.classification,
    }
