"""Build library items, case studies and documents in the page tree for tests.

Shared by the library's test files: keep the signatures stable.

- ``make_item(**fields)`` and ``make_case_study(**fields)`` publish a page under the
  library index (the ``library_index`` fixture's page). Besides model fields they accept
  ``parent`` (another index page) and ``live=False`` (leave the page as an unpublished draft).
  ``material_type`` may be a MaterialType or its code; ``subjects``, ``tags``,
  ``audience_ranks``, ``audience_programs`` and ``related_items`` may be lists.
- ``make_document(name, content)`` stores a Wagtail document; ``content`` is bytes or text
  (text is encoded as UTF-8); without it, a one-page PDF.
"""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from library.models import CaseStudyPage, LibraryIndexPage, LibraryItemPage, MaterialType

_counter = iter(range(1, 1_000_000))

# Many-to-many fields: set after the instance is built, before it is saved (modelcluster).
_ITEM_M2M = ("subjects", "audience_ranks", "audience_programs")
_CASE_M2M = ("subjects", "related_items")


def _publish(page, *, parent, live, m2m, tags=None):
    relations = {name: m2m[name] for name in m2m}
    for name, values in relations.items():
        setattr(page, name, list(values))
    if tags:
        page.tags.add(*tags)
    if not live:
        page.live = False
    parent = parent or LibraryIndexPage.objects.get()
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
        page.refresh_from_db()
    return page


def make_item(**fields):
    """A library item (a link to a law by default), published under the library index."""
    number = next(_counter)
    parent = fields.pop("parent", None)
    live = fields.pop("live", True)
    tags = fields.pop("tags", None)
    m2m = {name: fields.pop(name) for name in _ITEM_M2M if name in fields}
    material_type = fields.pop("material_type", "luat")
    if isinstance(material_type, str):
        material_type = MaterialType.objects.get(code=material_type)
    fields.setdefault("title", f"Tài liệu thử nghiệm {number}")
    fields.setdefault("slug", f"tai-lieu-{number}")
    if not fields.get("document") and not fields.get("embed_url"):
        fields.setdefault("external_url", f"https://vanban.example.vn/{number}")
    page = LibraryItemPage(material_type=material_type, **fields)
    return _publish(page, parent=parent, live=live, m2m=m2m, tags=tags)


def make_case_study(**fields):
    """A case study, published under the library index."""
    number = next(_counter)
    parent = fields.pop("parent", None)
    live = fields.pop("live", True)
    m2m = {name: fields.pop(name) for name in _CASE_M2M if name in fields}
    fields.setdefault("title", f"Tình huống thử nghiệm {number}")
    fields.setdefault("slug", f"tinh-huong-{number}")
    fields.setdefault("situation", "<p>Một xã nhận được đơn khiếu nại của người dân.</p>")
    page = CaseStudyPage(**fields)
    return _publish(page, parent=parent, live=live, m2m=m2m)


def make_document(name="Nghị định 89/2021/NĐ-CP", content=None):
    """A Wagtail document titled ``name``; a PDF unless ``content`` says otherwise."""
    from tests.lessons.documents import text_pdf

    number = next(_counter)
    if content is None:
        content, extension = text_pdf(), "pdf"
    elif isinstance(content, str):
        content, extension = content.encode(), "txt"
    else:
        extension = "pdf" if content.startswith(b"%PDF") else "bin"
        if content.startswith(b"PK"):
            extension = "docx"
    Document = get_document_model()
    document = Document(title=name)
    document.file.save(f"tai-lieu-{number}.{extension}", ContentFile(content), save=False)
    document.save()
    return document
