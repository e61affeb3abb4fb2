"""Background work of the library."""

from django_tasks import task


@task()
def extract_document_text(document_id: int, force: bool = False) -> str:
    """Extract the text of a document for search (see ``document_text_extract``)."""
    from library.extraction import document_text_extract

    return document_text_extract(document_id=document_id, force=force)
