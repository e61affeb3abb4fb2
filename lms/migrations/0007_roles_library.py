from django.db import migrations


def update_roles(apps, schema_editor):
    from lms.roles import roles_sync

    roles_sync(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0006_roles_quizzes"),
        ("library", "0002_library_items_case_studies"),
    ]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
