"""The import and export screens of the question bank: upload, preview, import, export.

Messages are compared with ``gettext`` of their English msgid under "vi", so
the tests pass before and after the translations are compiled.
"""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from quizzes.interchange import forms as interchange_forms
from quizzes.models import Question, QuestionCategory, QuestionImport
from quizzes.qtypes import QUESTION_TYPE_CHOICES
from tests.factories import ProfileFactory, TrainingUnitFactory, learner, lecturer
from tests.factories import manager as make_manager
from tests.quizzes.builders import make_category, make_question

pytestmark = pytest.mark.django_db

GOOD = "Thủ đô của Việt Nam là?\nA) Hà Nội\nB) Huế\nANSWER: A\n\n"
GOOD_2 = "Cơ quan ban hành Nghị định?\nA. Quốc hội\nB. Chính phủ\nANSWER: B\n\n"
# Line 14 of AIKEN_MIXED: the ANSWER line names an option the question lacks.
BROKEN = "Câu hỏi hỏng\nA) Một\nB) Hai\nANSWER: D\n\n"
AIKEN_MIXED = GOOD + GOOD_2 + BROKEN
ENCODING_MESSAGE = (
    "The file's character encoding is not recognised. Save it as UTF-8 "
    "(in Notepad: Save As, Encoding: UTF-8) and upload it again."
)


def url(name, *args):
    return reverse(f"quizzes_bank:{name}", args=args)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def vi(msgid):
    with translation.override("vi"):
        return gettext(msgid)


def staff(unit):
    user = lecturer()
    ProfileFactory(user=user, unit=unit)
    return user


def upload(name, content):
    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def aiken_questions(count):
    return "".join(
        f"Câu hỏi số {number}?\nA) Đúng\nB) Sai\nANSWER: A\n\n" for number in range(count)
    )


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(media):
    folder = media / "question-imports"
    return sorted(folder.iterdir()) if folder.exists() else []


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
def bank_a(unit_a):
    return make_category(name="Quản lý nhà nước", unit=unit_a)


@pytest.fixture
def bank_b(unit_b):
    return make_category(name="Kinh tế", unit=unit_b)


@pytest.fixture
def client_a(client, lecturer_a):
    client.force_login(lecturer_a)
    return client


def post_upload(client, category, name="cau-hoi.txt", content=AIKEN_MIXED, **fields):
    data = {"file": upload(name, content), "file_format": "auto", "category": category.pk}
    data["mode"] = "all"
    data.update(fields)
    return client.post(url("import"), data)


def uploaded(client, category, **kwargs):
    response = post_upload(client, category, **kwargs)
    assert response.status_code == 302, response.context and response.context["form"].errors
    question_import = QuestionImport.objects.get()
    assert response["Location"] == url("import_preview", question_import.pk)
    return question_import


def error_lines(response):
    return [int(row["data-line"]) for row in soup(response).select("#import-errors tbody tr")]


def will_import(response):
    return int(soup(response).select_one("#import-outcome")["data-will-import"])


# Upload ------------------------------------------------------------------------------------


def test_the_upload_form_offers_the_categories_the_user_may_edit(client_a, bank_a, bank_b, unit_a):
    bank_b.shared_with.add(unit_a)
    child = make_category(name="Hiến pháp", parent=bank_a)
    response = client_a.get(url("import"), {"category": child.pk})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.fields["category"].queryset) == {bank_a, child}
    assert form["category"].value() == str(child.pk)
    assert form["mode"].value() == "all"
    assert soup(response).select_one("#import-template-link")["href"] == url("import_template")


def test_the_upload_stores_the_file_and_leads_to_the_preview(client_a, lecturer_a, bank_a, media):
    question_import = uploaded(client_a, bank_a, name="Đề thi.txt")
    assert question_import.owner == lecturer_a
    assert question_import.category == bank_a
    assert question_import.file_format == "aiken"
    assert question_import.all_or_nothing
    assert question_import.filename == "Đề thi.txt"
    assert question_import.finished_at is None
    assert question_import.file.name.startswith("question-imports/")
    assert "Đề thi" not in question_import.file.name
    assert stored_files(media)[0].read_bytes() == AIKEN_MIXED.encode()
    assert not Question.objects.exists()


def test_the_chosen_format_wins_over_the_file_name(client_a, bank_a):
    question_import = uploaded(client_a, bank_a, name="de-thi.dat", file_format="aiken")
    assert question_import.file_format == "aiken"


def test_a_file_of_unknown_type_asks_for_the_format(client_a, bank_a, media):
    response = post_upload(client_a, bank_a, name="de-thi.dat")
    assert response.status_code == 200
    assert "file_format" in response.context["form"].errors
    assert not QuestionImport.objects.exists()
    assert stored_files(media) == []


