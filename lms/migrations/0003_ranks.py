"""The civil-service ranks (ngạch công chức) every installation starts with."""

from django.db import migrations

RANKS = [
    ("01.001", "Chuyên viên cao cấp", 1),
    ("01.002", "Chuyên viên chính", 2),
    ("01.003", "Chuyên viên", 3),
    ("01.004", "Cán sự", 4),
    ("01.005", "Nhân viên", 5),
]


def create_ranks(apps, schema_editor):
    Rank = apps.get_model("lms", "Rank")
    for code, name, level in RANKS:
        Rank.objects.get_or_create(code=code, defaults={"name": name, "level": level})


class Migration(migrations.Migration):
    dependencies = [("lms", "0002_site_structure")]

    operations = [migrations.RunPython(create_ranks, migrations.RunPython.noop)]
