from django import template
from django.conf import settings
from wagtail.models import Page, Site

from lessons.models import ProgramIndexPage
from library.models import LibraryIndexPage

register = template.Library()


@register.inclusion_tag("themes/main_menu.html", takes_context=True)
def main_menu(context):
    """The site's main menu: home, programs and the library, in one query."""
    request = context["request"]
    site = Site.find_for_request(request)
    sections = []
    if site is not None:
        sections = list(
            Page.objects.live()
            .child_of(site.root_page)
            .type(ProgramIndexPage, LibraryIndexPage)
            .order_by("path")
        )
    return {
        "request": request,
        "home": site.root_page if site else None,
        "sections": sections,
        "current_path": request.path,
    }


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """Ancestors of ``page`` below the site root, for the breadcrumb trail."""
    site = Site.find_for_request(context["request"])
    if site is None or page is None or page.depth <= site.root_page.depth:
        return []
    return list(page.get_ancestors().filter(depth__gte=site.root_page.depth))


@register.simple_tag
def language_choices():
    """Languages for the switcher, each named in itself (and in NFC, unlike Django's list)."""
    return settings.LANGUAGES
