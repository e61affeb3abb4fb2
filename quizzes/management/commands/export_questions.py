from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lms.models import TrainingUnit
from quizzes.interchange.selectors import category_by_path, path_names
from quizzes.interchange.services import EXPORT_FORMATS, questions_export


class Command(BaseCommand):
    help = "Export the questions of a category to a GIFT, Moodle XML or Excel file."

    def add_arguments(self, parser):
        parser.add_argument("--category", required=True, help='Category path, e.g. "Bank/Part 1".')
        parser.add_argument("--unit", help="Code of the training unit owning the category.")
        parser.add_argument("--format", required=True, choices=sorted(EXPORT_FORMATS))
        parser.add_argument("--output", required=True)
        parser.add_argument("--recursive", action="store_true", help="Include the subcategories.")

    def handle(self, *args, **options):
        unit = None
        if options["unit"]:
            unit = TrainingUnit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(
                    _("No training unit with the code %(code)s.") % {"code": options["unit"]}
                )
        try:
            category = category_by_path(path=path_names(options["category"]), unit=unit)
        except (ObjectDoesNotExist, ValidationError) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from error
        export = questions_export(
            category=category, file_format=options["format"], recursive=options["recursive"]
        )
        Path(options["output"]).write_bytes(export.content)
        self.stdout.write(
            _("%(size)d bytes written to %(file)s.")
            % {"size": len(export.content), "file": options["output"]}
        )
