"""The question bank screens in the Wagtail admin: categories, the list, editing, preview,
bulk actions, the question and category choosers and the QuizPage editor.

Tests assert on status codes, database state, element ids and data attributes:
messages are translated later.
"""

import json
import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from quizzes import services as attempt_services
from quizzes.bank import admin as bank_admin
from quizzes.bank.listing import quiz_total_marks
from quizzes.bank.panels import QuizTotalMarksPanel
from quizzes.models import Question, QuestionCategory, QuizPage
from tests.factories import ProfileFactory, TrainingUnitFactory, UserFactory, learner, lecturer
from tests.factories import manager as make_manager
from tests.lessons.builders import make_course
from tests.library.builders import make_case_study
from tests.quizzes.builders import (
    PAYLOADS,
    enrolled_learner,
    make_category,
    make_question,
    make_quiz,
)

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"quizzes_bank:{name}", args=args)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def staff(unit):
    """A lecturer of ``unit``."""
    user = lecturer()
    ProfileFactory(user=user, unit=unit)
    return user


@pytest.fixture
def unit_a():
    return TrainingUnitFactory(name="Học viện A", code="hv-a")


@pytest.fixture
def unit_b():
    return TrainingUnitFactory(name="Trường B", code="truong-b")


@pytest.fixture
def lecturer_a(unit_a):
    return staff(unit_a)


@pytest.fixture
def lecturer_b(unit_b):
    return staff(unit_b)


@pytest.fixture
def bank_a(unit_a):
    return make_category(name="Quản lý nhà nước", unit=unit_a)


@pytest.fixture
def bank_b(unit_b):
    return make_category(name="Kinh tế", unit=unit_b)


@pytest.fixture
def client_a(client, lecturer_a):
    client.force_login(lecturer_a)
    return client


def listed_ids(response):
    return [int(row["data-question"]) for row in soup(response).select("#bank-questions tbody tr")]


def tree_ids(response):
    return [int(a["data-category"]) for a in soup(response).select(".bank-tree a[data-category]")]


# Access and menu ---------------------------------------------------------------------------


def test_the_menu_item_shows_for_users_who_may_view_questions(client, lecturer_a):
    client.force_login(lecturer_a)
    assert url("index") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(make_manager())
    assert url("index") not in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.parametrize(
    "name,args",
    [("index", ()), ("categories", ()), ("choose_type", ()), ("category_add", ())],
)
def test_learners_and_managers_get_no_access(client, name, args):
    client.force_login(learner())
    response = client.get(url(name, *args))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]
    client.force_login(make_manager())
    response = client.get(url(name, *args))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_a_learner_cannot_open_or_preview_a_question(client, bank_a):
    question = make_question(category=bank_a)
    client.force_login(learner())
    assert client.get(url("edit", question.pk)).status_code == 302
    assert client.get(url("preview", question.pk)).status_code == 302
    response = client.post(url("bulk"), {"question": [question.pk], "action": "tag", "tags": "x"})
    assert response.status_code == 302
    assert not question.tags.exists()


# Categories --------------------------------------------------------------------------------


def test_the_category_tree_shows_visible_categories_indented(client_a, bank_a, bank_b):
    child = make_category(name="Hiến pháp", parent=bank_a)
    grandchild = make_category(name="Chương I", parent=child)
    response = client_a.get(url("categories"))
    assert response.status_code == 200
    rows = soup(response).select("#bank-categories tbody tr")
    levels = {int(row["data-category"]): int(row["data-level"]) for row in rows}
    assert levels == {bank_a.pk: 0, child.pk: 1, grandchild.pk: 2}


def test_a_shared_category_shows_read_only_with_its_subcategories(
    client, lecturer_a, bank_a, bank_b, unit_a
):
    child_b = make_category(name="Tài chính", parent=bank_b)
    bank_b.shared_with.add(unit_a)
    client.force_login(lecturer_a)
    response = client.get(url("categories"))
    rows = {
        int(row["data-category"]): row for row in soup(response).select("#bank-categories tbody tr")
    }
    assert set(rows) == {bank_a.pk, bank_b.pk, child_b.pk}
    assert rows[bank_a.pk].find("a", href=url("category_edit", bank_a.pk))
    assert not rows[bank_b.pk].find("a", href=url("category_edit", bank_b.pk))
    assert client.get(url("category_edit", bank_b.pk)).status_code == 302
    response = client.post(url("category_edit", bank_b.pk), {"name": "Đổi tên"})
    assert response.status_code == 302
    bank_b.refresh_from_db()
    assert bank_b.name == "Kinh tế"


def test_someone_elses_category_is_not_found(client_a, bank_b):
    for name in ("category_edit", "category_move", "category_delete"):
        assert client_a.get(url(name, bank_b.pk)).status_code == 404


def test_the_category_forms_open(client_a, bank_a):
    page = client_a.get(url("category_add"), {"parent": bank_a.pk})
    assert page.status_code == 200
    assert page.context["form"]["parent"].value() == str(bank_a.pk)
    page = client_a.get(url("category_move", bank_a.pk))
    assert page.status_code == 200
    assert bank_a not in page.context["form"].fields["parent"].queryset


def test_a_lecturer_adds_a_root_category_owned_by_their_unit(client_a, unit_a, unit_b):
    response = client_a.post(
        url("category_add"),
        {"name": "  Luật hành chính ", "unit": unit_a.pk, "shared_with": [unit_b.pk]},
    )
    assert response.status_code == 302
    category = QuestionCategory.objects.get(name="Luật hành chính")
    assert category.is_root() and category.unit == unit_a
    assert list(category.shared_with.all()) == [unit_b]


