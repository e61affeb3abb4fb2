"""Database side of the training scenario of bench/run.py: a cohort of 300 and its register.

Runs with the bench's environment (production settings, the bench's temporary database),
never against the developer's database; run.py calls it, normally nobody else:

    python bench/training.py setup --members 300 > training.json

``setup`` builds, on the demo's chuyên viên program and unit (seed_demo ran before), a
running cohort of N learners with profiles, active enrolments in every course of the
program, completions, a grade for every required exam (one in ten fails one), ten
attendance sessions taken (a few absences), as rows rather than replayed requests. Then it
issues the certificates through ``certificates_issue``, the service the issue screen
calls: one learner alone first (the baseline), then every other eligible member in one
batch, and reports both times and the cost of one certificate in the batch against the
one alone. Last, it signs in the demo's training manager and one member (sessions made
directly, as in bench/exam.py) and prints JSON for bench/urls_load.py: the manager's
cohort page, issue page, register, printable register and dashboard; the learner's
results and certificates; the public verification page of one certificate for a guest.
"""

import argparse
import datetime
import json
import sys
import time
from decimal import Decimal

from exam import _sign_in, django_setup

COHORT_CODE = "BENCH-K01"
SESSIONS = 10
ISSUE_DATE = datetime.date(2026, 6, 5)


def _program_and_unit():
    from lessons.models import CoursePage, ProgramPage
    from lms.demo_training import MANAGER, PROGRAM_SLUG, UNIT_CODE
    from lms.models import TrainingUnit
    from quizzes.models import QuizPage

    program = ProgramPage.objects.filter(slug=PROGRAM_SLUG).first()
    unit = TrainingUnit.objects.filter(code=UNIT_CODE).first()
    if program is None or unit is None:
        raise SystemExit("bench/training.py: no demo program or unit; did seed_demo run?")
    courses = list(CoursePage.objects.child_of(program).live())
    exams = list(QuizPage.objects.descendant_of(program).live().filter(is_required=True))
    return program, unit, courses, exams, MANAGER


def _members(*, count, unit):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from lms import roles
    from lms.models import Profile

    User = get_user_model()
    password = make_password(None)  # nobody logs in with it; hashing is deliberately slow
    names = [f"benchlop{number:04d}" for number in range(1, count + 1)]
    User.objects.bulk_create(User(username=name, password=password) for name in names)
    users = list(User.objects.filter(username__in=names).order_by("username"))
    Group.objects.get(name=roles.LEARNERS).user_set.add(*users)
    Profile.objects.bulk_create(
        Profile(
            user=user,
            family_name="Nguyễn Đo",
            given_name=f"Tải {number:04d}",
            date_of_birth=datetime.date(1980 + number % 20, 1 + number % 12, 1 + number % 28),
            staff_code=f"BENCH-{number:05d}",
            unit=unit,
            agency="Cơ quan đo tải",
        )
        for number, user in enumerate(users, start=1)
    )
    return users


def _history(*, users, courses, exams, by):
    from django.utils import timezone

    from lessons.models import CourseCompletion, Enrolment
    from quizzes.models import QuizGrade

    now = timezone.now()
    Enrolment.objects.bulk_create(
        Enrolment(user=user, course=course, status="active", created_by=by)
        for course in courses
        for user in users
    )
    CourseCompletion.objects.bulk_create(
        CourseCompletion(user=user, course=course, completed_at=now)
        for course in courses
        for user in users
    )
    QuizGrade.objects.bulk_create(
        QuizGrade(
            user=user,
            quiz=exam,
            # One member in ten fails the first exam: the pages show reasons, too.
            grade=Decimal("3.50") if number % 10 == 0 and index == 0 else Decimal("8.25"),
        )
        for index, exam in enumerate(exams)
        for number, user in enumerate(users)
    )


def _attendance(*, cohort, users, by):
    from django.utils import timezone

    from lms.models import AttendanceRecord, AttendanceSession, AttendanceStatus

    AttendanceSession.objects.bulk_create(
        AttendanceSession(
            cohort=cohort,
            date=cohort.starts_on + datetime.timedelta(days=number),
            topic=f"Buổi học đo tải {number + 1}",
            periods=4,
            taken_at=timezone.now(),
            taken_by=by,
        )
        for number in range(SESSIONS)
    )
    sessions = list(cohort.sessions.order_by("date"))
    AttendanceRecord.objects.bulk_create(
        AttendanceRecord(
            session=session,
            user=user,
            status=AttendanceStatus.ABSENT
            if (number + index) % 25 == 0
            else AttendanceStatus.PRESENT,
        )
        for index, session in enumerate(sessions)
        for number, user in enumerate(users)
    )


