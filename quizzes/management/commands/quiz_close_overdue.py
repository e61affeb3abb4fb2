from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from quizzes.tasks import close_overdue_attempts


class Command(BaseCommand):
    help = "Close quiz attempts past their deadline (run every minute from cron or a timer)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the work for the task worker instead of doing it now.",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            close_overdue_attempts.enqueue()
            self.stdout.write(_("Queued."))
            return
        closed = close_overdue_attempts.call()
        self.stdout.write(_("%(count)d attempts closed.") % {"count": closed})