@pytest.mark.parametrize(
    "name,content,file_format,msgid",
    [
        ("cu.txt", b"C\xe2u h\xf4i \x80\x81\x82 ANSWER: A", "aiken", ENCODING_MESSAGE),
        ("bang.xlsx", "Không phải Excel", "xlsx", "This is not an Excel (XLSX) file."),
        ("rong.txt", b"", "aiken", "The file is empty."),
    ],
)
def test_an_unreadable_file_is_refused_with_the_reason_and_nothing_is_stored(
    client_a, bank_a, media, name, content, file_format, msgid
):
    with translation.override("vi"):
        response = post_upload(
            client_a, bank_a, name=name, content=content, file_format=file_format
        )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "file" in errors
    if content:  # Django refuses an empty upload itself, with its own message.
        assert errors["file"] == [vi(msgid)]
    assert not QuestionImport.objects.exists()
    assert stored_files(media) == []


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    client_a, bank_a, media, monkeypatch
):
    monkeypatch.setattr(interchange_forms, "MAX_IMPORT_BYTES", 10)
    response = post_upload(client_a, bank_a)
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not QuestionImport.objects.exists()


def test_a_category_the_user_may_not_edit_is_refused(client_a, bank_b, unit_a, media):
    bank_b.shared_with.add(unit_a)
    response = post_upload(client_a, bank_b)
    assert response.status_code == 200
    assert "category" in response.context["form"].errors
    assert not QuestionImport.objects.exists()
    assert stored_files(media) == []


# Preview and import ------------------------------------------------------------------------


def test_the_preview_shows_counts_errors_with_lines_and_imports_nothing(client_a, bank_a):
    question_import = uploaded(client_a, bank_a)
    response = client_a.get(url("import_preview", question_import.pk))
    assert response.status_code == 200
    page = soup(response)
    assert error_lines(response) == [14]
    assert "Câu hỏi hỏng" in page.select_one("#import-errors").text
    with translation.override("vi"):
        single = str(dict(QUESTION_TYPE_CHOICES)["single"])
    types = {row.th.text.strip(): int(row.td.text) for row in page.select("#import-types tbody tr")}
    assert types == {single: 2}
    assert page.select_one("#import-valid").text == "2"
    assert [li.text for li in page.select("#import-categories li")] == ["Quản lý nhà nước"]
    # All or nothing with an error: no import button, but a way to import the valid ones.
    assert will_import(response) == 0
    assert not page.select("#import-submit")
    assert page.select("#import-mode-switch")
    assert not Question.objects.exists()


def test_all_or_nothing_with_an_error_imports_nothing(client_a, bank_a, media):
    question_import = uploaded(client_a, bank_a)
    response = client_a.post(url("import_preview", question_import.pk), {"action": "import"})
    assert response.status_code == 302
    assert response["Location"] == url("import_preview", question_import.pk)
    assert not Question.objects.exists()
    question_import.refresh_from_db()
    assert question_import.finished_at is None
    assert len(stored_files(media)) == 1


def test_a_clean_file_is_imported_into_the_category(
    client_a, bank_a, media, django_capture_on_commit_callbacks
):
    question_import = uploaded(client_a, bank_a, content=GOOD + GOOD_2)
    response = client_a.get(url("import_preview", question_import.pk))
    assert will_import(response) == 2
    assert not soup(response).select("#import-mode-switch")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(url("import_preview", question_import.pk), {"action": "import"})
    assert response.status_code == 302
    assert response["Location"] == f"{url('index')}?category={bank_a.pk}"
    questions = Question.objects.filter(category=bank_a).order_by("name")
    assert [q.name for q in questions] == ["Cơ quan ban hành Nghị định?", "Thủ đô của Việt Nam là?"]
    assert {q.created_by_id for q in questions} == {question_import.owner_id}
    question_import.refresh_from_db()
    assert question_import.finished_at is not None
    assert question_import.report["created"] == 2
    assert not question_import.file
    assert stored_files(media) == []
    listed = client_a.get(response["Location"])
    assert {q.pk for q in listed.context["questions"]} == {q.pk for q in questions}


def test_switching_to_the_valid_ones_imports_them_and_reports_the_rest(
    client_a, bank_a, django_capture_on_commit_callbacks
):
    question_import = uploaded(client_a, bank_a)
    preview = url("import_preview", question_import.pk)
    response = client_a.post(preview, {"action": "mode", "mode": "valid"})
    assert response.status_code == 302 and response["Location"] == preview
    question_import.refresh_from_db()
    assert not question_import.all_or_nothing
    response = client_a.get(preview)
    assert will_import(response) == 2
    assert soup(response).select("#import-submit")
    assert error_lines(response) == [14]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(preview, {"action": "import"})
    assert response.status_code == 302
    assert Question.objects.filter(category=bank_a).count() == 2
    question_import.refresh_from_db()
    assert question_import.report["created"] == 2
    assert [error["line"] for error in question_import.report["errors"]] == [14]
    # The report stays, with the error lines, after the file is gone.
    response = client_a.get(preview)
    assert response.status_code == 200
    assert int(soup(response).select_one("#import-outcome")["data-created"]) == 2
    assert error_lines(response) == [14]
    assert not soup(response).select("#import-submit")