def _cohort(*, program, unit, users, manager):
    from lms.models import Cohort, CohortMember

    cohort = Cohort.objects.create(
        code=COHORT_CODE,
        name="Lớp đo tải",
        program=program,
        unit=unit,
        starts_on=datetime.date(2026, 5, 4),
        ends_on=datetime.date(2026, 5, 29),
        homeroom_manager=manager,
    )
    CohortMember.objects.bulk_create(
        CohortMember(cohort=cohort, user=user, added_by=manager) for user in users
    )
    return cohort


def _issue(*, cohort, users, manager):
    """Time one certificate alone, then the rest in one batch; return (figures, certificates)."""
    from lms.selectors.results import program_results
    from lms.services import certificates_issue

    results = program_results(program=cohort.program, users=users, cohort=cohort)
    eligible = [user for user in users if results[user.pk].passed]
    started = time.perf_counter()
    first = certificates_issue(
        cohort=cohort, learners=eligible[:1], issued_by=manager, issue_date=ISSUE_DATE
    )
    single = time.perf_counter() - started
    started = time.perf_counter()
    rest = certificates_issue(
        cohort=cohort, learners=eligible[1:], issued_by=manager, issue_date=ISSUE_DATE
    )
    batch = time.perf_counter() - started
    figures = {
        "eligible": len(eligible),
        "single_ms": round(single * 1000, 1),
        "batch_ms": round(batch * 1000, 1),
        "batch_count": len(rest),
        "per_certificate_ms": round(batch * 1000 / len(rest), 2) if rest else None,
    }
    return figures, first + rest


def endpoints(*, cohort, unit, certificate):
    """(label, path, user labels) of every URL the scenario measures."""
    from django.urls import reverse

    admin = {"cohort_id": cohort.pk}
    year = certificate.register_year
    return [
        ("cohort", reverse("lms_cohorts:detail", kwargs=admin), ["manager"]),
        ("issue", reverse("lms_certificates:issue", kwargs=admin), ["manager"]),
        ("register", f"{reverse('lms_certificates:register')}?year={year}", ["manager"]),
        (
            "register-print",
            reverse("lms_certificates:register_print", args=[unit.pk, year]),
            ["manager"],
        ),
        ("dashboard", reverse("lms_reports:dashboard"), ["manager"]),
        ("my-results", reverse("my_results"), ["learner"]),
        ("my-certificates", reverse("my_certificates"), ["learner"]),
        (
            "verify",
            reverse("certificate_verify_code", kwargs={"code": certificate.verification_code}),
            ["guest"],
        ),
    ]


def setup(args):
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import transaction

    program, unit, courses, exams, manager_name = _program_and_unit()
    manager = get_user_model().objects.get(username=manager_name)
    with transaction.atomic():
        users = _members(count=args.members, unit=unit)
        _history(users=users, courses=courses, exams=exams, by=manager)
        cohort = _cohort(program=program, unit=unit, users=users, manager=manager)
        _attendance(cohort=cohort, users=users, by=manager)
    issuing, certificates = _issue(cohort=cohort, users=users, manager=manager)
    learner = certificates[0].learner
    sessions = {row["username"]: row["session"] for row in _sign_in([manager, learner])}
    return {
        "members": len(users),
        "courses": len(courses),
        "exams": len(exams),
        "sessions": SESSIONS,
        "issuing": issuing,
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "users": [
            {
                "label": "manager",
                "username": manager.username,
                "session": sessions[manager.username],
            },
            {
                "label": "learner",
                "username": learner.username,
                "session": sessions[learner.username],
            },
            {"label": "guest", "username": None, "session": None},
        ],
        "endpoints": [
            {"label": label, "path": path, "users": labels}
            for label, path, labels in endpoints(
                cohort=cohort, unit=unit, certificate=certificates[0]
            )
        ],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    prepare = commands.add_parser("setup", help="build the cohort, issue, sign in")
    prepare.add_argument("--members", type=int, default=300)
    args = parser.parse_args()
    django_setup()
    json.dump(setup(args), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    sys.exit(main())
