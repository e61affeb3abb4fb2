import json
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lms.models import TrainingUnit
from quizzes.interchange.selectors import path_names
from quizzes.interchange.services import (
    FORMAT_MODULES,
    category_path_create,
    import_file_read,
    questions_import,
)


class Command(BaseCommand):
    help = (
        "Import questions from a GIFT, Aiken, Moodle XML or Excel file into a category "
        "of the question bank (created as needed)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--format", required=True, choices=sorted(FORMAT_MODULES))
        parser.add_argument("--category", required=True, help='Category path, e.g. "Bank/Part 1".')
        parser.add_argument("--unit", help="Code of the training unit that owns a new category.")
        parser.add_argument(
            "--all-or-nothing",
            action="store_true",
            help="Import nothing when any question is refused (default: import the valid ones).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args, **options):
        unit = self._unit(options["unit"])
        try:
            data = Path(options["file"]).read_bytes()
            result = import_file_read(data=data, file_format=options["format"])
            category = category_path_create(path=path_names(options["category"]), unit=unit)
        except OSError as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        report = questions_import(
            result=result,
            category=category,
            all_or_nothing=options["all_or_nothing"],
            dry_run=options["dry_run"],
        )
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))
        else:
            self._summary(report, dry_run=options["dry_run"])
        imported = report.valid if options["dry_run"] else report.created
        if not imported or (options["dry_run"] and options["all_or_nothing"] and report.refused):
            sys.exit(1)

    def _unit(self, code):
        if not code:
            return None
        unit = TrainingUnit.objects.filter(code=code).first()
        if unit is None:
            raise CommandError(_("No training unit with the code %(code)s.") % {"code": code})
        return unit

    def _summary(self, report, *, dry_run):
        if dry_run:
            self.stdout.write(_("%(count)d questions can be imported.") % {"count": report.valid})
        else:
            self.stdout.write(_("%(count)d questions imported.") % {"count": report.created})
        for qtype, count in sorted(report.by_type.items()):
            self.stdout.write(f"  {qtype}: {count}")
        for problem in report.errors:
            self.stderr.write(
                _("Line %(line)s, %(question)s: %(message)s")
                % {
                    "line": problem.line or "?",
                    "question": problem.question,
                    "message": problem.message,
                }
            )
        for item in report.unsupported:
            self.stderr.write(
                _("Line %(line)s, %(question)s: question type %(type)s is not supported.")
                % {"line": item.line or "?", "question": item.question, "type": item.source_type}
            )