def test_a_lecturer_adds_a_category_owned_by_a_course_they_teach(client_a, lecturer_a):
    course = make_course(lecturers=[lecturer_a])
    response = client_a.post(url("category_add"), {"name": "Chuyên đề 1", "course": course.pk})
    assert response.status_code == 302
    assert QuestionCategory.objects.get(name="Chuyên đề 1").course_id == course.pk


@pytest.mark.parametrize(
    "data",
    [
        {"name": "Không chủ"},
        {"name": "Của trường B", "unit": "b"},
        {"name": "Hai chủ", "unit": "a", "course": "course"},
        {"name": "", "unit": "a"},
    ],
)
def test_a_category_needs_a_name_and_an_owner_the_lecturer_may_choose(
    client_a, unit_a, unit_b, data
):
    course = make_course()
    owners = {"a": unit_a.pk, "b": unit_b.pk, "course": course.pk}
    data = {key: owners.get(value, value) for key, value in data.items()}
    response = client_a.post(url("category_add"), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not QuestionCategory.objects.exists()


def test_a_subcategory_takes_its_parents_owner(client_a, bank_a, unit_b):
    response = client_a.post(url("category_add"), {"name": "Con", "parent": bank_a.pk})
    assert response.status_code == 302
    child = QuestionCategory.objects.get(name="Con")
    assert child.get_parent() == bank_a and child.unit_id == bank_a.unit_id


def test_no_subcategory_under_someone_elses_category(client, lecturer_a, bank_b, unit_a):
    bank_b.shared_with.add(unit_a)
    client.force_login(lecturer_a)
    response = client.post(url("category_add"), {"name": "Chen vào", "parent": bank_b.pk})
    assert response.status_code == 200
    assert not QuestionCategory.objects.filter(name="Chen vào").exists()


def test_edit_a_category_and_share_it(client, lecturer_a, lecturer_b, bank_a, unit_b):
    question = make_question(category=bank_a)
    client.force_login(lecturer_a)
    response = client.get(url("category_edit", bank_a.pk))
    assert response.status_code == 200
    response = client.post(
        url("category_edit", bank_a.pk),
        {"name": "QLNN", "unit": bank_a.unit_id, "shared_with": [unit_b.pk], "description": "x"},
    )
    assert response.status_code == 302
    bank_a.refresh_from_db()
    assert bank_a.name == "QLNN" and bank_a.description == "x"
    client.force_login(lecturer_b)
    assert question.pk in listed_ids(client.get(url("index")))


def test_move_a_category_under_another(client_a, bank_a, unit_a):
    other = make_category(name="Khác", unit=unit_a)
    child = make_category(name="Con", parent=other)
    question = make_question(category=child)
    response = client_a.post(url("category_move", other.pk), {"parent": bank_a.pk})
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.get_parent() == bank_a
    assert QuestionCategory.objects.get(pk=child.pk).get_parent().pk == other.pk
    question.refresh_from_db()
    assert question.category_id == child.pk


def test_move_a_subcategory_to_the_top_level(client_a, bank_a):
    child = make_category(name="Con", parent=bank_a)
    assert client_a.post(url("category_move", child.pk), {"parent": ""}).status_code == 302
    assert QuestionCategory.objects.get(pk=child.pk).is_root()


def test_a_category_cannot_move_into_its_own_subtree(client_a, bank_a):
    child = make_category(name="Con", parent=bank_a)
    response = client_a.post(url("category_move", bank_a.pk), {"parent": child.pk})
    assert response.status_code == 200
    assert QuestionCategory.objects.get(pk=bank_a.pk).is_root()


def test_a_category_cannot_move_under_someone_elses(client, lecturer_a, bank_a, bank_b, unit_a):
    bank_b.shared_with.add(unit_a)
    client.force_login(lecturer_a)
    response = client.post(url("category_move", bank_a.pk), {"parent": bank_b.pk})
    assert response.status_code == 200
    assert QuestionCategory.objects.get(pk=bank_a.pk).is_root()


def test_deleting_a_category_with_questions_or_subcategories_is_refused(client_a, bank_a):
    child = make_category(name="Con", parent=bank_a)
    make_question(category=child)
    for category in (bank_a, child):
        page = client_a.get(url("category_delete", category.pk))
        assert page.status_code == 200 and soup(page).find(id="bank-delete-refused")
        response = client_a.post(url("category_delete", category.pk))
        assert response.status_code == 302
        assert QuestionCategory.objects.filter(pk=category.pk).exists()


def test_deleting_a_category_random_slots_draw_from_is_refused(client_a, bank_a):
    make_quiz(random_slots=[(bank_a, 1)])
    client_a.post(url("category_delete", bank_a.pk))
    assert QuestionCategory.objects.filter(pk=bank_a.pk).exists()


def test_delete_an_empty_category(client_a, bank_a):
    child = make_category(name="Con", parent=bank_a)
    assert client_a.post(url("category_delete", child.pk)).status_code == 302
    assert not QuestionCategory.objects.filter(pk=child.pk).exists()
    assert QuestionCategory.objects.get(pk=bank_a.pk).get_children_count() == 0


# The question list -------------------------------------------------------------------------


@pytest.fixture
def filter_bank(lecturer_a, bank_a, bank_b):
    child = make_category(name="Hiến pháp", parent=bank_a)
    first = make_question(
        category=child,
        name="Quản lý nhà nước là gì?",
        tags=["luật"],
        difficulty="easy",
        user=lecturer_a,
    )
    second = make_question(
        category=bank_a, qtype="truefalse", name="Kinh tế thị trường", status="draft"
    )
    hidden = make_question(category=bank_b, name="Quản lý tài chính")
    return {"child": child, "first": first, "second": second, "hidden": hidden}


@pytest.mark.parametrize(
    "query,expected",
    [
        ({}, {"first", "second"}),
        ({"q": "quan ly"}, {"first"}),
        ({"q": "QUẢN   lý nhà"}, {"first"}),
        ({"qtype": "truefalse"}, {"second"}),
        ({"tag": "luật"}, {"first"}),
        ({"category": "bank_a", "sub": "1", "filtered": "1"}, {"first", "second"}),
        ({"category": "bank_a", "filtered": "1"}, {"second"}),
        ({"category": "bank_a"}, {"first", "second"}),
        ({"category": "child", "filtered": "1"}, {"first"}),
        ({"status": "draft"}, {"second"}),
        ({"difficulty": "easy"}, {"first"}),
        ({"author": "lecturer_a"}, {"first"}),
        ({"qtype": "nope", "category": "999999"}, {"first", "second"}),
    ],
)
def test_the_list_filters(client_a, filter_bank, bank_a, lecturer_a, query, expected):
    ids = {"bank_a": bank_a.pk, "child": filter_bank["child"].pk, "lecturer_a": lecturer_a.pk}
    query = {key: ids.get(value, value) for key, value in query.items()}
    response = client_a.get(url("index"), query)
    assert response.status_code == 200
    assert set(listed_ids(response)) == {filter_bank[name].pk for name in expected}


def test_the_list_shows_the_columns_and_only_visible_categories(
    client_a, filter_bank, bank_a, lecturer_a
):
    response = client_a.get(url("index"))
    assert filter_bank["hidden"].pk not in listed_ids(response)
    assert set(tree_ids(response)) == {bank_a.pk, filter_bank["child"].pk}
    row = soup(response).find("tr", attrs={"data-question": str(filter_bank["first"].pk)})
    cells = [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
    assert "Quản lý nhà nước là gì?" in cells[1]
    assert cells[3] == "Hiến pháp"
    assert cells[6] == "1"
    assert cells[7] == lecturer_a.profile.full_name
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", cells[8])


def test_the_list_sorts_by_update(client_a, filter_bank):
    first, second = filter_bank["first"], filter_bank["second"]
    Question.objects.filter(pk=first.pk).update(name="A")
    first.refresh_from_db()
    first.save()  # now the most recently updated
    assert listed_ids(client_a.get(url("index"))) == [first.pk, second.pk]
    assert listed_ids(client_a.get(url("index"), {"ordering": "updated"})) == [
        second.pk,
        first.pk,
    ]


def test_the_list_paginates_by_fifty(client_a, bank_a):
    for number in range(51):
        make_question(category=bank_a, name=f"Câu {number}")
    assert len(listed_ids(client_a.get(url("index")))) == 50
    assert len(listed_ids(client_a.get(url("index"), {"p": 2}))) == 1
    assert client_a.get(url("index"), {"p": 99}).status_code == 200


def test_the_list_takes_as_many_queries_for_fifty_rows_as_for_five(
    client_a, lecturer_a, bank_a, unit_a
):
    categories = [make_category(name=f"Nhóm {n}", parent=bank_a) for n in range(3)]

    def add(count):
        for number in range(count):
            make_question(
                category=categories[number % 3],
                qtype=["single", "truefalse", "matching"][number % 3],
                tags=[f"t{number}", "chung"],
                user=lecturer_a if number % 2 else staff(unit_a),
            )

    def queries():
        with CaptureQueriesContext(connection) as context:
            response = client_a.get(url("index"), {"q": "cau", "sub": "1", "filtered": "1"})
        assert response.status_code == 200
        return len(context), len(listed_ids(response))

    add(5)
    few, shown = queries()
    assert shown == 5
    add(45)
    many, shown = queries()
    assert shown == 50
    assert many == few


def test_a_lecturer_does_not_see_another_units_questions(client, lecturer_b, filter_bank):
    client.force_login(lecturer_b)
    response = client.get(url("index"))
    assert listed_ids(response) == [filter_bank["hidden"].pk]
    for name in ("edit", "preview"):
        assert client.get(url(name, filter_bank["first"].pk)).status_code == 404


def test_a_course_lecturer_sees_the_course_bank(client):
    teacher = lecturer()
    course = make_course(lecturers=[teacher])
    category = make_category(name="Bài tập", course=course)
    question = make_question(category=category)
    client.force_login(teacher)
    assert listed_ids(client.get(url("index"))) == [question.pk]
    assert client.get(url("edit", question.pk)).status_code == 200


# Bulk actions ------------------------------------------------------------------------------


def test_bulk_move_and_tag(client_a, bank_a, unit_a):
    target = make_category(name="Đích", unit=unit_a)
    questions = [make_question(category=bank_a) for _ in range(3)]
    ids = [questions[0].pk, questions[1].pk]
    back = url("index") + "?q=x"
    response = client_a.post(
        url("bulk"), {"question": ids, "action": "move", "target": target.pk, "next": back}
    )
    assert response.status_code == 302 and response["Location"] == back
    assert set(Question.objects.filter(category=target).values_list("pk", flat=True)) == set(ids)
    response = client_a.post(
        url("bulk"), {"question": ids, "action": "tag", "tags": "luật, năm 2025 , "}
    )
    assert response.status_code == 302
    for question in questions[:2]:
        assert sorted(question.tags.names()) == ["luật", "năm 2025"]
    assert not questions[2].tags.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"action": "move", "target": "target"},
        {"question": "question", "action": "move"},
        {"question": "question", "action": "tag", "tags": " , "},
        {"question": "question", "action": "delete"},
    ],
)
def test_bulk_actions_refuse_bad_input(client_a, bank_a, unit_a, data):
    target = make_category(name="Đích", unit=unit_a)
    question = make_question(category=bank_a)
    data = {
        key: {"target": target.pk, "question": question.pk}.get(v, v) for key, v in data.items()
    }
    assert client_a.post(url("bulk"), data).status_code == 302
    question.refresh_from_db()
    assert question.category == bank_a and not question.tags.exists()


