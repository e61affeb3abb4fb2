"""The library's search page and its JSON search API: thin, over ``library_search``."""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from library.models import LibraryIndexPage
from library.search import DEFAULT_PER_PAGE, FACETS, SearchParamError, parse_search_params
from library.selectors import library_search

FACET_LEGENDS = {
    "kind": gettext_lazy("Kind"),
    "type": gettext_lazy("Type of material"),
    "issuer": gettext_lazy("Issuing body"),
    "year": gettext_lazy("Year"),
    "subject": gettext_lazy("Subject"),
    "rank": gettext_lazy("For rank"),
    "unit": gettext_lazy("Owning unit"),
}
SORT_LABELS = {
    "relevance": gettext_lazy("Relevance"),
    "newest": gettext_lazy("Newest first"),
    "title": gettext_lazy("Title (A–Z)"),
}
# Page links shown either side of the current page.
PAGE_WINDOW = 2


def _url(request, **changes):
    """The current query string with ``changes`` (None removes a key), as "?…"."""
    data = request.GET.copy()
    for key, value in changes.items():
        data.pop(key, None)
        if value is not None:
            data[key] = value
    encoded = data.urlencode()
    return f"?{encoded}" if encoded else "?"


def _facet_groups(outcome):
    groups = []
    for name in FACETS:
        values = outcome.facets.get(name, [])
        chosen = set(outcome.filters.get(name, ()))
        # One value that every hit has narrows nothing; keep it only if it is chosen.
        if not values or (len(values) == 1 and not chosen):
            continue
        groups.append(
            {
                "name": name,
                "legend": FACET_LEGENDS[name],
                "values": [
                    {
                        "value": value.value,
                        "label": value.label,
                        "count": value.count,
                        "selected": value.value in chosen,
                    }
                    for value in values
                ],
            }
        )
    return groups


def _pagination(request, outcome):
    if outcome.pages <= 1:
        return None
    first = max(1, outcome.page - PAGE_WINDOW)
    last = min(outcome.pages, outcome.page + PAGE_WINDOW)
    numbers = sorted({1, *range(first, last + 1), outcome.pages})
    links, previous = [], 0
    for number in numbers:
        if number - previous > 1:
            links.append({"gap": True})
        links.append(
            {"number": number, "url": _url(request, page=number), "current": number == outcome.page}
        )
        previous = number
    return {
        "links": links,
        "previous": _url(request, page=outcome.page - 1) if outcome.has_previous else None,
        "next": _url(request, page=outcome.page + 1) if outcome.has_next else None,
    }


@require_GET
def search(request):
    """The search page: one box over library items and case studies, facets, sort, pages."""
    context = {
        "query": (request.GET.get("q") or "").strip(),
        "sort": request.GET.get("sort") or "relevance",
        "sort_options": list(SORT_LABELS.items()),
        "per_page": request.GET.get("per_page") or "",
        "library_index": LibraryIndexPage.objects.live().first(),
        "outcome": None,
        "error": None,
    }
    try:
        params = parse_search_params(request.GET)
        outcome = library_search(
            query=params.query,
            user=request.user,
            filters=params.filters,
            sort=params.sort,
            page=params.page,
            per_page=params.per_page,
            request=request,
        )
    except SearchParamError as error:
        context["error"] = str(error)
        return TemplateResponse(request, "library/search.html", context, status=400)
    context.update(
        {
            "query": outcome.query,
            "sort": outcome.sort,
            "per_page": params.per_page if params.per_page != DEFAULT_PER_PAGE else "",
            "outcome": outcome,
            "facet_groups": _facet_groups(outcome),
            "has_filters": bool(outcome.filters),
            "clear_filters_url": _url(request, **dict.fromkeys(FACETS), page=None),
            "pagination": _pagination(request, outcome),
            "first_number": (outcome.page - 1) * outcome.per_page + 1,
        }
    )
    return TemplateResponse(request, "library/search.html", context)


def _json_error(message):
    return JsonResponse({"error": message}, status=400, json_dumps_params={"ensure_ascii": False})


def _absolute(request, url):
    return request.build_absolute_uri(url) if url else None


@require_GET
def api_search(request):
    """The JSON search API: the page's parameters (q, filters, sort, page, per_page).

    Guests get the public items and case studies; a signed-in caller what they may read.
    Bad parameters answer 400 with ``{"error": message}``.
    """
    try:
        params = parse_search_params(request.GET)
        outcome = library_search(
            query=params.query,
            user=request.user,
            filters=params.filters,
            sort=params.sort,
            page=params.page,
            per_page=params.per_page,
            request=request,
        )
    except SearchParamError as error:
        return _json_error(str(error))
    data = {
        "query": outcome.query,
        "sort": outcome.sort,
        "filters": outcome.filters,
        "total": outcome.total,
        "page": outcome.page,
        "pages": outcome.pages,
        "per_page": outcome.per_page,
        "next": _absolute(request, _url(request, page=outcome.page + 1))
        if outcome.has_next
        else None,
        "previous": _absolute(request, _url(request, page=outcome.page - 1))
        if outcome.has_previous
        else None,
        "results": [
            {
                "kind": row["kind"],
                "id": row["id"],
                "title": row["title"],
                "url": _absolute(request, row["url"]),
                "type": row["type_label"],
                "snippet": str(row["snippet"]),
                "date": row["date"].isoformat() if row["date"] else None,
                "year": row["year"],
                "document_number": row["document_number"],
                "issuing_body": row["issuing_body"],
            }
            for row in outcome.results
        ],
        "facets": {
            name: [
                {"value": value.value, "label": value.label, "count": value.count}
                for value in values
            ]
            for name, values in outcome.facets.items()
        },
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/json; charset=utf-8"
    return response
