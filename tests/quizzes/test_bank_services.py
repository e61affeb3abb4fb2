"""The question bank: questions with immutable versions, categories, moves and tags."""

import unicodedata
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from quizzes.bank import selectors as bank_selectors
from quizzes.bank import services as bank
from quizzes.models import Question, QuestionCategory, QuestionVersion
from tests.factories import ProfileFactory, TrainingUnitFactory, learner, lecturer
from tests.lessons.builders import make_course
from tests.quizzes.builders import PAYLOADS, make_category, make_question

pytestmark = pytest.mark.django_db


def nfd(text):
    return unicodedata.normalize("NFD", text)


def unit_lecturer(unit):
    user = lecturer()
    ProfileFactory(user=user, unit=unit)
    return user


@pytest.fixture
def unit():
    return TrainingUnitFactory()


@pytest.fixture
def category(unit):
    return make_category(unit=unit)


def edit(question, **changes):
    """question_update with the current content, overridden by ``changes``."""
    version = question.current_version
    fields = {"text": version.text, "payload": version.payload, "user": None, **changes}
    return bank.question_update(question=question, **fields)


# --- question_create -------------------------------------------------------------


def test_question_create_makes_version_one(category):
    question = make_question(category=category, name="Thủ đô", tags=["địa lý", " "])
    version = question.current_version
    assert version.number == 1
    assert list(question.versions.all()) == [version]
    assert version.qtype == question.qtype == "single"
    assert version.default_mark == Decimal("1")
    assert [option["key"] for option in version.payload["options"]] == ["a", "b", "c"]
    assert list(question.tags.names()) == ["địa lý"]
    assert question.status == "ready"


def test_question_create_folds_search_text(category):
    question = make_question(category=category, name="Thủ đô", text="<p>Thủ đô của Việt Nam?</p>")
    assert "thu do cua viet nam" in question.search_text
    assert "ha noi" in question.search_text  # option texts are searchable
    assert "<p>" not in question.search_text


def test_question_create_normalises_and_sanitises_the_text(category):
    question = make_question(
        category=category, text=nfd("<p>Nhà nước là gì?</p><script>alert(1)</script>")
    )
    text = question.current_version.text
    assert "<script" not in text
    assert unicodedata.is_normalized("NFC", text)
    assert "Nhà nước là gì?" in text


def test_a_description_has_no_mark(category):
    question = make_question(category=category, qtype="description", default_mark=5)
    assert question.current_version.default_mark == Decimal("0")


@pytest.mark.parametrize(
    "changes",
    [
        {"qtype": "nope"},
        {"text": "<p>  </p>"},
        {"text": "<script>x</script>"},
        {"payload": {"options": [{"text": "A", "fraction": "0.5"}, {"text": "B"}]}},
        {"payload": {}},
    ],
)
def test_question_create_refuses_bad_content_and_creates_nothing(category, changes):
    fields = {"qtype": "single", "text": "<p>Câu hỏi?</p>", "payload": PAYLOADS["single"]}
    with pytest.raises(ValidationError):
        bank.question_create(category=category, name="Câu", **{**fields, **changes})
    assert not Question.objects.exists()
    assert not QuestionVersion.objects.exists()


def test_question_create_checks_the_editor(unit, category):
    other_unit_lecturer = unit_lecturer(TrainingUnitFactory())
    with pytest.raises(PermissionDenied):
        make_question(category=category, user=other_unit_lecturer)
    with pytest.raises(PermissionDenied):
        make_question(category=category, user=learner())
    assert not Question.objects.exists()
    author = unit_lecturer(unit)
    question = make_question(category=category, user=author)
    assert question.created_by == question.current_version.created_by == author


