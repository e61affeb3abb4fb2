"""Importing parsed questions into the bank and exporting them again."""

import base64
import copy
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from quizzes.bank.selectors import questions_search
from quizzes.interchange.records import (
    EmbeddedFile,
    ImportProblem,
    ParsedQuestion,
    ParseResult,
    UnsupportedQuestion,
)
from quizzes.interchange.services import (
    exported_questions,
    question_imports_cleanup,
    questions_export,
    questions_import,
)
from quizzes.models import Question, QuestionCategory, QuestionImport
from quizzes.qtypes import question_type
from tests.factories import ProfileFactory, TrainingUnitFactory, learner, lecturer
from tests.quizzes.builders import PAYLOADS, make_category, make_question

pytestmark = pytest.mark.django_db

# A 1x1 transparent PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


def parsed(qtype="single", *, line=1, name=None, **fields):
    return ParsedQuestion(
        qtype=qtype,
        name=name or f"Câu {qtype} dòng {line}",
        text=fields.pop("text", f"<p>Câu hỏi {qtype}?</p>"),
        payload=fields.pop("payload", copy.deepcopy(PAYLOADS[qtype])),
        line=line,
        **fields,
    )


@pytest.fixture
def unit():
    return TrainingUnitFactory()


@pytest.fixture
def category(unit):
    return make_category(name="Ngân hàng nhập", unit=unit)


def test_import_creates_questions_with_their_categories_tags_and_marks(category):
    result = ParseResult(
        questions=[
            parsed("single", line=3, tags=["luật", "cơ bản"], idnumber="Q-1", difficulty="hard"),
            parsed("numerical", line=9, category=("Chương 1", "Mục A"), default_mark=Decimal("2")),
            parsed("matching", line=15, category=("Chương 1",)),
            parsed("description", line=20),
        ],
        categories=[("Chương 1",), ("Chương 1", "Mục A"), ("Chương 2",)],
    )
    report = questions_import(result=result, category=category)

    assert (report.created, report.valid, report.errors) == (4, 4, [])
    assert report.by_type == {"single": 1, "numerical": 1, "matching": 1, "description": 1}
    single = Question.objects.get(qtype="single")
    assert single.category == category
    assert (single.idnumber, single.difficulty) == ("Q-1", "hard")
    assert sorted(single.tags.names()) == ["cơ bản", "luật"]
    assert single.current_version.number == 1
    numerical = Question.objects.get(qtype="numerical")
    assert [c.name for c in numerical.category.get_ancestors()][-2:] == [
        "Ngân hàng nhập",
        "Chương 1",
    ]
    assert numerical.category.name == "Mục A"
    assert numerical.current_version.default_mark == Decimal("2")
    assert Question.objects.get(qtype="description").current_version.default_mark == 0
    # A category the file declares without questions is created too, as Moodle does.
    assert QuestionCategory.objects.filter(name="Chương 2").exists()
    assert report.categories[0] == "Ngân hàng nhập/Chương 1"


def test_imported_questions_are_found_by_the_bank_search(category, unit):
    questions_import(
        result=ParseResult(questions=[parsed(text="<p>Quản lý nhà nước</p>")]), category=category
    )
    user = lecturer()
    ProfileFactory(user=user, unit=unit)
    assert questions_search(user=user, text="quan ly").count() == 1


def test_an_existing_subcategory_is_reused(category):
    make_category(name="Chương 1", parent=category)
    questions_import(
        result=ParseResult(questions=[parsed(category=("Chương 1",))]), category=category
    )
    assert QuestionCategory.objects.filter(name="Chương 1").count() == 1


def broken_result():
    return ParseResult(
        questions=[
            parsed("single", line=1),
            parsed(
                "single",
                line=5,
                name="Thiếu đáp án đúng",
                payload={
                    "options": [
                        {"key": "a", "text": "Một", "fraction": "0"},
                        {"key": "b", "text": "Hai", "fraction": "0"},
                    ]
                },
            ),
            parsed("truefalse", line=9),
        ],
        errors=[ImportProblem(line=12, question="Câu hỏng", message="Thiếu dấu }.")],
        unsupported=[UnsupportedQuestion(line=20, question="Tính toán", source_type="calculated")],
    )


