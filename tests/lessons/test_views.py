import pytest
from django.urls import reverse

from lessons import services
from lessons.models import Enrolment, LessonProgress
from lessons.models.enrolment import EnrolmentStatus
from lessons.models.pages import CompletionMode, EnrolmentPolicy
from tests.factories import ProfileFactory, learner, lecturer

from .builders import make_course, make_lesson, make_lessons

pytestmark = pytest.mark.django_db


def test_program_index_lists_programs(client):
    course = make_course()
    program = course.get_parent()
    html = client.get("/chuong-trinh/").content.decode()
    assert program.title in html
    assert course.title in client.get(program.url).content.decode()


def test_course_page_offers_enrolment_but_hides_lesson_links(client):
    course = make_course(policy=EnrolmentPolicy.SELF)
    lesson = make_lesson(course=course, title="Bài 1: Tổng quan")
    client.force_login(learner())
    html = client.get(course.url).content.decode()
    assert "Tổng quan" in html
    assert f'href="{lesson.url}"' not in html
    assert reverse("course_enrol", args=[course.pk]) in html


def test_non_enrolled_learner_is_refused_a_lesson_url(client):
    course = make_course(policy=EnrolmentPolicy.SELF)
    lesson = make_lesson(course=course, body=[("paragraph", "<p>Bí mật của bài</p>")])
    client.force_login(learner())
    response = client.get(lesson.url)
    assert response.status_code == 403
    assert "Bí mật của bài" not in response.content.decode()
    assert not LessonProgress.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    lesson = make_lesson(course=make_course(policy=EnrolmentPolicy.OPEN))
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_open_course_lessons_need_only_a_login(client):
    lesson = make_lesson(course=make_course(policy=EnrolmentPolicy.OPEN))
    client.force_login(learner())
    assert client.get(lesson.url).status_code == 200


def test_enrol_then_study(client):
    user = learner()
    course = make_course()
    first, second = make_lessons(course=course, count=2)
    client.force_login(user)
    response = client.post(reverse("course_enrol", args=[course.pk]), follow=True)
    assert "Bạn đã ghi danh" in response.content.decode()
    page = client.get(first.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'href="{second.url}"' in html  # next lesson
    assert "1/2" in html or "50%" in html
    assert LessonProgress.objects.get(user=user, lesson=first).completed_at is not None


def test_enrol_needs_post_and_login(client):
    course = make_course()
    assert client.post(reverse("course_enrol", args=[course.pk])).status_code == 302
    client.force_login(learner())
    assert client.get(reverse("course_enrol", args=[course.pk])).status_code == 405
    assert not Enrolment.objects.exists()


def test_approval_course_shows_waiting_request(client):
    course = make_course(policy=EnrolmentPolicy.APPROVAL)
    client.force_login(learner())
    client.post(reverse("course_enrol", args=[course.pk]))
    assert Enrolment.objects.get().status == EnrolmentStatus.PENDING
    assert "đang chờ" in client.get(course.url).content.decode()


def test_managers_only_course_refuses_self_enrolment(client):
    course = make_course(policy=EnrolmentPolicy.MANAGERS)
    client.force_login(learner())
    response = client.post(reverse("course_enrol", args=[course.pk]), follow=True)
    assert "cán bộ quản lý đào tạo" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_manual_completion(client):
    user = learner()
    course = make_course()
    lesson = make_lesson(course=course, mode=CompletionMode.MANUAL)
    services.enrolment_create(user=user, course=course)
    client.force_login(user)
    assert "Tôi đã học xong" in client.get(lesson.url).content.decode()
    client.post(reverse("lesson_complete", args=[lesson.pk]))
    assert LessonProgress.objects.get(user=user, lesson=lesson).completed_at is not None


def test_a_learner_cannot_complete_a_lesson_of_a_course_they_do_not_follow(client):
    lesson = make_lesson(course=make_course(), mode=CompletionMode.MANUAL)
    client.force_login(learner())
    assert client.post(reverse("lesson_complete", args=[lesson.pk])).status_code == 403
    assert client.post(reverse("lesson_heartbeat", args=[lesson.pk])).status_code == 403
    assert not LessonProgress.objects.exists()


def test_heartbeat_rejects_bad_numbers(client):
    user = learner()
    course = make_course()
    lesson = make_lesson(course=course, mode=CompletionMode.TIME, min_minutes=5)
    services.enrolment_create(user=user, course=course)
    client.force_login(user)
    response = client.post(reverse("lesson_heartbeat", args=[lesson.pk]), {"seconds": "abc"})
    assert response.status_code == 400


def test_lecturer_of_the_course_reads_lessons_without_enrolling(client):
    teacher = lecturer()
    lesson = make_lesson(course=make_course(lecturers=[teacher]))
    client.force_login(teacher)
    assert client.get(lesson.url).status_code == 200


def test_my_courses_empty_state(client):
    client.force_login(learner())
    html = client.get(reverse("my_courses")).content.decode()
    assert "Bạn chưa ghi danh khóa học nào" in html


def test_my_courses_lists_progress_and_resume(client):
    user = ProfileFactory().user
    course = make_course(title="Chuyển đổi số")
    first, second = make_lessons(course=course, count=2)
    services.enrolment_create(user=user, course=course)
    services.lesson_mark_viewed(user=user, lesson=first)
    client.force_login(user)
    html = client.get(reverse("my_courses")).content.decode()
    assert "Chuyển đổi số" in html
    assert "50%" in html
    assert second.url in html


def _enrolled_course(lessons):
    user = learner()
    course = make_course()
    items = make_lessons(course=course, count=lessons)
    services.enrolment_create(user=user, course=course)
    for lesson in items[: lessons // 2]:
        services.lesson_mark_viewed(user=user, lesson=lesson)
    return user, course, items


def _queries(client, django_assert_max_num_queries, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("page", ["course", "lesson", "dashboard"])
def test_query_count_does_not_grow_with_lessons(client, django_assert_max_num_queries, page):
    counts = []
    for size in (5, 50):
        user, course, items = _enrolled_course(size)
        client.force_login(user)
        url = {"course": course.url, "lesson": items[-1].url, "dashboard": reverse("my_courses")}[
            page
        ]
        counts.append(_queries(client, django_assert_max_num_queries, url))
    assert counts[0] == counts[1], counts


def test_dashboard_query_count_does_not_grow_with_enrolments(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = learner()
    counts = []
    for courses in (2, 8):
        for _ in range(courses):
            course = make_course()
            lesson = make_lesson(course=course)
            services.enrolment_create(user=user, course=course)
            services.lesson_mark_viewed(user=user, lesson=lesson)
        client.force_login(user)
        client.get(reverse("my_courses"))
        with CaptureQueriesContext(connection) as context:
            client.get(reverse("my_courses"))
        counts.append(len(context))
    assert counts[0] == counts[1], counts


def test_completed_course_offers_a_review(client):
    user = learner()
    course = make_course()
    lesson = make_lesson(course=course)
    services.enrolment_create(user=user, course=course)
    services.lesson_mark_viewed(user=user, lesson=lesson)
    client.force_login(user)
    html = client.get(course.url).content.decode()
    assert "Xem lại khóa học" in html
    assert "Đã học 1/1 bài bắt buộc (100%)" in html
