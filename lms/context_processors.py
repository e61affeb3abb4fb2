from django.conf import settings


def site_features(request):
    """Switches that change what the templates offer."""
    return {"self_registration": settings.LMS_SELF_REGISTRATION}
