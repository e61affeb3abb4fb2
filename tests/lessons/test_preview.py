import pytest
from django.urls import reverse

from tests.factories import lecturer

from .builders import make_course, make_lesson

pytestmark = pytest.mark.django_db


def _streamfield(prefix):
    return {f"{prefix}-count": "0"}


def test_lecturer_previews_a_new_lesson(client):
    teacher = lecturer()
    course = make_course(lecturers=[teacher])
    client.force_login(teacher)
    url = reverse("wagtailadmin_pages:preview_on_add", args=["lessons", "lessonpage", course.pk])
    data = {
        "title": "Bài xem trước",
        "slug": "bai-xem-truoc",
        "body-count": "0",
        "estimated_minutes": "10",
        "is_required": "on",
        "completion_mode": "view",
        "min_minutes": "0",
    }
    response = client.post(url, data)
    assert response.json()["is_valid"], response.json()
    preview = client.get(url)
    assert preview.status_code == 200
    assert "Bài xem trước" in preview.content.decode()


def test_preview_of_an_existing_lesson_records_no_progress(client):
    teacher = lecturer()
    course = make_course(lecturers=[teacher])
    lesson = make_lesson(course=course)
    client.force_login(teacher)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[lesson.pk])
    data = {
        "title": lesson.title,
        "slug": lesson.slug,
        "body-count": "0",
        "estimated_minutes": "10",
        "completion_mode": "view",
        "min_minutes": "0",
    }
    assert client.post(url, data).json()["is_valid"]
    assert client.get(url).status_code == 200
    assert not teacher.lesson_progress.exists()
