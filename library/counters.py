"""Views and downloads of library pages, counted atomically.

Each count is one ``UPDATE … SET n = n + 1`` in the database (an F expression),
never a read-modify-write in Python, so simultaneous readers never lose a count.
The row is created on the first count; ``get_or_create`` copes with two first
readers arriving together (the loser of the race finds the winner's row).
"""

from django.db.models import F

from library.models import ItemCounter


def _increment(*, page_id: int, field: str) -> None:
    updated = ItemCounter.objects.filter(page_id=page_id).update(**{field: F(field) + 1})
    if updated:
        return
    ItemCounter.objects.get_or_create(page_id=page_id)
    ItemCounter.objects.filter(page_id=page_id).update(**{field: F(field) + 1})


def count_view(*, page) -> None:
    """Count one reading of ``page`` (a library item or case study)."""
    _increment(page_id=page.pk, field="views")


def count_download(*, page) -> None:
    """Count one download of ``page``'s file (or one visit of its external link)."""
    _increment(page_id=page.pk, field="downloads")