def test_the_valid_ones_mode_can_be_chosen_on_upload(client_a, bank_a):
    question_import = uploaded(client_a, bank_a, mode="valid")
    assert not question_import.all_or_nothing
    client_a.post(url("import_preview", question_import.pk), {"action": "import"})
    assert Question.objects.filter(category=bank_a).count() == 2


def test_importing_twice_imports_once(client_a, bank_a):
    question_import = uploaded(client_a, bank_a, content=GOOD)
    preview = url("import_preview", question_import.pk)
    client_a.post(preview, {"action": "import"})
    response = client_a.post(preview, {"action": "import"})
    assert response.status_code == 302 and response["Location"] == preview
    response = client_a.post(preview, {"action": "mode", "mode": "valid"})
    assert Question.objects.count() == 1
    question_import.refresh_from_db()
    assert question_import.all_or_nothing


def test_a_file_without_any_valid_question_offers_no_import(client_a, bank_a):
    question_import = uploaded(client_a, bank_a, content=BROKEN, mode="valid")
    response = client_a.get(url("import_preview", question_import.pk))
    assert will_import(response) == 0
    assert not soup(response).select("#import-submit")
    assert not soup(response).select("#import-mode-switch")


def test_another_users_import_is_not_found(client, client_a, bank_a, unit_a):
    question_import = uploaded(client_a, bank_a)
    colleague = staff(unit_a)  # may edit the same category, but did not upload the file
    client.force_login(colleague)
    preview = url("import_preview", question_import.pk)
    assert client.get(preview).status_code == 404
    assert client.post(preview, {"action": "import"}).status_code == 404
    assert client.post(preview, {"action": "mode", "mode": "valid"}).status_code == 404
    assert not Question.objects.exists()
    question_import.refresh_from_db()
    assert question_import.all_or_nothing and question_import.finished_at is None


def test_an_owner_who_lost_the_right_to_edit_cannot_import(client_a, lecturer_a, bank_a, unit_b):
    question_import = uploaded(client_a, bank_a, content=GOOD)
    lecturer_a.profile.unit = unit_b
    lecturer_a.profile.save()
    response = client_a.post(url("import_preview", question_import.pk), {"action": "import"})
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    "name,args",
    [("import", ()), ("import_preview", (1,)), ("import_template", ()), ("export", ())],
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


def test_a_learner_cannot_post_an_upload(client, bank_a):
    client.force_login(learner())
    response = post_upload(client, bank_a)
    assert response.status_code == 302
    assert not QuestionImport.objects.exists()


def test_the_preview_costs_the_same_queries_for_10_or_100_questions(client_a, bank_a):
    counts = []
    for size in (10, 100):
        QuestionImport.objects.all().delete()
        question_import = uploaded(client_a, bank_a, content=aiken_questions(size))
        with CaptureQueriesContext(connection) as queries:
            response = client_a.get(url("import_preview", question_import.pk))
        assert will_import(response) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_gift_file_with_categories_is_previewed_and_imported(client_a, bank_a):
    content = (
        "$CATEGORY: $course$/top/Chương 1\n\n"
        "::Thủ đô::Thủ đô của Việt Nam là {=Hà Nội ~Huế ~Đà Nẵng}\n\n"
        "::Đúng sai::Hà Nội là thủ đô {T}\n\n"
        "::Hỏng::Câu này hỏng {=Một ~Hai\n"
    )
    question_import = uploaded(client_a, bank_a, name="de.gift", content=content, mode="valid")
    assert question_import.file_format == "gift"
    response = client_a.get(url("import_preview", question_import.pk))
    assert will_import(response) == 2
    assert error_lines(response)
    client_a.post(url("import_preview", question_import.pk), {"action": "import"})
    chapter = QuestionCategory.objects.get(name="Chương 1")
    assert chapter.get_parent() == bank_a
    assert set(chapter.questions.values_list("name", flat=True)) == {"Thủ đô", "Đúng sai"}