def test_bulk_actions_leave_shared_questions_alone(client, lecturer_a, bank_a, bank_b, unit_a):
    bank_b.shared_with.add(unit_a)
    mine, shared = make_question(category=bank_a), make_question(category=bank_b)
    client.force_login(lecturer_a)
    client.post(url("bulk"), {"question": [mine.pk, shared.pk], "action": "tag", "tags": "x"})
    client.post(url("bulk"), {"question": [shared.pk], "action": "move", "target": bank_a.pk})
    shared.refresh_from_db()
    assert shared.category == bank_b
    assert not shared.tags.exists() and not mine.tags.exists()


def test_bulk_actions_cannot_move_into_a_shared_category(
    client, lecturer_a, bank_a, bank_b, unit_a
):
    bank_b.shared_with.add(unit_a)
    mine = make_question(category=bank_a)
    client.force_login(lecturer_a)
    client.post(url("bulk"), {"question": [mine.pk], "action": "move", "target": bank_b.pk})
    mine.refresh_from_db()
    assert mine.category == bank_a


def test_hidden_questions_are_not_touched_by_bulk_actions(client_a, bank_b):
    hidden = make_question(category=bank_b)
    client_a.post(url("bulk"), {"question": [hidden.pk], "action": "tag", "tags": "x"})
    assert not hidden.tags.exists()


