from .collections import LibraryCollection, LibraryCollectionEntry
from .pages import (
    CaseStudyPage,
    Difficulty,
    LegalStatus,
    LibraryIndexPage,
    LibraryItemPage,
    LibraryItemTag,
    Licence,
    Visibility,
    document_number_key,
)
from .taxonomy import IssuingBody, MaterialType, Subject
from .usage import DocumentText, ItemCounter

__all__ = [
    "CaseStudyPage",
    "Difficulty",
    "DocumentText",
    "IssuingBody",
    "ItemCounter",
    "LegalStatus",
    "LibraryCollection",
    "LibraryCollectionEntry",
    "LibraryIndexPage",
    "LibraryItemPage",
    "LibraryItemTag",
    "Licence",
    "MaterialType",
    "Subject",
    "Visibility",
    "document_number_key",
]
