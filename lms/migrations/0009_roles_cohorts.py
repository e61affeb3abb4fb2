from django.db import migrations


def update_roles(apps, schema_editor):
    from lms.roles import roles_sync

    roles_sync(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("lms", "0008_cohorts_certificates")]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