# Adding and editing questions --------------------------------------------------------------


def rows(prefix, items):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(items)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, item in enumerate(items):
        data.update({f"{prefix}-{index}-{key}": value for key, value in item.items()})
    return data


def common(category, **fields):
    return {
        "category": category.pk,
        "name": "",
        "text": "<p>Thủ đô của Việt Nam là gì?</p>",
        "default_mark": "2,5",
        "general_feedback": "<p>Xem Hiến pháp.</p>",
        "difficulty": "hard",
        "status": "draft",
        "tags": "địa lý, thủ đô",
        **fields,
    }


ESSAY = {
    "payload-format": "plain",
    "payload-attachments": "2",
    "payload-attachments_required": "on",
    "payload-max_megabytes": "2,5",
    "payload-file_types": ".pdf, DOCX",
    "payload-min_words": "100",
    "payload-max_words": "500",
    "payload-grader_info": "<p>Chấm theo ý.</p>",
    "payload-template": "",
}
TYPE_DATA = {
    "single": {
        **rows(
            "options",
            [
                {"text": "Hà Nội", "fraction": "1", "feedback": "Đúng."},
                {"text": "Huế", "fraction": "-0.5"},
                {"text": "", "fraction": "0"},
            ],
        ),
        "payload-shuffle": "on",
        "payload-feedback_correct": "Giỏi",
    },
    "multiple": rows(
        "options",
        [
            {"text": "Luật", "fraction": "0.3333333"},
            {"text": "Nghị định", "fraction": "0.3333333"},
            {"text": "Thông tư", "fraction": "0.3333333"},
            {"text": "Bài báo", "fraction": "-1"},
        ],
    ),
    "truefalse": {"payload-correct": "false", "payload-feedback_true": "Chưa đúng."},
    "shortanswer": {
        **rows("answers", [{"text": "Hà Nội", "fraction": "1"}, {"text": "HN", "fraction": "0.5"}]),
        "payload-accent_insensitive": "on",
    },
    "numerical": rows(
        "answers",
        [
            {"value": "63", "tolerance": "0,5", "fraction": "1"},
            {"min": "60", "max": "70,5", "fraction": "0.5"},
            {"value": "", "fraction": "1"},
        ],
    ),
    "matching": {
        **rows(
            "pairs",
            [
                {"text": "Luật", "answer": "Quốc hội"},
                {"text": "Nghị định", "answer": "Chính phủ"},
                {"text": "Nghị quyết", "answer": "Quốc hội"},
                {"text": "", "answer": ""},
            ],
        ),
        **rows("distractors", [{"text": "Bộ trưởng"}, {"text": "Quốc hội"}]),
    },
    "essay": ESSAY,
    "case": ESSAY,
    "description": {},
}