def test_the_preview_queries_do_not_grow_with_gift_questions(client_a, bank_a):
    counts = []
    for size in (10, 100):
        QuestionImport.objects.all().delete()
        content = "".join(f"::Câu {n}::Câu hỏi {n} {{=Đúng ~Sai}}\n\n" for n in range(size))
        question_import = uploaded(client_a, bank_a, name="de.gift", content=content)
        with CaptureQueriesContext(connection) as queries:
            response = client_a.get(url("import_preview", question_import.pk))
        assert will_import(response) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


# Template ----------------------------------------------------------------------------------


def test_the_template_is_an_excel_file_with_a_vietnamese_name(client_a):
    from openpyxl import load_workbook

    response = client_a.get(url("import_template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'filename="mau-nhap-cau-hoi.xlsx"' in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment")
    assert load_workbook(io.BytesIO(response.content)).sheetnames


# Export ------------------------------------------------------------------------------------


def test_the_export_form_is_prefilled_with_the_category(client_a, bank_a):
    response = client_a.get(url("export"), {"category": bank_a.pk})
    assert response.status_code == 200
    assert response.context["form"]["category"].value() == bank_a.pk


@pytest.mark.parametrize("file_format", ["gift", "moodlexml", "xlsx"])
def test_export_downloads_a_file_in_each_format(client_a, bank_a, file_format):
    child = make_category(name="Chương 1", parent=bank_a)
    make_question(category=bank_a, name="Câu gốc")
    make_question(category=child, name="Câu chương 1", qtype="truefalse")
    response = client_a.post(
        url("export"), {"category": bank_a.pk, "recursive": "on", "file_format": file_format}
    )
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment")
    extension = {"gift": "txt", "moodlexml": "xml", "xlsx": "xlsx"}[file_format]
    assert f'filename="quan-ly-nha-nuoc.{extension}"' in disposition
    assert response.content
    if file_format != "xlsx":
        text = response.content.decode()
        assert "Câu gốc" in text and "Câu chương 1" in text


def test_export_with_a_stub_writer_passes_the_subcategories_choice(client_a, bank_a, monkeypatch):
    from quizzes.interchange import services

    seen = []

    class Writer:
        @staticmethod
        def write(questions):
            seen.append([question.name for question in questions])
            return "nội dung"

    monkeypatch.setattr(services, "format_module", lambda file_format: Writer)
    child = make_category(name="Chương 1", parent=bank_a)
    make_question(category=bank_a, name="Câu gốc")
    make_question(category=child, name="Câu con")
    response = client_a.post(url("export"), {"category": bank_a.pk, "file_format": "gift"})
    assert response.status_code == 200
    assert response.content == "nội dung".encode()
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    response = client_a.post(
        url("export"), {"category": bank_a.pk, "recursive": "on", "file_format": "gift"}
    )
    assert seen == [["Câu gốc"], ["Câu gốc", "Câu con"]]


def test_an_empty_category_is_not_exported(client_a, bank_a):
    response = client_a.post(url("export"), {"category": bank_a.pk, "file_format": "gift"})
    assert response.status_code == 200
    assert "category" in response.context["form"].errors


def test_a_shared_category_can_be_exported(client, bank_b, unit_a, monkeypatch):
    from quizzes.interchange import services

    class Writer:
        write = staticmethod(lambda questions: "x" * len(list(questions)))

    monkeypatch.setattr(services, "format_module", lambda file_format: Writer)
    bank_b.shared_with.add(unit_a)
    make_question(category=bank_b)
    client.force_login(staff(unit_a))
    response = client.post(url("export"), {"category": bank_b.pk, "file_format": "gift"})
    assert response.status_code == 200
    assert response.content == b"x"


def test_a_category_the_user_cannot_see_is_not_found(client_a, bank_b):
    make_question(category=bank_b)
    assert client_a.get(url("export"), {"category": bank_b.pk}).status_code == 404
    response = client_a.post(url("export"), {"category": bank_b.pk, "file_format": "gift"})
    assert response.status_code == 404


# Buttons -----------------------------------------------------------------------------------


def test_the_bank_header_and_category_list_link_to_import_and_export(client_a, bank_a):
    response = client_a.get(url("index"), {"category": bank_a.pk})
    html = response.content.decode()
    assert f"{url('import')}?category={bank_a.pk}" in html
    assert f"{url('export')}?category={bank_a.pk}" in html
    page = soup(client_a.get(url("categories")))
    assert page.select_one(f'[data-import="{bank_a.pk}"]')
    assert page.select_one(f'[data-export="{bank_a.pk}"]')


def test_a_user_who_may_not_add_questions_sees_no_import_button(client, bank_a, unit_a):
    from django.contrib.auth.models import Permission

    reader = staff(unit_a)
    reader.groups.clear()
    reader.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_question"),
    )
    client.force_login(reader)
    response = client.get(url("index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert url("import") not in html
    assert url("export") in html
    assert client.get(url("import")).status_code == 302