# --- question_update and versions -------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"text": "<p>Thủ đô của nước ta?</p>"},
        {
            "payload": {
                "options": [
                    {"key": "a", "text": "Hà Nội", "fraction": "0"},
                    {"key": "b", "text": "Huế", "fraction": "1"},
                ]
            }
        },
        {"default_mark": "2"},
        {"general_feedback": "<p>Xem Hiến pháp 2013.</p>"},
    ],
)
def test_a_content_change_makes_a_new_version(category, changes):
    question = make_question(category=category)
    first = question.current_version
    updated = edit(question, **changes)
    assert updated.current_version.number == 2
    assert updated.current_version.pk != first.pk
    assert Question.objects.get(pk=question.pk).current_version_id == updated.current_version.pk
    old = QuestionVersion.objects.get(pk=first.pk)
    assert (old.text, old.payload, old.default_mark) == (
        first.text,
        first.payload,
        first.default_mark,
    )


def test_an_edit_without_content_change_makes_no_version(category):
    question = make_question(category=category, general_feedback="<p>Chung</p>")
    first = question.current_version
    edit(
        question,
        name="Tên mới",
        difficulty="hard",
        status="draft",
        tags=["mới"],
        default_mark=first.default_mark,
    )
    question.refresh_from_db()
    assert question.versions.count() == 1
    assert question.current_version_id == first.pk
    assert (question.name, question.difficulty, question.status) == ("Tên mới", "hard", "draft")
    assert list(question.tags.names()) == ["mới"]


def test_the_same_content_typed_in_nfd_makes_no_version(category):
    question = make_question(category=category, text="<p>Nhà nước là gì?</p>")
    edit(question, text=nfd("<p>Nhà nước là gì?</p>"), payload=PAYLOADS["single"])
    assert question.versions.count() == 1


def test_each_edit_numbers_the_next_version(category):
    question = make_question(category=category)
    for number in (2, 3, 4):
        question = edit(question, text=f"<p>Phiên bản {number}</p>")
        assert question.current_version.number == number
    assert list(question.versions.values_list("number", flat=True)) == [1, 2, 3, 4]


def test_search_text_follows_the_edit(category):
    question = make_question(category=category, text="<p>Thủ đô?</p>")
    edit(question, text="<p>Cố đô của triều Nguyễn?</p>")
    question.refresh_from_db()
    assert "co do cua trieu nguyen" in question.search_text
    assert "thu do" not in question.search_text


def test_a_bad_edit_changes_nothing(category):
    question = make_question(category=category)
    first = question.current_version
    with pytest.raises(ValidationError):
        edit(question, payload={"options": [{"text": "Chỉ một", "fraction": "1"}]}, name="Khác")
    question.refresh_from_db()
    assert question.current_version_id == first.pk
    assert question.versions.count() == 1
    assert question.name != "Khác"


def test_only_editors_may_edit(unit, category):
    question = make_question(category=category)
    with pytest.raises(PermissionDenied):
        edit(question, text="<p>Khác</p>", user=unit_lecturer(TrainingUnitFactory()))
    assert question.versions.count() == 1
    edit(question, text="<p>Khác</p>", user=unit_lecturer(unit))
    assert question.versions.count() == 2


def test_course_lecturers_edit_their_course_bank():
    teacher = lecturer()
    course = make_course(lecturers=[teacher])
    category = make_category(course=course)
    question = make_question(category=category, user=teacher)
    with pytest.raises(PermissionDenied):
        edit(question, text="<p>Khác</p>", user=lecturer())
    edit(question, text="<p>Khác</p>", user=teacher)
    assert question.versions.count() == 2


def test_a_version_cannot_be_saved_again(category):
    question = make_question(category=category)
    version = question.current_version
    version.text = "<p>Sửa lén</p>"
    with pytest.raises(ValidationError):
        version.save()
    with pytest.raises(ValidationError):
        version.save(update_fields=["text"])
    assert QuestionVersion.objects.get(pk=version.pk).text != "<p>Sửa lén</p>"


# --- categories ---------------------------------------------------------------------


