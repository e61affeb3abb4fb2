"""The certificate register is append-only in the database too.

``Certificate.save`` and ``delete`` refuse edits in Django, but a queryset's
``update()``, raw SQL or a shell bypass them. A trigger refuses, on every
database, an UPDATE that changes anything but the revocation columns, and one
that changes a revocation already made; on PostgreSQL it also refuses DELETE.
SQLite keeps DELETE open because Django empties test databases there with
DELETE (PostgreSQL uses TRUNCATE, which row triggers do not see); Django's
PROTECT foreign keys and ``Certificate.delete`` still stand in the way.

The columns are listed as they are now: a later migration adding a column to
the certificate recreates the trigger with it.
"""

from django.db import migrations

FIXED_COLUMNS = (
    "id",
    "unit_id",
    "serial_number",
    "serial",
    "register_year",
    "register_number",
    "register_label",
    "learner_id",
    "full_name",
    "date_of_birth",
    "program_id",
    "program_title",
    "cohort_id",
    "cohort_code",
    "starts_on",
    "ends_on",
    "grade",
    "classification",
    "issue_date",
    "place",
    "signer_name",
    "signer_title",
    "verification_code",
    "issued_at",
    "issued_by_id",
    "reissue_of_id",
)
REVOCATION_COLUMNS = ("revoked_at", "revoked_by_id", "revocation_reason")
MESSAGE = "lms_certificate is append-only: revoke and reissue instead"


def _changed(columns, differs):
    return " OR ".join(f"NEW.{column} {differs} OLD.{column}" for column in columns)


POSTGRESQL = f"""
CREATE OR REPLACE FUNCTION lms_certificate_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION '{MESSAGE}';
    END IF;
    IF {_changed(FIXED_COLUMNS, "IS DISTINCT FROM")} THEN
        RAISE EXCEPTION '{MESSAGE}';
    END IF;
    IF OLD.revoked_at IS NOT NULL AND ({_changed(REVOCATION_COLUMNS, "IS DISTINCT FROM")}) THEN
        RAISE EXCEPTION '{MESSAGE}';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql
"""
POSTGRESQL_TRIGGER = """
CREATE TRIGGER lms_certificate_append_only
    BEFORE UPDATE OR DELETE ON lms_certificate
    FOR EACH ROW EXECUTE FUNCTION lms_certificate_append_only()
"""
POSTGRESQL_DROP = (
    "DROP TRIGGER IF EXISTS lms_certificate_append_only ON lms_certificate",
    "DROP FUNCTION IF EXISTS lms_certificate_append_only()",
)
SQLITE = f"""
CREATE TRIGGER lms_certificate_append_only
BEFORE UPDATE ON lms_certificate
WHEN {_changed(FIXED_COLUMNS, "IS NOT")}
    OR (OLD.revoked_at IS NOT NULL AND ({_changed(REVOCATION_COLUMNS, "IS NOT")}))
BEGIN
    SELECT RAISE(ABORT, '{MESSAGE}');
END
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS lms_certificate_append_only;"

# vendor: (statements creating, statements dropping), one statement per execute.
SQL = {
    "postgresql": ((POSTGRESQL, POSTGRESQL_TRIGGER), POSTGRESQL_DROP),
    "sqlite": ((SQLITE,), (SQLITE_DROP,)),
}


def _run(schema_editor, index):
    for statement in SQL.get(schema_editor.connection.vendor, ((), ()))[index]:
        schema_editor.execute(statement, params=None)


def create_trigger(apps, schema_editor):
    _run(schema_editor, 0)


def drop_trigger(apps, schema_editor):
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("lms", "0009_roles_cohorts")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