def test_all_or_nothing_imports_nothing_when_one_question_is_refused(category):
    report = questions_import(result=broken_result(), category=category, all_or_nothing=True)
    assert report.created == 0 and Question.objects.count() == 0
    assert report.valid == 2
    assert [(e.line, e.question) for e in report.errors] == [
        (12, "Câu hỏng"),
        (5, "Thiếu đáp án đúng"),
    ]
    with translation.override("vi"):
        assert report.errors[1].message == gettext("One answer option must be worth 100%.")
    assert report.unsupported[0].source_type == "calculated"


def test_import_the_valid_ones_reports_the_others(category):
    report = questions_import(result=broken_result(), category=category, all_or_nothing=False)
    assert report.created == 2
    assert sorted(Question.objects.values_list("qtype", flat=True)) == ["single", "truefalse"]
    assert len(report.errors) == 2 and len(report.unsupported) == 1


def test_dry_run_writes_nothing(category):
    report = questions_import(
        result=broken_result(), category=category, all_or_nothing=False, dry_run=True
    )
    assert (report.valid, report.created) == (2, 0)
    assert Question.objects.count() == 0


def test_an_unsupported_question_alone_blocks_all_or_nothing(category):
    result = ParseResult(
        questions=[parsed()],
        unsupported=[UnsupportedQuestion(line=4, question="Kéo thả", source_type="ddwtos")],
    )
    assert questions_import(result=result, category=category).created == 0
    assert questions_import(result=result, category=category, all_or_nothing=False).created == 1


def multiple(*fractions):
    return parsed(
        "multiple",
        payload={
            "options": [
                {"key": str(i), "text": f"Phương án {i}", "fraction": f}
                for i, f in enumerate(fractions)
            ]
        },
    )


def test_answer_grades_outside_moodles_list_are_refused_as_moodle_does(category):
    report = questions_import(
        result=ParseResult(questions=[multiple("-0.5", "0.33", "0.3333333", "0.3333333")]),
        category=category,
    )
    assert report.created == 0
    with translation.override("vi"):
        assert report.errors[0].message == gettext(
            "Answer grade %(grades)s is not one Moodle allows (e.g. 33.33333%% for a third)."
        ) % {"grades": "33%"}


def test_near_thirds_are_stored_as_moodles_value(category):
    questions_import(
        result=ParseResult(questions=[multiple("0.33333", "0.333333", "0.3333333", "-1")]),
        category=category,
    )
    options = Question.objects.get().current_version.payload["options"]
    assert [o["fraction"] for o in options] == ["0.3333333", "0.3333333", "0.3333333", "-1"]


def test_bad_marks_and_difficulties_are_reported(category):
    result = ParseResult(
        questions=[
            parsed(line=1, default_mark=Decimal("-1")),
            parsed(line=2, difficulty="impossible"),
        ]
    )
    report = questions_import(result=result, category=category, all_or_nothing=False)
    assert [e.line for e in report.errors] == [1, 2]
    assert report.created == 0


def test_a_user_who_cannot_edit_the_category_imports_nothing(category):
    with pytest.raises(PermissionDenied):
        questions_import(
            result=ParseResult(questions=[parsed()]), category=category, user=learner()
        )
    other_unit_lecturer = lecturer()
    ProfileFactory(user=other_unit_lecturer, unit=TrainingUnitFactory())
    with pytest.raises(PermissionDenied):
        questions_import(
            result=ParseResult(questions=[parsed()]), category=category, user=other_unit_lecturer
        )
    assert Question.objects.count() == 0


def test_a_unit_lecturer_imports_as_author(category, unit):
    user = lecturer()
    ProfileFactory(user=user, unit=unit)
    questions_import(result=ParseResult(questions=[parsed()]), category=category, user=user)
    question = Question.objects.get()
    assert question.created_by == user and question.current_version.created_by == user


SCRIPTS = '<p onclick="alert(1)">x</p><script>alert(2)</script><img src="javascript:alert(3)">'


