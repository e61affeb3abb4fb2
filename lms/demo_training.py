"""Demo data for `manage.py seed_demo`: a finished cohort of the chuyên viên program with
its attendance, results and certificates (one revoked and reissued), and a cohort that
is still running.

The finished cohort's history (lessons studied, exam grades) is written as it would be
after a class imported from an earlier system: rows, not replayed attempts. Names,
agencies and the signer are invented.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from lessons.models import CourseCompletion, CoursePage, LessonPage, LessonProgress, ProgramPage
from lms import roles
from lms.demo import DEMO_PASSWORD
from lms.models import (
    AttendanceRecord,
    AttendanceSession,
    AttendanceStatus,
    CertificateSeries,
    Cohort,
    Profile,
    Rank,
    TrainingUnit,
)
from lms.selectors.results import program_results
from quizzes.models import QuizGrade, QuizPage

UNIT_CODE = "hoc-vien-hanh-chinh"
PROGRAM_SLUG = "boi-duong-ngach-chuyen-vien"
MANAGER = "quanly"
ADMINISTRATOR = "quantri"
LECTURER = "giangvien"


@dataclass(frozen=True)
class Graduate:
    username: str
    family_name: str
    given_name: str
    date_of_birth: str  # ISO
    staff_code: str
    agency: str
    grades: tuple  # one grade per required exam, in tree order
    absences: tuple = ()  # (session index, status)


SERIES = {
    "serial_prefix": "HVHC",
    "serial_digits": 6,
    # Paper certificates of earlier years used numbers up to 1 250.
    "last_serial": 1250,
    "register_suffix": "CC-HVHC",
    "place": "Hà Nội",
    "signer_name": "Hoàng Văn Bình",
    "signer_title": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
}

FINISHED = {
    "code": "CV-K01-2026",
    "name": "Lớp bồi dưỡng ngạch chuyên viên khóa 01/2026",
    "starts_on": datetime.date(2026, 5, 4),
    "ends_on": datetime.date(2026, 5, 29),
    "place": "Cơ sở Học viện, 77 Nguyễn Chí Thanh, Hà Nội",
}
RUNNING = {
    "code": "CV-K02-2026",
    "name": "Lớp bồi dưỡng ngạch chuyên viên khóa 02/2026",
    "starts_on": datetime.date(2026, 11, 9),
    "ends_on": datetime.date(2026, 12, 18),
    "place": "Học trực tuyến kết hợp tập trung tại Học viện",
}
SESSIONS = [
    (datetime.date(2026, 5, 4), "Khai giảng; Nhà nước và quyền lực nhà nước", 4),
    (datetime.date(2026, 5, 8), "Quản lý nhà nước và bộ máy hành chính", 4),
    (datetime.date(2026, 5, 13), "Thảo luận tình huống về đạo đức công vụ", 4),
    (datetime.date(2026, 5, 18), "Chuyển đổi số trong cơ quan hành chính", 4),
    (datetime.date(2026, 5, 22), "Thực hành soạn thảo văn bản hành chính", 4),
    (datetime.date(2026, 5, 29), "Báo cáo thu hoạch và bế giảng", 4),
]
ISSUE_DATE = datetime.date(2026, 6, 5)
REISSUE_REASON = (
    "Ngày sinh in trên chứng chỉ sai so với hồ sơ công chức; cấp lại theo đề nghị của "
    "cơ quan cử đi học."
)
# Whose certificate the demo revokes and reissues (with the corrected date of birth).
CORRECTED = ("hvk03", "1987-09-21")

GRADUATES = [
    Graduate(
        "hvk01",
        "Bùi Thị",
        "Lan",
        "1991-03-14",
        "BNV-2026-0101",
        "Vụ Công chức - Viên chức, Bộ Nội vụ",
        (Decimal("8.50"), Decimal("9.25")),
    ),
    Graduate(
        "hvk02",
        "Ngô Văn",
        "Thắng",
        "1988-07-02",
        "BTC-2026-0102",
        "Vụ Pháp chế, Bộ Tài chính",
        (Decimal("7.00"), Decimal("6.50")),
    ),
    Graduate(
        "hvk03",
        "Vũ Ngọc",
        "Ánh",
        "1987-09-12",  # wrong in the profile at issue time; CORRECTED fixes it
        "BTP-2026-0103",
        "Cục Kiểm tra văn bản quy phạm pháp luật, Bộ Tư pháp",
        (Decimal("9.50"), Decimal("9.00")),
    ),
    Graduate(
        "hvk04",
        "Đặng Quốc",
        "Bảo",
        "1993-12-30",
        "HN-2026-0104",
        "Sở Nội vụ thành phố Hà Nội",
        (Decimal("6.00"), Decimal("5.50")),
    ),
    Graduate(
        "hvk05",
        "Lý Thị",
        "Hồng",
        "1990-01-25",
        "BYT-2026-0105",
        "Văn phòng Bộ Y tế",
        (Decimal("8.00"), Decimal("7.75")),
        absences=((2, AttendanceStatus.EXCUSED),),
    ),
    # Missed too much of the class: not eligible, and the cohort page says why.
    Graduate(
        "hvk06",
        "Trịnh Đình",
        "Khoa",
        "1994-06-08",
        "BCT-2026-0106",
        "Vụ Kế hoạch - Tài chính, Bộ Công Thương",
        (Decimal("7.50"), Decimal("4.50")),
        absences=((1, AttendanceStatus.ABSENT), (3, AttendanceStatus.EXCUSED)),
    ),
]


def seed_training_demo(*, stdout):
    """Create the demo cohorts, attendance and certificates once; later runs change nothing."""
    # Imported here: the services import page models, which seed_demo's callers load first.
    from lms.services import certificates_issue
    from lms.services.cohorts import cohort_members_add

    unit = TrainingUnit.objects.filter(code=UNIT_CODE).first()
    program = ProgramPage.objects.filter(slug=PROGRAM_SLUG).first()
    users = {user.username: user for user in get_user_model().objects.all()}
    if unit is None or program is None or MANAGER not in users:
        stdout.write("Thiếu đơn vị, chương trình hoặc cán bộ quản lý mẫu: bỏ qua lớp mẫu.")
        return
    if Cohort.objects.filter(code=FINISHED["code"]).exists():
        return
    manager = users[MANAGER]
    CertificateSeries.objects.get_or_create(unit=unit, defaults=SERIES)
    graduates = [_graduate(person, unit) for person in GRADUATES]

    finished = _cohort(FINISHED, program=program, unit=unit, users=users)
    cohort_members_add(cohort=finished, users=graduates, by=manager)
    _history(program, graduates)
    _attendance(finished, graduates, by=users.get(LECTURER, manager))
    results = program_results(program=program, users=graduates, cohort=finished)
    eligible = [user for user in graduates if results[user.pk].passed]
    certificates = certificates_issue(
        cohort=finished, learners=eligible, issued_by=manager, issue_date=ISSUE_DATE
    )
    _correct_and_reissue(certificates, by=manager)

    running = _cohort(RUNNING, program=program, unit=unit, users=users)
    # hvk06 takes the class again; hocvien2 stays out, her enrolment request waits for a manager.
    learners = [user for user in (users.get("hocvien"), graduates[-1]) if user is not None]
    # hocvien works for a province: only a manager of every unit (the administrator) adds him.
    cohort_members_add(cohort=running, users=learners, by=users.get(ADMINISTRATOR, manager))
    _running_attendance(running, learners, by=users.get(LECTURER, manager))
    stdout.write(
        f"Đã tạo lớp {finished.code} ({len(certificates)} chứng chỉ) và lớp {running.code}. "
        f"Học viên đã được cấp chứng chỉ đăng nhập bằng hvk01 … hvk05, mật khẩu {DEMO_PASSWORD}."
    )


def _graduate(person, unit):
    user, created = get_user_model().objects.get_or_create(
        username=person.username,
        defaults={"email": f"{person.username}@example.vn"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=roles.LEARNERS))
    Profile.objects.get_or_create(
        user=user,
        defaults={
            "family_name": person.family_name,
            "given_name": person.given_name,
            "date_of_birth": datetime.date.fromisoformat(person.date_of_birth),
            "staff_code": person.staff_code,
            "agency": person.agency,
            "position": "Chuyên viên",
            "unit": unit,
            "rank": Rank.objects.filter(code="01.003").first(),
        },
    )
    return user


def _cohort(data, *, program, unit, users):
    cohort = Cohort.objects.create(
        program=program, unit=unit, homeroom_manager=users[MANAGER], **data
    )
    if LECTURER in users:
        cohort.lecturers.add(users[LECTURER])
    return cohort


def _moment(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(16, 30)))


def _history(program, graduates):
    """Every lesson and course completed in May 2026, and the exam grades."""
    done_at = _moment(FINISHED["ends_on"])
    courses = list(CoursePage.objects.child_of(program).live())
    lessons = list(LessonPage.objects.descendant_of(program).live())
    exams = list(
        QuizPage.objects.descendant_of(program).live().filter(is_required=True).order_by("path")
    )
    for user, person in zip(graduates, GRADUATES, strict=True):
        LessonProgress.objects.bulk_create(
            LessonProgress(
                user=user,
                lesson=lesson,
                first_visited_at=done_at,
                last_visited_at=done_at,
                completed_at=done_at,
                seconds_spent=lesson.estimated_minutes * 60,
            )
            for lesson in lessons
        )
        CourseCompletion.objects.bulk_create(
            CourseCompletion(user=user, course=course, completed_at=done_at) for course in courses
        )
        QuizGrade.objects.bulk_create(
            QuizGrade(quiz=exam, user=user, grade=grade, passed=grade >= program.pass_mark)
            for exam, grade in zip(exams, person.grades, strict=False)
        )


def _attendance(cohort, graduates, *, by):
    for index, (date, topic, periods) in enumerate(SESSIONS):
        session = AttendanceSession.objects.create(
            cohort=cohort,
            date=date,
            topic=topic,
            periods=periods,
            taken_at=_moment(date),
            taken_by=by,
        )
        AttendanceRecord.objects.bulk_create(
            AttendanceRecord(
                session=session,
                user=user,
                status=dict(person.absences).get(index, AttendanceStatus.PRESENT),
            )
            for user, person in zip(graduates, GRADUATES, strict=True)
        )


def _correct_and_reissue(certificates, *, by):
    from lms.services import certificate_reissue

    username, date_of_birth = CORRECTED
    wrong = next((c for c in certificates if c.learner.username == username), None)
    if wrong is None:
        return
    Profile.objects.filter(user=wrong.learner).update(
        date_of_birth=datetime.date.fromisoformat(date_of_birth)
    )
    certificate_reissue(certificate=wrong, by=by, reason=REISSUE_REASON)


def _running_attendance(cohort, learners, *, by):
    """The running class: its first session taken, the next one planned."""
    first = AttendanceSession.objects.create(
        cohort=cohort,
        date=RUNNING["starts_on"],
        topic="Khai giảng; giới thiệu chương trình và cách học trực tuyến",
        periods=4,
        taken_at=_moment(RUNNING["starts_on"]),
        taken_by=by,
    )
    AttendanceRecord.objects.bulk_create(
        AttendanceRecord(
            session=first,
            user=user,
            status=AttendanceStatus.PRESENT if index == 0 else AttendanceStatus.EXCUSED,
            note="" if index == 0 else "Đi công tác theo quyết định của cơ quan",
        )
        for index, user in enumerate(learners)
    )
    AttendanceSession.objects.create(
        cohort=cohort,
        date=RUNNING["ends_on"],
        topic="Thảo luận tình huống và bế giảng",
        periods=4,
    )
