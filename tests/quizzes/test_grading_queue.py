"""The lecturers' grading queue: quizzes waiting, one answer at a time, marks and files."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lessons.services import enrolment_create
from quizzes import services
from quizzes.manage import admin as manage_admin
from quizzes.manage import selectors
from quizzes.models import QuizGrade, Response, ResponseFile
from tests.factories import ProfileFactory, UserFactory, learner, lecturer, manager
from tests.lessons.builders import make_course
from tests.quizzes.builders import make_category, make_question, make_quiz

pytestmark = pytest.mark.django_db

ESSAY = {"format": "html", "grader_info": "<p>Chấm theo đáp án: nêu đủ ba ý.</p>"}


def person(family_name, given_name):
    user = learner()
    ProfileFactory(user=user, family_name=family_name, given_name=given_name)
    return user


def take(quiz, user, answers):
    enrolment_create(user=user, course=quiz.course)
    attempt = services.attempt_start(user=user, quiz=quiz)
    for slot, answer in answers.items():
        services.attempt_save(attempt=attempt, user=user, slot=slot, answer=answer, sequence=1)
    return services.attempt_submit(attempt=attempt, user=user)


def url(name, *args, **query):
    address = reverse(f"quizzes_manage:{name}", args=args)
    if query:
        address += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return address


@pytest.fixture
def teacher():
    return lecturer()


@pytest.fixture
def exam(teacher):
    """An essay (2 marks) and a single-choice question (1 mark); Bình and An submitted."""
    course = make_course(lecturers=[teacher])
    category = make_category()
    essay = make_question(category=category, qtype="essay", payload=ESSAY, name="Tự luận")
    single = make_question(category=category, qtype="single", name="Thủ đô")
    quiz = make_quiz(course=course, questions=[essay], mark=Decimal("2"), title="Bài thi cuối")
    quiz.slots.add(quiz.slots.model(kind="fixed", question=single, mark=Decimal("1")))
    quiz.save_revision().publish()
    people = {"binh": person("Trần Thị", "Bình"), "an": person("Nguyễn Văn", "An")}
    for key, user in people.items():
        take(quiz, user, {1: {"text": f"<p>Bài làm của {key}</p>"}, 2: {"choice": "a"}})
    return quiz, people


def essay_of(quiz, user):
    return Response.objects.get(attempt__quiz=quiz, attempt__user=user, slot=1)


def test_the_exam_waits_for_a_mark(exam):
    quiz, people = exam
    response = essay_of(quiz, people["an"])
    assert response.needs_grading and response.attempt.grade is None
    assert response.max_mark == Decimal("2")


# --- The menu: quizzes waiting -------------------------------------------------


def test_menu_lists_the_lecturers_quizzes_with_answers_waiting(client, exam, teacher):
    quiz, _people = exam
    make_quiz(course=make_course(lecturers=[teacher]), questions=[make_question()])
    client.force_login(teacher)
    response = client.get(url("grading"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-quiz="{quiz.pk}"' in html
    assert 'data-answers="2"' in html and 'data-attempts="2"' in html
    assert html.count("data-quiz=") == 1


def test_menu_of_another_lecturer_is_empty_and_learners_have_none(client, exam):
    quiz, people = exam
    other = lecturer()
    make_course(title="Khóa khác", lecturers=[other])
    client.force_login(other)
    html = client.get(url("grading")).content.decode()
    assert f'data-quiz="{quiz.pk}"' not in html and "data-empty" in html
    client.force_login(people["an"])
    assert client.get(url("grading"))["Location"].startswith(reverse("wagtailadmin_login"))


def test_menu_item_is_shown_to_lecturers_of_a_course_only(rf, teacher, exam):
    item = manage_admin.grading_menu_item()
    request = rf.get("/admin/")
    request.user = teacher
    assert item.is_shown(request)
    request.user = lecturer()
    assert not item.is_shown(request)
    request.user = manager()
    assert not item.is_shown(request)


def test_menu_query_count_does_not_grow_with_quizzes(
    client, teacher, django_assert_max_num_queries
):
    course = make_course(lecturers=[teacher])
    question = make_question(qtype="essay", payload=ESSAY)

    def add_quizzes(count):
        for _ in range(count):
            quiz = make_quiz(course=course, questions=[question])
            take(quiz, learner(), {1: {"text": "<p>Bài làm</p>"}})

    client.force_login(teacher)
    add_quizzes(2)
    with CaptureQueriesContext(connection) as few:
        client.get(url("grading"))
    add_quizzes(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(url("grading")).content.decode()
    assert html.count("data-quiz=") == 10


# --- The queue of one quiz -----------------------------------------------------


def test_queue_counts_answers_per_question(client, exam, teacher):
    quiz, _people = exam
    client.force_login(teacher)
    response = client.get(url("queue", quiz.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-pending="2"' in html
    assert "Tự luận" in html and "Thủ đô" not in html  # only questions graded by hand
    assert "data-start" in html


def test_answers_come_in_vietnamese_name_order_with_next_and_previous(client, exam, teacher):
    quiz, people = exam
    first, second = essay_of(quiz, people["an"]), essay_of(quiz, people["binh"])
    client.force_login(teacher)
    start = client.get(url("queue_start", quiz.pk))
    assert start.status_code == 302
    assert start["Location"].startswith(url("grade", quiz.pk, first.pk))
    html = client.get(url("grade", quiz.pk, first.pk)).content.decode()
    assert url("grade", quiz.pk, second.pk) in html and "data-next" in html
    assert "data-previous" not in html
    html = client.get(url("grade", quiz.pk, second.pk)).content.decode()
    assert "data-previous" in html and "data-next" not in html


def test_grade_page_shows_question_grader_information_and_answer(client, exam, teacher):
    quiz, people = exam
    response = essay_of(quiz, people["an"])
    client.force_login(teacher)
    page = client.get(url("grade", quiz.pk, response.pk))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Câu hỏi loại essay?" in html
    assert "<p>Chấm theo đáp án: nêu đủ ba ý.</p>" in html
    assert "<p>Bài làm của an</p>" in html
    assert "Nguyễn Văn An" in html
    assert 'data-waiting="2"' in html
    assert "data-needs-grading" in html


def test_manual_mark_sets_the_attempt_grade_and_the_quiz_grade(client, exam, teacher):
    quiz, people = exam
    response = essay_of(quiz, people["an"])
    following = essay_of(quiz, people["binh"])
    client.force_login(teacher)
    saved = client.post(
        url("grade", quiz.pk, response.pk),
        {"mark": "1,5", "comment": "Thiếu ý thứ ba.", "save_next": "1"},
    )
    assert saved.status_code == 302
    assert saved["Location"].startswith(url("grade", quiz.pk, following.pk))
    response.refresh_from_db()
    assert response.mark == Decimal("1.50") and not response.needs_grading
    assert response.graded_by == teacher and response.comment == "Thiếu ý thứ ba."
    attempt = response.attempt
    attempt.refresh_from_db()
    assert not attempt.needs_grading
    assert attempt.grade == Decimal("8.33")  # (1,5 + 1) of 3
    grade = QuizGrade.objects.get(quiz=quiz, user=people["an"])
    assert grade.grade == Decimal("8.33") and grade.passed
    html = client.get(url("grade", quiz.pk, response.pk)).content.decode()
    assert "data-graded" in html and 'value="1,50"' in html


def test_changing_a_mark_recomputes_the_grade(client, exam, teacher):
    quiz, people = exam
    response = essay_of(quiz, people["an"])
    client.force_login(teacher)
    client.post(url("grade", quiz.pk, response.pk), {"mark": "2", "save": "1"})
    client.post(url("grade", quiz.pk, response.pk), {"mark": "0,5", "save": "1"})
    assert QuizGrade.objects.get(quiz=quiz, user=people["an"]).grade == Decimal("5.00")


@pytest.mark.parametrize("mark", ["abc", "2,01", "-1", "", "NaN", "1e400"])
def test_bad_mark_is_refused_and_nothing_changes(client, exam, teacher, mark):
    quiz, people = exam
    response = essay_of(quiz, people["an"])
    client.force_login(teacher)
    page = client.post(url("grade", quiz.pk, response.pk), {"mark": mark, "save": "1"})
    assert page.status_code == 400
    assert "w-field--error" in page.content.decode()
    response.refresh_from_db()
    assert response.needs_grading and response.mark is None and response.graded_at is None
    assert QuizGrade.objects.get(quiz=quiz, user=people["an"]).grade is None


def test_waiting_filter_and_all_answers(client, exam, teacher):
    quiz, people = exam
    graded = essay_of(quiz, people["an"])
    services.response_grade_manual(response=graded, grader=teacher, mark=1)
    ids = list(selectors.grading_queue(quiz=quiz).values_list("pk", flat=True))
    assert ids == [essay_of(quiz, people["binh"]).pk]
    everything = selectors.grading_queue(quiz=quiz, state=selectors.ALL)
    assert list(everything.values_list("pk", flat=True)) == [graded.pk, ids[0]]
    client.force_login(teacher)
    start = client.get(url("queue_start", quiz.pk, state="all"))
    assert start["Location"].startswith(url("grade", quiz.pk, graded.pk))


def test_filter_by_question(client, exam, teacher):
    quiz, people = exam
    other = make_question(qtype="essay", payload=ESSAY, name="Tình huống")
    quiz.slots.add(quiz.slots.model(kind="fixed", question=other, mark=Decimal("1")))
    quiz.save_revision().publish()
    late = take(quiz, learner(), {3: {"text": "<p>Phân tích</p>"}})
    third = late.responses.get(slot=3)
    client.force_login(teacher)
    html = client.get(url("queue", quiz.pk)).content.decode()
    assert "Tình huống" in html
    start = client.get(url("queue_start", quiz.pk, question=f"3-{other.pk}"))
    assert start["Location"].startswith(url("grade", quiz.pk, third.pk))
    assert [item.slot for item in selectors.queue_questions(quiz=quiz)] == [1, 3]
    # A question number that does not exist does not filter.
    assert client.get(url("queue", quiz.pk, question="x-1")).status_code == 200


def test_empty_queue_sends_back_with_a_message(client, teacher):
    quiz = make_quiz(course=make_course(lecturers=[teacher]), questions=[make_question()])
    client.force_login(teacher)
    start = client.get(url("queue_start", quiz.pk))
    assert start["Location"].startswith(url("queue", quiz.pk))
    assert "data-empty" in client.get(url("queue", quiz.pk)).content.decode()


def test_queue_query_count_does_not_grow_with_answers(
    client, teacher, django_assert_max_num_queries
):
    course = make_course(lecturers=[teacher])
    quiz = make_quiz(course=course, questions=[make_question(qtype="essay", payload=ESSAY)])
    client.force_login(teacher)
    for _ in range(5):
        take(quiz, learner(), {1: {"text": "<p>Bài</p>"}})
    first = selectors.grading_queue(quiz=quiz).first()
    with CaptureQueriesContext(connection) as few:
        client.get(url("queue", quiz.pk))
        client.get(url("grade", quiz.pk, first.pk))
    for _ in range(45):
        take(quiz, learner(), {1: {"text": "<p>Bài</p>"}})
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("queue", quiz.pk))
        client.get(url("grade", quiz.pk, first.pk))


# --- Attached files --------------------------------------------------------------


@pytest.fixture
def attached(exam, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    quiz, people = exam
    response = essay_of(quiz, people["an"])
    upload = SimpleUploadedFile("bai-lam.pdf", b"%PDF-1.4 bai lam", "application/pdf")
    file = ResponseFile.objects.create(response=response, file=upload, name="bài làm.pdf", size=16)
    return quiz, response, file


def test_grader_sees_and_downloads_attached_files(client, attached, teacher):
    quiz, response, file = attached
    client.force_login(teacher)
    html = client.get(url("grade", quiz.pk, response.pk)).content.decode()
    assert url("response_file", quiz.pk, file.pk) in html
    download = client.get(url("response_file", quiz.pk, file.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 bai lam"
    assert download["Content-Disposition"].startswith("attachment")


def test_files_are_refused_to_outsiders_and_other_quizzes(client, attached, teacher):
    quiz, _response, file = attached
    other = lecturer()
    make_course(title="Khóa khác", lecturers=[other])
    client.force_login(other)
    refused = client.get(url("response_file", quiz.pk, file.pk))
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    elsewhere = make_quiz(course=make_course(lecturers=[teacher]), questions=[make_question()])
    client.force_login(teacher)
    assert client.get(url("response_file", elsewhere.pk, file.pk)).status_code == 404


# --- Who may grade ------------------------------------------------------------------


def test_lecturer_of_another_course_may_not_grade(client, exam):
    quiz, people = exam
    response = essay_of(quiz, people["an"])
    other = lecturer()
    make_course(title="Khóa khác", lecturers=[other])
    client.force_login(other)
    for address in (url("queue", quiz.pk), url("grade", quiz.pk, response.pk)):
        refused = client.get(address)
        assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    client.post(url("grade", quiz.pk, response.pk), {"mark": "2", "save": "1"})
    response.refresh_from_db()
    assert response.needs_grading and response.mark is None


def test_learners_and_managers_may_not_grade(client, exam):
    quiz, people = exam
    response = essay_of(quiz, people["an"])
    client.force_login(people["an"])
    sent = client.post(url("grade", quiz.pk, response.pk), {"mark": "2", "save": "1"})
    assert sent["Location"].startswith(reverse("wagtailadmin_login"))
    client.force_login(manager())
    sent = client.post(url("grade", quiz.pk, response.pk), {"mark": "2", "save": "1"})
    assert sent["Location"] == reverse("wagtailadmin_home")
    response.refresh_from_db()
    assert response.needs_grading


def test_superuser_may_grade(client, exam):
    quiz, people = exam
    response = essay_of(quiz, people["binh"])
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    client.post(url("grade", quiz.pk, response.pk), {"mark": "2", "save": "1"})
    response.refresh_from_db()
    assert response.mark == Decimal("2.00")


def test_answer_of_another_quiz_is_not_found(client, exam, teacher):
    quiz, people = exam
    response = essay_of(quiz, people["an"])
    elsewhere = make_quiz(course=make_course(lecturers=[teacher]), questions=[make_question()])
    client.force_login(teacher)
    assert client.get(url("grade", elsewhere.pk, response.pk)).status_code == 404
    single = Response.objects.get(attempt=response.attempt, slot=2)
    assert client.get(url("grade", quiz.pk, single.pk)).status_code == 404
    assert client.get(url("queue", 999999)).status_code == 404


def test_buttons_on_the_quiz_page(exam, teacher):
    quiz, _people = exam
    other = lecturer()
    shown = {
        user: [
            button.url_name
            for button in manage_admin.page_header_buttons(quiz, user, "edit")
            if button.is_shown(user)
        ]
        for user in (teacher, other, manager())
    }
    assert shown[teacher] == ["results", "queue", "statistics", "overrides"]
    assert shown[other] == []
    assert list(shown.values())[2] == ["results", "statistics"]
    course_buttons = list(manage_admin.page_listing_more_buttons(quiz.course, teacher))
    assert not any(button.is_shown(teacher) for button in course_buttons)
