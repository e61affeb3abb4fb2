"""manage.py import_questions and export_questions."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from quizzes.models import Question, QuestionCategory
from tests.factories import TrainingUnitFactory

pytestmark = pytest.mark.django_db

GIFT = """\
$CATEGORY: $course$/top/Chương 1

::Thủ đô::Thủ đô của Việt Nam là {=Hà Nội ~Huế ~Đà Nẵng}

::Tỉnh::Việt Nam có bao nhiêu tỉnh, thành phố sau năm 2025? {#34}

::Hỏng::Câu này thiếu dấu đóng {=Một ~Hai
"""


@pytest.fixture
def unit():
    return TrainingUnitFactory(code="hcqg")


@pytest.fixture
def gift_file(tmp_path):
    path = tmp_path / "ngan-hang.gift"
    path.write_text(GIFT, encoding="utf-8")
    return path


def run_import(path, *args):
    stdout = io.StringIO()
    call_command("import_questions", str(path), *args, stdout=stdout, stderr=io.StringIO())
    return stdout.getvalue()


def test_import_prints_a_json_report_and_creates_the_valid_questions(gift_file, unit):
    printed = run_import(
        gift_file, "--format", "gift", "--category", "Ngân hàng/Đợt 1", "--unit", "hcqg", "--json"
    )
    report = json.loads(printed)
    assert report["created"] == 2
    assert report["by_type"] == {"single": 1, "numerical": 1}
    assert report["categories"] == ["Đợt 1/Chương 1"]
    assert [error["line"] for error in report["errors"]] == [7]
    assert report["errors"][0]["question"] == "Hỏng"
    assert report["unsupported"] == []
    chapter = QuestionCategory.objects.get(name="Chương 1")
    assert [c.name for c in chapter.get_ancestors()] == ["Ngân hàng", "Đợt 1"]
    assert chapter.get_root().unit == unit
    assert set(Question.objects.values_list("category", flat=True)) == {chapter.pk}


def test_all_or_nothing_exits_non_zero_and_imports_nothing(gift_file, unit):
    with pytest.raises(SystemExit) as exit_:
        run_import(
            gift_file,
            "--format",
            "gift",
            "--category",
            "Ngân hàng",
            "--unit",
            "hcqg",
            "--all-or-nothing",
        )
    assert exit_.value.code == 1
    assert Question.objects.count() == 0


def test_dry_run_writes_no_question(gift_file, unit):
    printed = run_import(
        gift_file, "--format", "gift", "--category", "Ngân hàng", "--unit", "hcqg", "--dry-run"
    )
    assert "2" in printed
    assert Question.objects.count() == 0


def test_a_new_root_needs_a_unit(gift_file):
    with pytest.raises(CommandError):
        run_import(gift_file, "--format", "gift", "--category", "Không có")
    with pytest.raises(CommandError):
        run_import(gift_file, "--format", "gift", "--category", "X", "--unit", "khong-co")


def test_an_unreadable_file_is_a_command_error(tmp_path, unit):
    path = tmp_path / "latin.txt"
    path.write_bytes("Ça coûte très cher".encode("latin-1"))
    with pytest.raises(CommandError):
        run_import(path, "--format", "gift", "--category", "Ngân hàng", "--unit", "hcqg")


@pytest.mark.parametrize("file_format", ["gift", "moodlexml", "xlsx"])
def test_export_then_import_gives_the_same_questions(gift_file, unit, tmp_path, file_format):
    run_import(gift_file, "--format", "gift", "--category", "Nguồn", "--unit", "hcqg")
    output = tmp_path / f"xuat.{file_format}"
    call_command(
        "export_questions",
        "--category",
        "Nguồn",
        "--format",
        file_format,
        "--output",
        str(output),
        "--recursive",
        stdout=io.StringIO(),
    )
    run_import(output, "--format", file_format, "--category", "Đích", "--unit", "hcqg")
    source = QuestionCategory.objects.get(name="Nguồn", depth=1)
    copied = QuestionCategory.objects.get(name="Đích")

    def content(root):
        return sorted(
            (
                q.name,
                q.qtype,
                q.current_version.payload["options" if q.qtype == "single" else "answers"][0][
                    "fraction"
                ],
            )
            for q in Question.objects.filter(category__path__startswith=root.path)
        )

    assert content(copied) == content(source)
    # The copy keeps the exported tree under the target: Đích/Nguồn/Chương 1.
    assert QuestionCategory.objects.filter(name="Chương 1").count() == 2


def test_export_of_a_missing_category_is_a_command_error(tmp_path):
    with pytest.raises(CommandError):
        call_command(
            "export_questions",
            "--category",
            "Không có",
            "--format",
            "gift",
            "--output",
            str(tmp_path / "x.txt"),
        )
