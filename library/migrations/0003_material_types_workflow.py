"""Material types every installation starts with, and the librarians' review workflow."""

from django.db import migrations

MATERIAL_TYPES = [
    # (code, name, legal)
    ("hien-phap", "Hiến pháp", True),
    ("bo-luat", "Bộ luật", True),
    ("luat", "Luật", True),
    ("nghi-quyet", "Nghị quyết", True),
    ("nghi-dinh", "Nghị định", True),
    ("quyet-dinh", "Quyết định", True),
    ("chi-thi", "Chỉ thị", True),
    ("thong-tu", "Thông tư", True),
    ("ket-luan", "Kết luận", True),
    ("cong-van", "Công văn", True),
    ("giao-trinh", "Giáo trình", False),
    ("tai-lieu-boi-duong", "Tài liệu bồi dưỡng", False),
    ("bai-giang", "Bài giảng", False),
    ("sach", "Sách", False),
    ("bai-bao", "Bài báo", False),
    ("de-tai", "Đề tài nghiên cứu", False),
    ("video", "Video", False),
    ("khac", "Tài liệu khác", False),
]
WORKFLOW = "Thủ thư duyệt"
LIBRARIANS = "Thủ thư"


def create(apps, schema_editor):
    MaterialType = apps.get_model("library", "MaterialType")
    for order, (code, name, legal) in enumerate(MATERIAL_TYPES):
        MaterialType.objects.get_or_create(
            code=code, defaults={"name": name, "is_legal": legal, "sort_order": order}
        )

    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    librarians, _ = Group.objects.get_or_create(name=LIBRARIANS)
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=WORKFLOW).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW, content_type=task_type)
    task.groups.add(librarians)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    library_type = ContentType.objects.filter(app_label="library", model="libraryindexpage")
    for page in Page.objects.filter(content_type__in=library_type):
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0002_library_items_case_studies"),
        ("lms", "0004_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