def expected_payload(qtype, case_page=None):
    return {
        "single": lambda p: (
            (
                [(o["key"], o["text"], o["fraction"]) for o in p["options"]],
                p["shuffle"],
                p["feedback"]["correct"],
            )
            == ([("1", "Hà Nội", "1"), ("2", "Huế", "-0.5")], True, "Giỏi")
        ),
        "multiple": lambda p: (
            [o["fraction"] for o in p["options"]] == ["0.3333333", "0.3333333", "0.3333333", "-1"]
        ),
        "truefalse": lambda p: p["correct"] is False and p["feedback_true"] == "Chưa đúng.",
        "shortanswer": lambda p: (
            [(a["text"], a["fraction"]) for a in p["answers"]] == [("Hà Nội", "1"), ("HN", "0.5")]
            and p["accent_insensitive"]
        ),
        "numerical": lambda p: (
            p["answers"][0]["value"] == "63"
            and p["answers"][0]["tolerance"] == "0.5"
            and (p["answers"][1]["min"], p["answers"][1]["max"]) == ("60", "70.5")
            and len(p["answers"]) == 2
        ),
        "matching": lambda p: (
            [(i["text"], i["option"]) for i in p["items"]]
            == [("Luật", "o1"), ("Nghị định", "o2"), ("Nghị quyết", "o1")]
            and [o["text"] for o in p["options"]] == ["Quốc hội", "Chính phủ", "Bộ trưởng"]
        ),
        "essay": lambda p: (
            (p["format"], p["attachments"], p["max_bytes"], p["file_types"])
            == ("plain", 2, int(2.5 * 1024 * 1024), [".pdf", ".docx"])
            and p["attachments_required"]
            and (p["min_words"], p["max_words"]) == (100, 500)
        ),
        "case": lambda p: p["case_page"] == case_page and p["format"] == "plain",
        "description": lambda p: p == {},
    }[qtype]


@pytest.mark.parametrize("qtype", list(TYPE_DATA))
def test_add_a_question_of_each_type(client_a, lecturer_a, bank_a, qtype, library_index):
    case_pk = make_case_study().pk if qtype == "case" else None
    page = client_a.get(url("add", qtype) + f"?category={bank_a.pk}")
    assert page.status_code == 200
    assert soup(page).find("form", id="bank-question-form")["data-qtype"] == qtype
    data = {**common(bank_a), **TYPE_DATA[qtype]}
    if qtype == "case":
        data["payload-case_page"] = case_pk
    response = client_a.post(url("add", qtype), data)
    assert response.status_code == 302, (
        response.context and response.context["question_form"].errors
    )
    question = Question.objects.get()
    version = question.current_version
    assert (question.qtype, version.number, question.category) == (qtype, 1, bank_a)
    assert question.name == "Thủ đô của Việt Nam là gì?"
    assert (question.difficulty, question.status, question.created_by) == (
        "hard",
        "draft",
        lecturer_a,
    )
    assert sorted(question.tags.names()) == ["thủ đô", "địa lý"]
    assert version.text == "<p>Thủ đô của Việt Nam là gì?</p>"
    assert version.default_mark == (Decimal("0") if qtype == "description" else Decimal("2.5"))
    assert expected_payload(qtype, case_pk)(version.payload), version.payload


def test_the_type_chooser_lists_every_type(client_a, bank_a):
    response = client_a.get(url("choose_type"), {"category": bank_a.pk})
    links = soup(response).select("#bank-types a[data-qtype]")
    assert [link["data-qtype"] for link in links] == list(TYPE_DATA)
    assert all(link["href"].endswith(f"?category={bank_a.pk}") for link in links)
    assert client_a.get(url("add", "nope")).status_code == 404


def test_the_question_text_goes_through_the_rich_text_editor(client_a, bank_a):
    data = {
        **common(bank_a, text=rich_text("<p>Thủ đô <b>của</b> Việt Nam?</p>", features=None)),
        **TYPE_DATA["single"],
    }
    assert client_a.post(url("add", "single"), data).status_code == 302
    assert Question.objects.get().current_version.text == "<p>Thủ đô <b>của</b> Việt Nam?</p>"


@pytest.mark.parametrize(
    "qtype,changes",
    [
        ("single", {"options-0-fraction": "0.5"}),
        ("multiple", {"options-3-fraction": "0.3333333"}),
        ("shortanswer", {"answers-0-fraction": "0.5"}),
        ("numerical", {"answers-0-value": "sáu mươi"}),
        ("matching", {"pairs-1-answer": ""}),
        ("case", {}),
        ("truefalse", {"payload-correct": ""}),
        ("essay", {"payload-attachments": "9"}),
        ("single", {"text": "<p> </p>"}),
        ("single", {"category": "other"}),
    ],
)
def test_an_invalid_question_shows_errors_and_saves_nothing(
    client_a, bank_a, bank_b, qtype, changes
):
    changes = {key: bank_b.pk if value == "other" else value for key, value in changes.items()}
    data = {**common(bank_a), **TYPE_DATA[qtype], **changes}
    response = client_a.post(url("add", qtype), data)
    assert response.status_code == 200
    assert (
        response.context["question_form"].errors or not response.context["payload_form"].is_valid()
    )
    assert not Question.objects.exists()


def test_a_payload_refused_by_its_type_shows_as_a_form_error(client_a, bank_a):
    data = {**common(bank_a), **TYPE_DATA["single"], "options-0-fraction": "0.5"}
    response = client_a.post(url("add", "single"), data)
    assert soup(response).find(id="bank-form-errors")
    assert not Question.objects.exists()


