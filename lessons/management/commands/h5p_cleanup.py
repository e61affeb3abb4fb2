from django.core.management.base import BaseCommand

from lessons.h5p.services import h5p_orphans_delete


class Command(BaseCommand):
    help = (
        "Delete unpacked H5P folders whose package no longer exists. Run it from a periodic "
        "job while no H5P upload is in progress (an upload unpacks before its row commits)."
    )

    def handle(self, *args, **options):
        removed = h5p_orphans_delete()
        for folder in removed:
            self.stdout.write(f"removed h5p/{folder}")
        self.stdout.write(f"{len(removed)} orphaned H5P folder(s) removed.")