def test_category_create_children_inherit_the_owner(unit):
    root = bank.category_create(name=nfd(" Luật hành chính "), unit=unit)
    assert root.name == "Luật hành chính"
    child = bank.category_create(name="Chương 1", parent=root, unit=TrainingUnitFactory())
    assert child.unit == unit
    assert child.get_parent() == root
    course = make_course()
    course_root = bank.category_create(name="Khóa học", course=course)
    assert bank.category_create(name="Con", parent=course_root).course == course


def test_category_create_refuses_no_name_or_no_owner(unit):
    with pytest.raises(ValidationError):
        bank.category_create(name="  ", unit=unit)
    with pytest.raises(ValidationError):
        bank.category_create(name="Không chủ")
    assert not QuestionCategory.objects.exists()


def test_categories_visible_to_a_lecturer(unit):
    own = make_category(name="Của trường", unit=unit)
    child = make_category(name="Con", parent=own)
    other = make_category(name="Trường khác", unit=TrainingUnitFactory())
    shared = make_category(name="Chia sẻ", unit=TrainingUnitFactory())
    shared.shared_with.add(unit)
    teacher = lecturer()
    course_bank = make_category(course=make_course(lecturers=[teacher]), name="Khóa")
    visible = set(bank_selectors.categories_visible_to(user=unit_lecturer(unit)))
    assert visible == {own, child, shared}
    assert set(bank_selectors.categories_visible_to(user=teacher)) == {course_bank}
    assert other not in visible
    assert not bank_selectors.categories_visible_to(user=learner()).exists()


def test_questions_search_ignores_diacritics_and_respects_visibility(unit, category):
    found = make_question(category=category, text="<p>Quản lý nhà nước về đất đai</p>")
    make_question(category=category, text="<p>Ngân sách nhà nước</p>")
    hidden = make_question(
        category=make_category(unit=TrainingUnitFactory()), text="<p>Quản lý nhà nước</p>"
    )
    user = unit_lecturer(unit)
    assert list(bank_selectors.questions_search(user=user, text="quan ly dat dai")) == [found]
    assert list(bank_selectors.questions_search(user=user, text="QUẢN LÝ")) == [found]
    assert hidden not in bank_selectors.questions_search(user=user, text="")


# --- moving and tagging ---------------------------------------------------------


def test_questions_move(unit, category):
    user = unit_lecturer(unit)
    target = make_category(name="Đích", parent=category)
    questions = [make_question(category=category) for _ in range(3)]
    assert bank.questions_move(questions=questions[:2], category=target, user=user) == 2
    assert [q.category_id for q in Question.objects.order_by("pk")] == [
        target.pk,
        target.pk,
        category.pk,
    ]


def test_questions_move_refuses_foreign_categories(unit, category):
    user = unit_lecturer(unit)
    foreign = make_category(unit=TrainingUnitFactory())
    mine = make_question(category=category)
    theirs = make_question(category=foreign)
    with pytest.raises(PermissionDenied):
        bank.questions_move(questions=[mine], category=foreign, user=user)
    with pytest.raises(PermissionDenied):
        bank.questions_move(questions=[mine, theirs], category=category, user=user)
    assert Question.objects.get(pk=mine.pk).category_id == category.pk
    assert Question.objects.get(pk=theirs.pk).category_id == foreign.pk


def test_questions_tag_adds_tags_and_keeps_existing_ones(unit, category):
    user = unit_lecturer(unit)
    first = make_question(category=category, tags=["cũ"])
    second = make_question(category=category)
    bank.questions_tag(questions=[first, second], tags=[nfd("mới"), " "], user=user)
    assert sorted(first.tags.names()) == ["cũ", "mới"]
    assert list(second.tags.names()) == ["mới"]
    assert all(unicodedata.is_normalized("NFC", name) for name in first.tags.names())


def test_questions_tag_refuses_foreign_questions(unit):
    foreign = make_question(category=make_category(unit=TrainingUnitFactory()))
    with pytest.raises(PermissionDenied):
        bank.questions_tag(questions=[foreign], tags=["x"], user=unit_lecturer(unit))
    assert not foreign.tags.exists()
