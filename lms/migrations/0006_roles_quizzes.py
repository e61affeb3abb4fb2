from django.db import migrations


def update_roles(apps, schema_editor):
    from lms.roles import roles_sync

    roles_sync(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0005_roles_lessons"),
        ("quizzes", "0001_initial"),
    ]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
