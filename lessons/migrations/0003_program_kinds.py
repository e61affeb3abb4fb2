"""The kinds of program in Decree 101/2017 and 89/2021; editable data, not constants."""

from django.db import migrations

KINDS = [
    ("ngach", "Bồi dưỡng theo tiêu chuẩn ngạch công chức", 10),
    ("lanh-dao-quan-ly", "Bồi dưỡng theo tiêu chuẩn chức vụ lãnh đạo, quản lý", 20),
    ("chuc-danh-nghe-nghiep", "Bồi dưỡng theo tiêu chuẩn chức danh nghề nghiệp viên chức", 30),
    ("vi-tri-viec-lam", "Bồi dưỡng theo yêu cầu vị trí việc làm", 40),
    ("cap-nhat-hang-nam", "Bồi dưỡng cập nhật kiến thức, kỹ năng hằng năm", 50),
    ("khac", "Khác", 90),
]


def create_kinds(apps, schema_editor):
    ProgramKind = apps.get_model("lessons", "ProgramKind")
    for code, name, order in KINDS:
        ProgramKind.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("lessons", "0002_programs_courses_lessons")]

    operations = [migrations.RunPython(create_kinds, migrations.RunPython.noop)]