def test_imported_html_is_sanitised_everywhere(category):
    payload = {
        "options": [
            {"key": "a", "text": "Đúng" + SCRIPTS, "fraction": "1", "feedback": SCRIPTS},
            {"key": "b", "text": "Sai", "fraction": "0"},
        ],
        "feedback": {"correct": SCRIPTS},
    }
    questions_import(
        result=ParseResult(
            questions=[
                parsed(text="<p>Câu</p>" + SCRIPTS, payload=payload, general_feedback=SCRIPTS)
            ]
        ),
        category=category,
    )
    version = Question.objects.get().current_version
    stored = str([version.text, version.general_feedback, version.payload])
    for needle in ("<script", "onclick", "javascript:", "alert(2)"):
        assert needle not in stored


def test_embedded_files_become_images_and_documents(category):
    question = parsed(
        text=(
            '<p><img src="@@PLUGINFILE@@/so%20do.png">'
            ' <a href="@@PLUGINFILE@@/luat.pdf">Luật</a></p>'
        ),
        general_feedback='<img src="@@PLUGINFILE@@/so do.png">',
        files=[EmbeddedFile("so do.png", PNG), EmbeddedFile("luat.pdf", b"%PDF-1.4 test")],
    )
    questions_import(result=ParseResult(questions=[question]), category=category)
    image = get_image_model().objects.get(title="so do.png")
    document = get_document_model().objects.get(title="luat.pdf")
    version = Question.objects.get().current_version
    assert image.file.url in version.text and image.file.url in version.general_feedback
    assert document.url in version.text
    assert "@@PLUGINFILE@@" not in version.text


@pytest.mark.parametrize(
    "file",
    [
        EmbeddedFile("../../etc/passwd.png", PNG),
        EmbeddedFile("virus.exe", b"MZ..."),
        EmbeddedFile("big.pdf", b"0" * (10 * 1024 * 1024 + 1)),
    ],
)
def test_embedded_files_are_checked_before_anything_is_stored(category, file):
    result = ParseResult(questions=[parsed(files=[file])])
    report = questions_import(result=result, category=category, all_or_nothing=False)
    assert report.created == 0 and len(report.errors) == 1
    assert get_image_model().objects.count() == 0 and get_document_model().objects.count() == 0


def test_exported_questions_carry_paths_from_the_exported_category(category):
    sub = make_category(name="Chương 1", parent=category)
    deeper = make_category(name="Mục A", parent=sub)
    make_question(category=category, qtype="single", tags=["b", "a"])
    make_question(category=deeper, qtype="essay")
    records = list(exported_questions(category=category, recursive=True))
    assert [(r.qtype, r.category) for r in records] == [
        ("single", ("Ngân hàng nhập",)),
        ("essay", ("Ngân hàng nhập", "Chương 1", "Mục A")),
    ]
    assert records[0].tags == ["a", "b"]
    assert [r.qtype for r in exported_questions(category=category)] == ["single"]
    assert [r.category for r in exported_questions(category=sub, recursive=True)] == [
        ("Chương 1", "Mục A")
    ]


def test_export_needs_a_category_the_user_sees(category):
    with pytest.raises(PermissionDenied):
        questions_export(category=category, file_format="gift", user=learner())


def test_every_type_payload_survives_the_check(category):
    # The builders' payloads are what the bank accepts; the import check must too.
    result = ParseResult(
        questions=[parsed(qtype) for qtype in PAYLOADS],
    )
    report = questions_import(result=result, category=category)
    assert report.created == len(PAYLOADS)
    for question in Question.objects.select_related("current_version"):
        kind = question_type(question.qtype)
        assert (
            kind.clean_payload(question.current_version.payload) == question.current_version.payload
        )


def test_uploads_never_imported_are_deleted_after_a_week(category, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    owner = lecturer()

    def stored(**fields):
        item = QuestionImport(owner=owner, category=category, file_format="gift", **fields)
        item.file.save("x.txt", ContentFile(b"Q{T}"), save=True)
        return item

    old, recent = stored(filename="cu.txt"), stored(filename="moi.txt")
    done = stored(filename="xong.txt", finished_at=timezone.now())
    week_later = timezone.now() + timezone.timedelta(days=7, minutes=1)
    QuestionImport.objects.filter(pk=recent.pk).update(created_at=week_later)
    old_path = old.file.path

    assert question_imports_cleanup(now=week_later) == 1
    assert set(QuestionImport.objects.values_list("pk", flat=True)) == {recent.pk, done.pk}
    assert not Path(old_path).exists()