def test_more_rows_adds_blank_rows_and_saves_nothing(client_a, bank_a):
    data = {**common(bank_a), **TYPE_DATA["single"], "_more_rows": "1"}
    response = client_a.post(url("add", "single"), data)
    assert response.status_code == 200
    assert len(soup(response).select("#bank-rows-options tbody tr")) == 6
    assert not soup(response).find(id="bank-form-errors")
    assert not Question.objects.exists()


def test_no_question_in_someone_elses_category(client, lecturer_a, bank_b, unit_a):
    bank_b.shared_with.add(unit_a)
    client.force_login(lecturer_a)
    response = client.post(url("add", "truefalse"), {**common(bank_b), **TYPE_DATA["truefalse"]})
    assert response.status_code == 200
    assert not Question.objects.exists()


def edit_form_data(response):
    """What a browser would post from the question form as rendered."""
    html = response.content.decode()
    data = querydict_from_html(html, form_id="bank-question-form")
    # A ticked box without a value attribute posts "on"; browsers drop a textarea's first newline.
    form = BeautifulSoup(html, "html.parser").find("form", id="bank-question-form")
    for box in form.find_all("input", type="checkbox", checked=True):
        if not box.has_attr("value"):
            data[box["name"]] = "on"
    for textarea in form.find_all("textarea"):
        data[textarea["name"]] = textarea.get_text().removeprefix("\n")
    return data


def test_the_edit_form_is_prefilled_from_the_current_version(client_a, bank_a):
    question = make_question(category=bank_a, tags=["luật"], default_mark=Decimal("2"))
    response = client_a.get(url("edit", question.pk))
    assert response.status_code == 200
    data = edit_form_data(response)
    assert data["options-0-text"] == "Hà Nội"
    assert data["options-0-fraction"] == "1"
    assert data["options-1-feedback"] == "Huế là cố đô."
    assert data["default_mark"] == "2,00"
    assert data["tags"] == "luật"
    assert "Câu hỏi loại single?" in json.dumps(json.loads(data["text"]), ensure_ascii=False)


@pytest.mark.parametrize("qtype", [q for q in TYPE_DATA if q != "case"])
def test_saving_an_unchanged_form_adds_no_version(client_a, bank_a, qtype):
    question = make_question(category=bank_a, qtype=qtype)
    data = edit_form_data(client_a.get(url("edit", question.pk)))
    response = client_a.post(url("edit", question.pk), data)
    assert response.status_code == 302, response.context["question_form"].errors
    question.refresh_from_db()
    assert question.versions.count() == 1


def test_an_edit_makes_a_new_version_and_attempts_keep_theirs(client_a, lecturer_a, bank_a):
    question = make_question(category=bank_a)
    quiz = make_quiz(questions=[question])
    student = enrolled_learner(quiz)
    attempt = attempt_services.attempt_start(user=student, quiz=quiz)
    data = edit_form_data(client_a.get(url("edit", question.pk)))
    data["options-1-text"] = "Thành phố Huế"
    data["name"] = "Thủ đô"
    response = client_a.post(url("edit", question.pk), data)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.current_version.number == 2 and question.name == "Thủ đô"
    assert question.current_version.created_by == lecturer_a
    assert question.current_version.payload["options"][1]["text"] == "Thành phố Huế"
    assert attempt.responses.get().question_version.number == 1
    page = client_a.get(url("edit", question.pk))
    versions = [int(row["data-version"]) for row in soup(page).select("#bank-versions tbody tr")]
    assert versions == [2, 1]


def test_an_edit_may_move_the_question(client_a, bank_a, unit_a):
    other = make_category(name="Khác", unit=unit_a)
    question = make_question(category=bank_a)
    data = edit_form_data(client_a.get(url("edit", question.pk)))
    data["category"] = str(other.pk)
    assert client_a.post(url("edit", question.pk), data).status_code == 302
    question.refresh_from_db()
    assert question.category == other and question.versions.count() == 1


def test_a_refused_edit_changes_nothing(client_a, bank_a):
    question = make_question(category=bank_a)
    data = edit_form_data(client_a.get(url("edit", question.pk)))
    data["options-0-fraction"] = "0"
    data["name"] = "Tên mới"
    response = client_a.post(url("edit", question.pk), data)
    assert response.status_code == 200 and soup(response).find(id="bank-form-errors")
    question.refresh_from_db()
    assert question.versions.count() == 1 and question.name != "Tên mới"


def test_a_shared_question_opens_read_only(client, lecturer_a, lecturer_b, bank_b, unit_a):
    bank_b.shared_with.add(unit_a)
    question = make_question(category=bank_b)
    client.force_login(lecturer_b)
    data = edit_form_data(client.get(url("edit", question.pk)))
    client.force_login(lecturer_a)
    response = client.get(url("edit", question.pk))
    assert response.status_code == 200
    page = soup(response)
    assert page.find(id="bank-read-only")
    form = page.find("form", id="bank-question-form")
    fields = form.find_all(["input", "select", "textarea"])
    assert all(field.has_attr("disabled") for field in fields if field.get("type") != "hidden")
    assert not form.find("button", type="submit", attrs={"name": False})
    data["name"] = "Đổi"
    response = client.post(url("edit", question.pk), data)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.name != "Đổi" and question.versions.count() == 1


# Preview -----------------------------------------------------------------------------------


def test_the_preview_shows_the_question_without_the_answers(client_a, bank_a):
    question = make_question(category=bank_a, text="<p>Thủ đô?</p>")
    response = client_a.get(url("preview", question.pk))
    assert response.status_code == 200
    page = soup(response)
    form = page.find("form", id="preview-question")
    assert form.find(id="preview-text").decode_contents() == "<p>Thủ đô?</p>"
    assert [box["value"] for box in form.select("input[name=choice]")] == ["a", "b", "c"]
    assert not page.find(id="right-answer")
    assert "Đúng rồi." not in response.content.decode()
    assert page.find(id="show-right-answer")


