"""The JSON search API: the search page's parameters, public items for guests, 400 on bad input."""

import datetime
import json

import pytest
from django.urls import reverse

from library.models import IssuingBody, Visibility
from tests.factories import ProfileFactory, TrainingUnitFactory
from tests.library.builders import make_case_study, make_item

pytestmark = pytest.mark.django_db

URL = "/api/thu-vien/tim-kiem/"


def _get(client, **params):
    response = client.get(reverse("library:api_search"), params)
    return response, json.loads(response.content.decode("utf-8"))


def test_the_url_is_the_documented_one():
    assert reverse("library:api_search") == URL


def test_results_facets_and_paging_as_utf8_json(client, library_index):
    body = IssuingBody.objects.create(name="Chính phủ")
    for number in range(3):
        make_item(
            title=f"Nghị định {number} về quản lý nhà nước",
            summary="Quy định về quản lý nhà nước đối với công chức.",
            document_number=f"{number}/2021/NĐ-CP",
            issuing_body=body,
            issue_date=datetime.date(2021, 1, number + 1),
            material_type="nghi-dinh",
        )
    make_case_study(title="Tình huống quản lý nhà nước ở cấp xã")
    response, data = _get(client, q="quan ly nha nuoc", per_page=2, sort="newest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    # Vietnamese stays readable in the body, not \\u-escaped.
    assert "quản lý nhà nước".encode() in response.content
    assert (data["total"], data["page"], data["pages"], data["per_page"]) == (4, 1, 2, 2)
    assert data["previous"] is None
    assert data["next"].startswith("http://testserver/api/thu-vien/tim-kiem/?")
    assert "page=2" in data["next"]
    # The case study was published today; the decrees were issued in 2021.
    assert data["results"][0]["kind"] == "case"
    assert data["results"][0]["type"] == "Tình huống"
    first = data["results"][1]
    assert first["kind"] == "item"
    assert first["title"] == "Nghị định 2 về quản lý nhà nước"
    assert first["url"].startswith("http://testserver/")
    assert first["type"] == "Nghị định"
    assert first["date"] == "2021-01-03" and first["year"] == 2021
    assert first["document_number"] == "2/2021/NĐ-CP" and first["issuing_body"] == "Chính phủ"
    assert "<mark>" in first["snippet"]
    assert {row["value"]: row["count"] for row in data["facets"]["kind"]} == {"item": 3, "case": 1}
    assert data["facets"]["issuer"] == [{"value": body.pk, "label": "Chính phủ", "count": 3}]

    response, following = _get(client, q="quan ly nha nuoc", per_page=2, sort="newest", page=2)
    assert following["previous"] and following["next"] is None
    titles = [row["title"] for row in data["results"] + following["results"]]
    assert len(set(titles)) == 4


def test_filters_use_the_page_parameters(client, library_index):
    body = IssuingBody.objects.create(name="Quốc hội")
    make_item(title="Luật Cán bộ, công chức", issuing_body=body, year=2008)
    make_item(title="Luật Viên chức", year=2010)
    make_case_study(title="Tình huống về công chức")
    _response, data = _get(client, q="cong chuc", issuer=body.pk)
    assert [row["title"] for row in data["results"]] == ["Luật Cán bộ, công chức"]
    assert data["filters"] == {"issuer": [body.pk]}
    _response, data = _get(client, q="cong chuc", kind="case")
    assert [row["title"] for row in data["results"]] == ["Tình huống về công chức"]


def test_guests_get_public_items_only(client, library_index):
    unit = TrainingUnitFactory()
    make_item(title="Công vụ: công khai")
    make_item(title="Công vụ: người dùng", visibility=Visibility.SIGNED_IN)
    make_item(title="Công vụ: nội bộ", visibility=Visibility.UNIT, owner_unit=unit)
    make_case_study(title="Công vụ: tình huống nội bộ", visibility=Visibility.UNIT, owner_unit=unit)
    _response, data = _get(client, q="cong vu")
    assert [row["title"] for row in data["results"]] == ["Công vụ: công khai"]
    assert data["total"] == 1
    assert data["facets"]["unit"] == []
    # Nor through an owning-unit filter.
    _response, data = _get(client, q="cong vu", unit=unit.pk)
    assert data["total"] == 0 and data["results"] == []

    client.force_login(ProfileFactory(unit=TrainingUnitFactory()).user)
    _response, data = _get(client, q="cong vu")
    assert {row["title"] for row in data["results"]} == {
        "Công vụ: công khai",
        "Công vụ: người dùng",
    }

    client.force_login(ProfileFactory(unit=unit).user)
    _response, data = _get(client, q="cong vu")
    assert data["total"] == 4


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "0"},
        {"sort": "price"},
        {"type": "nghi-dinh"},
        {"year": "2021a"},
        {"kind": "book"},
        {"per_page": "500"},
        {"q": "x" * 501},
    ],
)
def test_bad_parameters_answer_400_with_a_message(client, library_index, params):
    response, data = _get(client, q=params.pop("q", "cong vu"), **params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert isinstance(data["error"], str) and data["error"]


def test_only_get_is_allowed(client, library_index):
    assert client.post(reverse("library:api_search"), {"q": "x"}).status_code == 405


def test_the_api_query_count_does_not_grow_with_the_results(client, library_index):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for number in range(30):
        make_item(title=f"Công vụ {number}", summary="Quản lý công vụ.", year=2000 + number % 4)
    client.get(reverse("library:api_search"), {"q": "cong vu"})
    counts = []
    for per_page in (5, 25):
        with CaptureQueriesContext(connection) as context:
            response = client.get(
                reverse("library:api_search"), {"q": "cong vu", "per_page": per_page}
            )
        assert len(response.json()["results"]) == per_page
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1], counts
