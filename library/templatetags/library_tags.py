"""What the library's page templates show beyond the page's own fields.

The pages' models stay as they are: their templates ask these tags for the
lists that depend on the reader (what they may read), each a fixed number of
queries however long the lists are.
"""

from django import template

from library import selectors

register = template.Library()


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None)


@register.simple_tag(takes_context=True)
def library_home(context):
    """Featured collections, newest items and case studies the reader may read."""
    return selectors.library_home(user=_user(context))


@register.simple_tag(takes_context=True)
def library_item_reading(context, item):
    """The replacing item, related items, citing case studies and counts of ``item``."""
    return selectors.item_reading(item=item, user=_user(context))


@register.simple_tag(takes_context=True)
def case_study_reading(context, case):
    """The related legal documents the reader may read, and whether they see the analysis."""
    return selectors.case_study_reading(case=case, user=_user(context))


@register.filter
def is_pdf(document):
    """Whether a Wagtail document is a PDF (the preview draws only those)."""
    return bool(document) and document.file_extension.lower() == "pdf"