def test_the_preview_shows_the_right_answer_when_asked(client_a, bank_a):
    question = make_question(category=bank_a, general_feedback="<p>Xem bản đồ.</p>")
    response = client_a.get(url("preview", question.pk), {"dap-an": "1"})
    box = soup(response).find(id="right-answer")
    assert "Hà Nội" in box.get_text() and "Xem bản đồ." in box.get_text()


@pytest.mark.parametrize(
    "qtype,answer,state",
    [
        ("single", {"choice": "a"}, "right"),
        ("single", {"choice": "b"}, "wrong"),
        ("single", {}, "unanswered"),
        ("multiple", {"choices": ["a"]}, "partial"),
        ("multiple", {"choices": ["a", "b"]}, "right"),
        ("truefalse", {"value": "true"}, "right"),
        ("truefalse", {"value": "false"}, "wrong"),
        ("shortanswer", {"text": " quản lý  NHÀ nước"}, "right"),
        ("numerical", {"number": "63,0"}, "right"),
        ("numerical", {"number": "64"}, "wrong"),
        ("matching", {"pair-i1": "o1", "pair-i2": "o2"}, "right"),
        ("matching", {"pair-i1": "o1", "pair-i2": "o3"}, "partial"),
        ("essay", {"text": "Bài làm"}, "manual"),
    ],
)
def test_try_it_grades_the_answer_with_the_type(client_a, bank_a, qtype, answer, state):
    question = make_question(category=bank_a, qtype=qtype)
    response = client_a.post(url("preview", question.pk), answer)
    assert response.status_code == 200
    assert soup(response).find(id="preview-result")["data-state"] == state
    assert not soup(response).find(id="right-answer")


def test_try_it_keeps_the_answer_and_shows_its_feedback(client_a, bank_a):
    question = make_question(category=bank_a)
    response = client_a.post(url("preview", question.pk), {"choice": "b"})
    page = soup(response)
    assert "Huế là cố đô." in page.find(id="preview-result").get_text()
    assert page.find("input", attrs={"name": "choice", "value": "b"}).has_attr("checked")


def test_try_it_refuses_a_bad_answer(client_a, bank_a):
    question = make_question(category=bank_a, qtype="numerical")
    response = client_a.post(url("preview", question.pk), {"number": "sáu ba"})
    assert soup(response).find(id="preview-error")
    question = make_question(category=bank_a)
    response = client_a.post(url("preview", question.pk), {"choice": "zzz"})
    assert soup(response).find(id="preview-error")


def test_the_preview_of_an_older_version(client_a, lecturer_a, bank_a):
    from quizzes.bank.services import question_update

    question = make_question(category=bank_a, text="<p>Cũ</p>")
    question_update(
        question=question, user=lecturer_a, text="<p>Mới</p>", payload=PAYLOADS["single"]
    )
    old = client_a.get(url("preview", question.pk), {"version": 1})
    assert soup(old).find(id="preview-text").get_text() == "Cũ"
    assert client_a.get(url("preview", question.pk), {"version": 9}).status_code == 404


def test_a_shared_question_may_be_previewed(client, lecturer_a, bank_b, unit_a):
    bank_b.shared_with.add(unit_a)
    question = make_question(category=bank_b)
    client.force_login(lecturer_a)
    assert client.get(url("preview", question.pk)).status_code == 200
    assert client.post(url("preview", question.pk), {"choice": "a"}).status_code == 200


def test_the_preview_of_a_case_analysis_links_the_case(client_a, bank_a, home_page):
    question = make_question(
        category=bank_a, qtype="case", payload={"case_page": home_page.pk, "attachments": 1}
    )
    response = client_a.get(url("preview", question.pk))
    assert soup(response).find("a", href=home_page.url)


# Choosers ----------------------------------------------------------------------------------


def chooser_html(response):
    assert response.status_code == 200
    return BeautifulSoup(response.json()["html"], "html.parser")


def test_the_question_chooser_lists_visible_questions_and_searches_folded(client_a, filter_bank):
    page = chooser_html(client_a.get(reverse("question_chooser:choose")))
    links = page.select("a[data-chooser-modal-choice]")
    chosen = {filter_bank[name].pk for name in ("first", "second")}
    assert {int(link["href"].rstrip("/").split("/")[-1]) for link in links} == chosen
    results = client_a.get(reverse("question_chooser:choose_results"), {"q": "quan ly"})
    found = BeautifulSoup(results.content, "html.parser").select("a[data-chooser-modal-choice]")
    assert [link.get_text(strip=True).split(" —")[0] for link in found] == [
        "Quản lý nhà nước là gì?"
    ]
    results = client_a.get(reverse("question_chooser:choose_results"), {"qtype": "truefalse"})
    found = BeautifulSoup(results.content, "html.parser").select("a[data-chooser-modal-choice]")
    assert len(found) == 1


def test_the_question_chooser_will_not_choose_a_hidden_question(client_a, filter_bank):
    hidden = filter_bank["hidden"]
    assert client_a.get(reverse("question_chooser:chosen", args=[hidden.pk])).status_code == 404
    first = filter_bank["first"]
    response = client_a.get(reverse("question_chooser:chosen", args=[first.pk]))
    result = response.json()["result"]
    assert result["id"] == str(first.pk)
    assert result["edit_url"] == url("edit", first.pk)


