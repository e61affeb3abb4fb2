from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse
from django.utils import translation


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Show Vietnamese unless the user picked another language with the switcher.

    Django's own middleware follows the browser's Accept-Language, so an
    official on an English-language browser would get English pages; here only
    the language cookie set by the switcher can change the language.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The project's CSP, with inline scripts and styles allowed in the Wagtail admin only.

    Wagtail 8's admin still writes inline scripts (date pickers, inline panels,
    chooser modals run the scripts of the HTML they load) and inline style
    attributes. The public pages need neither, so they keep the strict policy.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(_admin_prefix()):
            update = dict(parts.update or {})
            update["style-src"] = [UNSAFE_INLINE]
            update["script-src"] = [UNSAFE_INLINE]
            # A nonce would make browsers ignore 'unsafe-inline'.
            return PolicyParts(parts.config, update, parts.replace, None)
        return parts


def _admin_prefix():
    return reverse("wagtailadmin_home")
