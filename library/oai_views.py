"""The OAI-PMH endpoint: harvesters of other units and national library systems call it."""

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from library import oai as oai_pmh


# Harvesters POST form-encoded arguments without a CSRF token; the endpoint only reads.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def oai(request):
    """Answer one OAI-PMH request; GET arguments in the query, POST ones in the body."""
    params = request.POST if request.method == "POST" else request.GET
    body = oai_pmh.respond(request=request, params=params)
    return HttpResponse(body, content_type="text/xml; charset=utf-8")