def test_the_category_chooser_lists_visible_categories(client_a, filter_bank, bank_a, bank_b):
    page = chooser_html(client_a.get(reverse("question_category_chooser:choose")))
    labels = [link.get_text(strip=True) for link in page.select("a[data-chooser-modal-choice]")]
    assert labels == ["Quản lý nhà nước", "Quản lý nhà nước › Hiến pháp"]
    results = client_a.get(reverse("question_category_chooser:choose_results"), {"q": "hien"})
    found = BeautifulSoup(results.content, "html.parser").select("a[data-chooser-modal-choice]")
    assert [link.get_text(strip=True) for link in found] == ["Quản lý nhà nước › Hiến pháp"]
    chosen = reverse("question_category_chooser:chosen", args=[bank_b.pk])
    assert client_a.get(chosen).status_code == 404


# The QuizPage editor -----------------------------------------------------------------------


def test_a_quiz_is_built_with_the_question_chooser(client, lecturer_a, bank_a):
    course = make_course(lecturers=[lecturer_a])
    question = make_question(category=bank_a, qtype="truefalse")
    client.force_login(lecturer_a)
    add_url = f"/admin/pages/add/quizzes/quizpage/{course.pk}/"
    response = client.get(add_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("question_chooser:choose") in html
    assert reverse("question_category_chooser:choose") in html
    data = querydict_from_html(html, form_id="page-edit-form")
    data.update(
        {
            "title": "Kiểm tra giữa kỳ",
            "slug": "kiem-tra-giua-ky",
            "slots-TOTAL_FORMS": "1",
            "slots-0-kind": "fixed",
            "slots-0-question": str(question.pk),
            "slots-0-category": "",
            "slots-0-include_subcategories": "on",
            "slots-0-count": "1",
            "slots-0-mark": "2.5",
            "slots-0-difficulty": "",
            "slots-0-ORDER": "1",
            "slots-0-DELETE": "",
            "slots-0-id": "",
        }
    )
    response = client.post(add_url, data)
    assert response.status_code == 302, (
        response.context["form"].errors,
        response.context["form"].formsets["slots"].errors,
    )
    quiz = QuizPage.objects.get(slug="kiem-tra-giua-ky")
    slot = quiz.slots.get()
    assert (slot.kind, slot.question_id, slot.mark) == ("fixed", question.pk, Decimal("2.5"))


def test_quiz_total_marks_counts_random_draws_and_skips_descriptions(bank_a):
    questions = [
        make_question(category=bank_a),
        make_question(category=bank_a, qtype="description"),
    ]
    quiz = make_quiz(questions=questions, mark=Decimal("2"), random_slots=[(bank_a, 3)])
    assert quiz_total_marks(slots=quiz.slots.all()) == Decimal("8")
    assert quiz_total_marks(slots=[]) == 0


def test_the_total_marks_panel_shows_the_total(rf, bank_a):
    quiz = make_quiz(questions=[make_question(category=bank_a)], mark=Decimal("2.5"))
    request = rf.get("/")
    request.user = UserFactory(is_superuser=True)
    panel = QuizTotalMarksPanel().bind_to_model(QuizPage)
    html = panel.get_bound_panel(instance=quiz, request=request, form=None).render_html()
    assert BeautifulSoup(html, "html.parser").find(id="quiz-total-marks")["data-total"] == "2.50"
    assert "2,50" in html


def test_register_hooks_expose_the_bank(rf, lecturer_a):
    request = rf.get("/")
    request.user = lecturer_a
    assert bank_admin.menu_item().is_shown(request)
    request.user = learner()
    assert not bank_admin.menu_item().is_shown(request)


def test_the_quiz_page_form_limits_slots_to_what_the_editor_sees(lecturer_a, bank_a, bank_b):
    from wagtail.admin.panels import ObjectList
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    from quizzes.bank.panels import QuizPageForm

    panels = ObjectList(QuizPage.content_panels, base_form_class=QuizPageForm)
    form_class = panels.bind_to_model(QuizPage).get_form_class()
    mine, hidden = make_question(category=bank_a), make_question(category=bank_b)
    course = make_course()

    def form_for(question=None, category=None, quiz=None):
        slot = {"kind": "fixed", "mark": "1", "count": "1", "difficulty": ""}
        slot["question"] = question.pk if question else ""
        slot["category"] = category.pk if category else ""
        if quiz is not None:
            slot["id"] = quiz.slots.get().pk
        slots = inline_formset([slot], initial=0 if quiz is None else 1)
        data = nested_form_data(
            {"title": "Kiểm tra", "introduction": rich_text(""), "slots": slots}
        )
        instance = quiz or QuizPage()
        return form_class(data, instance=instance, parent_page=course, for_user=lecturer_a)

    form = form_for(hidden)
    assert not form.is_valid() and "question" in form.formsets["slots"].errors[0]
    form = form_for(mine, category=bank_b)
    assert not form.is_valid() and "category" in form.formsets["slots"].errors[0]
    form = form_for(mine, category=bank_a)
    assert form.is_valid(), (form.errors, form.formsets["slots"].errors)
    # A colleague's quiz keeps the question it already holds.
    quiz = make_quiz(course=course, questions=[hidden])
    assert form_for(hidden, quiz=quiz).is_valid()
