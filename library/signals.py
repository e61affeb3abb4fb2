"""Signal receivers of the library: they only queue work, never do it.

Imported by ``LibraryConfig.ready``.
"""

import logging
from functools import partial

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model_string

logger = logging.getLogger(__name__)


def _enqueue_extraction(document_id):
    from library.tasks import extract_document_text

    try:
        extract_document_text.enqueue(document_id)
    except Exception:
        # The upload is saved already; a missing text only costs search recall.
        logger.exception("Library: could not queue the text extraction of document %s", document_id)


@receiver(post_save, sender=get_document_model_string(), dispatch_uid="library_document_text")
def document_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """Queue the extraction of a saved document's text, once its transaction commits.

    Saves that leave the file alone (``update_fields`` without "file") are skipped; the
    task itself skips a file whose bytes it has already read.
    """
    if raw or (update_fields is not None and "file" not in update_fields):
        return
    transaction.on_commit(partial(_enqueue_extraction, instance.pk), robust=True)
