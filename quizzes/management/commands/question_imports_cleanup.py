from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from quizzes.interchange.services import STALE_IMPORT_DAYS, question_imports_cleanup


class Command(BaseCommand):
    help = "Delete uploaded question files never imported (run daily from cron or a timer)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=STALE_IMPORT_DAYS)

    def handle(self, *args, days, **options):
        deleted = question_imports_cleanup(days=days)
        self.stdout.write(_("%(count)d unfinished imports deleted.") % {"count": deleted})
