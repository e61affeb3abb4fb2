"""The OAI-PMH 2.0 endpoint: verbs, errors, resumption, what it may reveal, query budget."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import pytest
from django.core import signing
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from library import oai
from library.models import (
    CaseStudyPage,
    IssuingBody,
    LibraryItemPage,
    Licence,
    MaterialType,
    Subject,
    Visibility,
)
from tests.factories import TrainingUnitFactory

pytestmark = pytest.mark.django_db

NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "id": "http://www.openarchives.org/OAI/2.0/oai-identifier",
}
SCHEMA_LOCATION = f"{{{NS['xsi']}}}schemaLocation"
_numbers = iter(range(1, 1_000_000))


# --- Builders (local: the shared builders belong to another part) ---


def make_item(library_index, *, publish=True, subjects=(), tags=(), **fields):
    number = next(_numbers)
    fields.setdefault("title", f"Văn bản thử nghiệm {number}")
    fields.setdefault("slug", f"oai-van-ban-{number}")
    fields.setdefault("material_type", MaterialType.objects.get(code="nghi-dinh"))
    page = LibraryItemPage(**fields)
    page.subjects = list(subjects)
    if tags:
        page.tags.add(*tags)
    if not publish:
        page.live = False
    library_index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def make_case(library_index, *, related=(), subjects=(), **fields):
    number = next(_numbers)
    fields.setdefault("title", f"Tình huống thử nghiệm {number}")
    fields.setdefault("slug", f"oai-tinh-huong-{number}")
    fields.setdefault(
        "situation",
        "<p>Một xã nhận được <b>đơn khiếu nại</b> của người dân &amp; doanh nghiệp.</p>",
    )
    page = CaseStudyPage(**fields)
    page.related_items = list(related)
    page.subjects = list(subjects)
    library_index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_document(name="nghi-dinh.pdf"):
    document = get_document_model()(title="Nghị định")
    document.file.save(name, ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    return document


def set_published(page, when):
    type(page).objects.filter(pk=page.pk).update(last_published_at=when)


def identifier(page):
    return f"oai:127.0.0.1:library/{page.pk}"


# --- Requests ---


def harvest(client, method="get", **params):
    params = {key.rstrip("_"): value for key, value in params.items()}
    if method == "post":
        response = client.post(
            reverse("library:oai"),
            data=urlencode(params, doseq=True),
            content_type="application/x-www-form-urlencoded",
        )
    else:
        response = client.get(reverse("library:oai"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['oai']}}}OAI-PMH"
    assert root.get(SCHEMA_LOCATION) == (
        "http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
    )
    stamp = root.findtext("oai:responseDate", namespaces=NS)
    datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ")
    assert root.findtext("oai:request", namespaces=NS) == "http://testserver/oai/"
    return root


def error_codes(root):
    return sorted(error.get("code") for error in root.findall("oai:error", NS))


def request_attributes(root):
    return dict(root.find("oai:request", NS).attrib)


def listed_identifiers(root):
    return [
        header.findtext("oai:identifier", namespaces=NS)
        for header in root.iter(f"{{{NS['oai']}}}header")
    ]


def harvest_all(client, verb="ListIdentifiers", **params):
    """Every header of a list, following resumption tokens; also each token element seen."""
    root = harvest(client, verb=verb, **params)
    headers, tokens = [], []
    while True:
        assert not error_codes(root), error_codes(root)
        headers.extend(root.iter(f"{{{NS['oai']}}}header"))
        token = root.find(f"oai:{verb}/oai:resumptionToken", NS)
        if token is None:
            return headers, tokens
        tokens.append(token)
        if not token.text:
            return headers, tokens
        root = harvest(client, verb=verb, resumptionToken=token.text)


def dc(record, element):
    return [node.text for node in record.findall(f"oai:metadata/oai_dc:dc/dc:{element}", NS)]


# --- Identify, ListMetadataFormats, ListSets ---


def test_identify_describes_the_repository(client, library_index, settings):
    settings.LIBRARY_OAI_ADMIN_EMAIL = "thuvien@example.vn"
    first = make_item(library_index)
    make_item(library_index)
    set_published(first, datetime(2021, 6, 15, 3, 4, 5, 600000, tzinfo=UTC))

    root = harvest(client, verb="Identify")

    assert error_codes(root) == []
    assert request_attributes(root) == {"verb": "Identify"}
    identify = root.find("oai:Identify", NS)
    assert [child.tag.split("}")[1] for child in identify][:7] == [
        "repositoryName",
        "baseURL",
        "protocolVersion",
        "adminEmail",
        "earliestDatestamp",
        "deletedRecord",
        "granularity",
    ]
    assert identify.findtext("oai:repositoryName", namespaces=NS)
    assert identify.findtext("oai:baseURL", namespaces=NS) == "http://testserver/oai/"
    assert identify.findtext("oai:protocolVersion", namespaces=NS) == "2.0"
    assert identify.findtext("oai:adminEmail", namespaces=NS) == "thuvien@example.vn"
    assert identify.findtext("oai:earliestDatestamp", namespaces=NS) == "2021-06-15T03:04:05Z"
    assert identify.findtext("oai:deletedRecord", namespaces=NS) == "transient"
    assert identify.findtext("oai:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    # 127.0.0.1 is no domain name: no oai-identifier description that would not validate.
    assert identify.find("oai:description", NS) is None


def test_identify_admin_email_defaults_to_the_sender_address(client, library_index, settings):
    settings.DEFAULT_FROM_EMAIL = "no-reply@hoctap.example.vn"
    root = harvest(client, verb="Identify")
    assert root.findtext("oai:Identify/oai:adminEmail", namespaces=NS) == (
        "no-reply@hoctap.example.vn"
    )


def test_identifiers_take_the_host_of_the_configured_base_url(client, library_index, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://HocTap.example.vn:8443"
    item = make_item(library_index)

    root = harvest(client, verb="Identify")
    description = root.find("oai:Identify/oai:description/id:oai-identifier", NS)
    assert description.findtext("id:scheme", namespaces=NS) == "oai"
    assert description.findtext("id:repositoryIdentifier", namespaces=NS) == "hoctap.example.vn"
    assert description.findtext("id:delimiter", namespaces=NS) == ":"
    assert description.findtext("id:sampleIdentifier", namespaces=NS) == (
        "oai:hoctap.example.vn:library/1"
    )

    root = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert listed_identifiers(root) == [f"oai:hoctap.example.vn:library/{item.pk}"]
    root = harvest(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier(item))
    assert error_codes(root) == ["idDoesNotExist"]


def test_list_metadata_formats(client, library_index):
    item = make_item(library_index)
    for params in ({}, {"identifier": identifier(item)}):
        root = harvest(client, verb="ListMetadataFormats", **params)
        assert request_attributes(root) == {"verb": "ListMetadataFormats", **params}
        formats = root.findall("oai:ListMetadataFormats/oai:metadataFormat", NS)
        assert len(formats) == 1
        assert formats[0].findtext("oai:metadataPrefix", namespaces=NS) == "oai_dc"
        assert formats[0].findtext("oai:schema", namespaces=NS) == (
            "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
        )
        assert formats[0].findtext("oai:metadataNamespace", namespaces=NS) == NS["oai_dc"]

    root = harvest(client, verb="ListMetadataFormats", identifier="oai:127.0.0.1:library/999999")
    assert error_codes(root) == ["idDoesNotExist"]
    assert request_attributes(root)["identifier"] == "oai:127.0.0.1:library/999999"


def test_list_sets_by_type_and_subject(client, library_index):
    state = Subject.objects.create(name="Quản lý nhà nước")
    digital = Subject.objects.create(name="Chuyển đổi số", parent=state)

    root = harvest(client, verb="ListSets")

    sets = {
        entry.findtext("oai:setSpec", namespaces=NS): entry.findtext("oai:setName", namespaces=NS)
        for entry in root.findall("oai:ListSets/oai:set", NS)
    }
    assert "type" in sets
    assert sets["type:nghi-dinh"] == "Nghị định"
    assert sets["type:luat"] == "Luật"
    assert "type:tinh-huong" in sets
    assert "subject" in sets
    assert sets[f"subject:{state.pk}"] == "Quản lý nhà nước"
    assert sets[f"subject:{digital.pk}"] == "Quản lý nhà nước › Chuyển đổi số"


# --- Records ---


def test_list_records_maps_an_item_to_dublin_core(client, library_index):
    replacement = make_item(library_index, title="Nghị định 89/2021/NĐ-CP")
    subject = Subject.objects.create(name="Bồi dưỡng cán bộ")
    body = IssuingBody.objects.create(name="Chính phủ")
    item = make_item(
        library_index,
        title="Nghị định về đào tạo, bồi dưỡng cán bộ, công chức, viên chức",
        summary="Quy định về đào tạo, bồi dưỡng <cán bộ> & công chức.",
        document=make_document(),
        document_number="101/2017/NĐ-CP",
        issuing_body=body,
        issue_date=datetime(2017, 9, 1).date(),
        authors="Nguyễn Văn An; Trần Thị Bình",
        publisher="Nhà xuất bản Chính trị quốc gia",
        licence=Licence.PUBLIC_DOMAIN,
        replaced_by=replacement,
        subjects=[subject],
        tags=["đào tạo"],
    )

    root = harvest(client, verb="ListRecords", metadataPrefix="oai_dc")

    assert request_attributes(root) == {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
    records = root.findall("oai:ListRecords/oai:record", NS)
    record = next(
        r
        for r in records
        if r.findtext("oai:header/oai:identifier", namespaces=NS) == identifier(item)
    )
    header = record.find("oai:header", NS)
    assert header.get("status") is None
    assert header.findtext("oai:datestamp", namespaces=NS) == (
        item.last_published_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    )
    assert [spec.text for spec in header.findall("oai:setSpec", NS)] == [
        "type:nghi-dinh",
        f"subject:{subject.pk}",
    ]
    metadata = record.find("oai:metadata/oai_dc:dc", NS)
    assert metadata.get(SCHEMA_LOCATION) == (
        "http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
    )
    assert {child.tag.split("}")[0] for child in metadata} == {f"{{{NS['dc']}"}
    assert dc(record, "title") == [item.title]
    assert dc(record, "creator") == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert dc(record, "subject") == ["Bồi dưỡng cán bộ", "đào tạo"]
    assert dc(record, "description") == ["Quy định về đào tạo, bồi dưỡng <cán bộ> & công chức."]
    assert dc(record, "publisher") == ["Chính phủ", "Nhà xuất bản Chính trị quốc gia"]
    assert dc(record, "date") == ["2017-09-01"]
    assert dc(record, "type") == ["Nghị định", "Text"]
    assert dc(record, "format") == ["application/pdf"]
    assert dc(record, "identifier") == [item.get_full_url(), "101/2017/NĐ-CP"]
    assert dc(record, "language") == ["vi"]
    assert dc(record, "rights") == [str(Licence.PUBLIC_DOMAIN.label)]
    assert dc(record, "relation") == [replacement.get_full_url()]
    assert root.find("oai:ListRecords/oai:resumptionToken", NS) is None


def test_sparse_item_gets_only_what_it_has(client, library_index):
    item = make_item(
        library_index,
        authors="Lê Văn Cường, Phạm Thị Dung",
        year=2020,
        external_url="https://vanban.example.vn/1",
        language="other",
    )
    root = harvest(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier(item))
    record = root.find("oai:GetRecord/oai:record", NS)
    assert dc(record, "creator") == ["Lê Văn Cường", "Phạm Thị Dung"]
    assert dc(record, "date") == ["2020"]
    for element in ("description", "publisher", "format", "rights", "relation", "language"):
        assert dc(record, element) == [], element


def test_case_study_record_hides_the_suggested_analysis(client, library_index):
    subject = Subject.objects.create(name="Giải quyết khiếu nại")
    public_law = make_item(library_index)
    private_law = make_item(library_index, visibility=Visibility.SIGNED_IN)
    case = make_case(
        library_index,
        suggested_analysis="<p>Đáp án dành cho giảng viên</p>",
        related=[public_law, private_law],
        subjects=[subject],
    )

    root = harvest(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier(case))

    assert request_attributes(root) == {
        "verb": "GetRecord",
        "metadataPrefix": "oai_dc",
        "identifier": identifier(case),
    }
    record = root.find("oai:GetRecord/oai:record", NS)
    specs = [spec.text for spec in record.findall("oai:header/oai:setSpec", NS)]
    assert specs == ["type:tinh-huong", f"subject:{subject.pk}"]
    assert dc(record, "title") == [case.title]
    assert dc(record, "description") == [
        "Một xã nhận được đơn khiếu nại của người dân & doanh nghiệp."
    ]
    assert dc(record, "type") == ["Tình huống", "Text"]
    assert dc(record, "identifier") == [case.get_full_url()]
    assert dc(record, "relation") == [public_law.get_full_url()]
    assert dc(record, "subject") == ["Giải quyết khiếu nại"]
    assert "giảng viên" not in ET.tostring(root, encoding="unicode")


def test_list_identifiers_gives_headers_only(client, library_index):
    items = [make_item(library_index) for _ in range(3)]
    root = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    listing = root.find("oai:ListIdentifiers", NS)
    assert [child.tag for child in listing] == [f"{{{NS['oai']}}}header"] * 3
    assert listed_identifiers(root) == [identifier(item) for item in items]
    assert root.find(".//oai:metadata", NS) is None


def test_text_that_xml_cannot_carry_is_dropped(client, library_index):
    item = make_item(library_index, summary="Mục\x0bmột\x1f và hai")
    root = harvest(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier(item))
    assert dc(root.find("oai:GetRecord/oai:record", NS), "description") == ["Mụcmột và hai"]


# --- What is public ---


def test_only_the_public_catalogue_is_harvested(client, library_index):
    unit = TrainingUnitFactory()
    public = make_item(library_index)
    hidden = [
        make_item(library_index, visibility=Visibility.SIGNED_IN),
        make_item(library_index, visibility=Visibility.UNIT, owner_unit=unit),
        make_item(library_index, publish=False),
        make_case(library_index, visibility=Visibility.UNIT, owner_unit=unit),
    ]
    restricted = make_item(library_index)
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    hidden.append(restricted)
    # Made private later: it disappears rather than being reported as deleted.
    made_private = make_item(library_index)
    made_private.visibility = Visibility.SIGNED_IN
    made_private.save_revision().publish()
    hidden.append(made_private)
    # Private and then unpublished: never public, so never reported, even as deleted.
    private_gone = make_item(library_index, visibility=Visibility.UNIT, owner_unit=unit)
    private_gone.unpublish()
    hidden.append(private_gone)

    for verb in ("ListIdentifiers", "ListRecords"):
        root = harvest(client, verb=verb, metadataPrefix="oai_dc")
        assert listed_identifiers(root) == [identifier(public)]
    for page in hidden:
        for verb, params in (
            ("GetRecord", {"metadataPrefix": "oai_dc"}),
            ("ListMetadataFormats", {}),
        ):
            root = harvest(client, verb=verb, identifier=identifier(page), **params)
            assert error_codes(root) == ["idDoesNotExist"], page.title


def test_a_draft_of_a_public_item_is_not_harvested(client, library_index):
    item = make_item(library_index, title="Bản đã xuất bản")
    item.title = "Bản nháp chưa duyệt"
    item.visibility = Visibility.UNIT
    item.save_revision()

    root = harvest(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier(item))
    assert dc(root.find("oai:GetRecord/oai:record", NS), "title") == ["Bản đã xuất bản"]


def test_retired_and_unpublished_public_items_are_reported_deleted(client, library_index):
    kept = make_item(library_index)
    retired = make_item(library_index)
    unpublished = make_item(library_index)
    long_ago = timezone.now() - timedelta(days=30)
    for page in (kept, retired, unpublished):
        set_published(page, long_ago)
    retired_at = timezone.now() - timedelta(days=2)
    LibraryItemPage.objects.filter(pk=retired.pk).update(retired_at=retired_at)
    unpublished.refresh_from_db()
    unpublished.unpublish()

    root = harvest(client, verb="ListRecords", metadataPrefix="oai_dc")

    records = root.findall("oai:ListRecords/oai:record", NS)
    by_id = {r.findtext("oai:header/oai:identifier", namespaces=NS): r for r in records}
    assert list(by_id) == [identifier(kept), identifier(retired), identifier(unpublished)]
    assert by_id[identifier(kept)].find("oai:metadata", NS) is not None
    for page, removed in ((retired, retired_at), (unpublished, None)):
        record = by_id[identifier(page)]
        header = record.find("oai:header", NS)
        assert header.get("status") == "deleted"
        assert record.find("oai:metadata", NS) is None
        stamp = datetime.strptime(
            header.findtext("oai:datestamp", namespaces=NS), "%Y-%m-%dT%H:%M:%SZ"
        ).replace(tzinfo=UTC)
        if removed:
            assert stamp == removed.replace(microsecond=0)
        else:
            assert stamp > timezone.now() - timedelta(minutes=1)

    # An incremental harvest since yesterday learns about both deletions.
    since = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%d")
    root = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc", from_=since)
    assert listed_identifiers(root) == [identifier(unpublished)]
    since = (timezone.now() - timedelta(days=3)).strftime("%Y-%m-%d")
    root = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc", from_=since)
    assert listed_identifiers(root) == [identifier(retired), identifier(unpublished)]

    root = harvest(
        client, verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier(retired)
    )
    record = root.find("oai:GetRecord/oai:record", NS)
    assert record.find("oai:header", NS).get("status") == "deleted"
    assert record.find("oai:metadata", NS) is None


# --- Selective harvesting ---


def test_from_and_until(client, library_index):
    january, february, march = (make_item(library_index) for _ in range(3))
    set_published(january, datetime(2024, 1, 10, 8, 0, tzinfo=UTC))
    set_published(february, datetime(2024, 2, 1, 10, 0, 0, 500000, tzinfo=UTC))
    set_published(march, datetime(2024, 3, 5, tzinfo=UTC))

    def listed(**params):
        root = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **params)
        return listed_identifiers(root)

    assert listed(from_="2024-01-15", until="2024-02-15") == [identifier(february)]
    assert listed(from_="2024-02-01") == [identifier(february), identifier(march)]
    assert listed(until="2024-02-01") == [identifier(january), identifier(february)]
    assert listed(until="2024-01-10") == [identifier(january)]
    # Datestamps are shown to the second: 10:00:00.5 is 10:00:00, taken in by until=10:00:00.
    assert listed(from_="2024-02-01T10:00:00Z", until="2024-02-01T10:00:00Z") == [
        identifier(february)
    ]
    assert listed(from_="2024-01-10T08:00:01Z", until="2024-02-01T09:59:59Z") == []
    assert listed(until="2024-03-04T23:59:59Z") == [identifier(january), identifier(february)]
    everything = [identifier(january), identifier(february), identifier(march)]
    assert listed(from_="0001-01-01", until="9999-12-31") == everything
    assert listed(until="9999-12-31T23:59:59Z") == everything
    root = harvest(
        client, verb="ListRecords", metadataPrefix="oai_dc", from_="2025-01-01", until="2025-12-31"
    )
    assert error_codes(root) == ["noRecordsMatch"]
    assert request_attributes(root) == {
        "verb": "ListRecords",
        "metadataPrefix": "oai_dc",
        "from": "2025-01-01",
        "until": "2025-12-31",
    }


def test_sets(client, library_index):
    state = Subject.objects.create(name="Quản lý nhà nước")
    digital = Subject.objects.create(name="Chuyển đổi số", parent=state)
    other = Subject.objects.create(name="Tài chính công")
    decree = make_item(library_index, subjects=[digital])
    law = make_item(library_index, material_type=MaterialType.objects.get(code="luat"))
    finance = make_item(library_index, subjects=[other])
    case = make_case(library_index, subjects=[state])

    def listed(spec):
        root = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set=spec)
        return listed_identifiers(root) or error_codes(root)

    assert listed("type:nghi-dinh") == [identifier(decree), identifier(finance)]
    assert listed("type:luat") == [identifier(law)]
    assert listed("type:tinh-huong") == [identifier(case)]
    assert listed("type") == [identifier(p) for p in (decree, law, finance, case)]
    assert listed("subject") == [identifier(p) for p in (decree, finance, case)]
    # A record filed under a narrower subject belongs to the broader subject's set too.
    assert listed(f"subject:{state.pk}") == [identifier(decree), identifier(case)]
    assert listed(f"subject:{digital.pk}") == [identifier(decree)]
    assert listed(f"subject:{other.pk}") == [identifier(finance)]
    for unknown in (
        "type:khong-co",
        "subject:999999",
        "subject:99999999999999999999999",
        "subject:abc",
        "subject:",
        "khac",
        "type:",
    ):
        assert listed(unknown) == ["noRecordsMatch"], unknown

    root = harvest(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier(decree))
    specs = [spec.text for spec in root.iter(f"{{{NS['oai']}}}setSpec")]
    assert specs == ["type:nghi-dinh", f"subject:{digital.pk}", f"subject:{state.pk}"]


def test_post_is_answered_like_get(client, library_index):
    item = make_item(library_index)
    root = harvest(
        client,
        method="post",
        verb="GetRecord",
        metadataPrefix="oai_dc",
        identifier=identifier(item),
    )
    assert listed_identifiers(root) == [identifier(item)]
    root = harvest(client, method="post", verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert listed_identifiers(root) == [identifier(item)]
    root = harvest(client, method="post", verb="Nope")
    assert error_codes(root) == ["badVerb"]


# --- Errors ---


@pytest.mark.parametrize(
    "query",
    [
        "",
        "verb=Harvest",
        "verb=Identify&verb=Identify",
        "verb=identify",
        "metadataPrefix=oai_dc",
    ],
)
def test_bad_verb(client, library_index, query):
    response = client.get(f"{reverse('library:oai')}?{query}")
    root = ET.fromstring(response.content)
    assert error_codes(root) == ["badVerb"]
    # The request is not echoed for badVerb.
    assert request_attributes(root) == {}
    assert root.find("oai:request", NS).text == "http://testserver/oai/"


@pytest.mark.parametrize(
    "query",
    [
        "verb=Identify&metadataPrefix=oai_dc",  # illegal argument
        "verb=ListRecords",  # metadataPrefix missing
        "verb=ListIdentifiers&from=2024-01-01",  # metadataPrefix missing
        "verb=GetRecord&metadataPrefix=oai_dc",  # identifier missing
        "verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc",  # repeated
        "verb=ListRecords&metadataPrefix=oai_dc&set=a&set=b",  # repeated
        "verb=ListRecords&metadataPrefix=oai_dc&from=2024-13-01",  # bad date
        "verb=ListRecords&metadataPrefix=oai_dc&from=01/02/2024",  # bad date
        "verb=ListRecords&metadataPrefix=oai_dc&until=2024-01-01T10:00:00",  # no Z
        "verb=ListRecords&metadataPrefix=oai_dc&from=2024-02-30",  # no such day
        "verb=ListRecords&metadataPrefix=oai_dc&from=",  # empty date
        "verb=ListRecords&metadataPrefix=oai_dc&from=%D9%A2024-01-01",  # not ASCII digits
        "verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01%0A",  # trailing newline
        "verb=ListRecords&metadataPrefix=oai_dc&from=2024-03-01&until=2024-02-01",  # from>until
        "verb=ListRecords&metadataPrefix=oai_dc&from=2024-02-01T10:00:01Z"
        "&until=2024-02-01T10:00:00Z",  # from > until, to the second
        "verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01&until=2024-02-01T00:00:00Z",
        "verb=ListRecords&resumptionToken=abc&metadataPrefix=oai_dc",  # token is exclusive
        "verb=ListIdentifiers&resumptionToken=abc&set=type",  # token is exclusive
        "verb=ListSets&set=type",  # illegal argument
        "verb=ListMetadataFormats&metadataPrefix=oai_dc",  # illegal argument
    ],
)
def test_bad_argument(client, library_index, query):
    make_item(library_index)
    response = client.get(f"{reverse('library:oai')}?{query}")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert set(error_codes(root)) == {"badArgument"}
    assert all(error.text for error in root.findall("oai:error", NS))
    assert request_attributes(root) == {}
    assert root.find("oai:ListRecords", NS) is None


def test_cannot_disseminate_format(client, library_index):
    item = make_item(library_index)
    for params in (
        {"verb": "ListRecords", "metadataPrefix": "marc21"},
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_DC"},
        {"verb": "GetRecord", "metadataPrefix": "mods", "identifier": identifier(item)},
    ):
        root = harvest(client, **params)
        assert error_codes(root) == ["cannotDisseminateFormat"]
        assert request_attributes(root) == params
    root = harvest(client, verb="GetRecord", metadataPrefix="mods", identifier="oai:x:library/1")
    assert error_codes(root) == ["cannotDisseminateFormat", "idDoesNotExist"]


@pytest.mark.parametrize(
    "value",
    [
        "oai:127.0.0.1:library/999999",
        "oai:127.0.0.1:library/99999999999999999999999",
        "oai:127.0.0.1:library/١٢",
        "oai:example.org:library/{pk}",
        "oai:127.0.0.1:library/{pk}x",
        "oai:127.0.0.1:library/",
        "{pk}",
        "",
    ],
)
def test_id_does_not_exist(client, library_index, value):
    item = make_item(library_index)
    value = value.format(pk=item.pk)
    root = harvest(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=value)
    assert error_codes(root) == ["idDoesNotExist"]
    assert request_attributes(root) == {
        "verb": "GetRecord",
        "metadataPrefix": "oai_dc",
        "identifier": value,
    }


def test_no_records_match(client, library_index):
    for verb in ("ListRecords", "ListIdentifiers"):
        root = harvest(client, verb=verb, metadataPrefix="oai_dc")
        assert error_codes(root) == ["noRecordsMatch"]
        assert request_attributes(root) == {"verb": verb, "metadataPrefix": "oai_dc"}


def test_bad_resumption_tokens(client, library_index, monkeypatch):
    monkeypatch.setattr(oai, "PAGE_SIZE", 1)
    make_item(library_index)
    make_item(library_index)
    root = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = root.findtext("oai:ListIdentifiers/oai:resumptionToken", namespaces=NS)
    assert token

    forged_payload = signing.loads(token, salt=oai.TOKEN_SALT)
    forged_payload["c"] = 1000
    forged = signing.dumps(forged_payload, salt="another-salt", compress=True)
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    for verb, value in (
        ("ListIdentifiers", "not-a-token"),
        ("ListIdentifiers", tampered),
        ("ListIdentifiers", forged),
        ("ListIdentifiers", signing.dumps({"v": "ListIdentifiers"}, salt=oai.TOKEN_SALT)),
        ("ListRecords", token),  # issued for another verb
        ("ListSets", token),  # ListSets hands out no tokens
    ):
        root = harvest(client, verb=verb, resumptionToken=value)
        assert error_codes(root) == ["badResumptionToken"], value
        assert request_attributes(root) == {"verb": verb, "resumptionToken": value}

    monkeypatch.setattr(oai, "TOKEN_MAX_AGE", -1)  # every token has expired
    root = harvest(client, verb="ListIdentifiers", resumptionToken=token)
    assert error_codes(root) == ["badResumptionToken"]


# --- Resumption ---


def test_resumption_returns_every_record_once(client, library_index, monkeypatch):
    monkeypatch.setattr(oai, "PAGE_SIZE", 2)
    stamp = datetime(2024, 5, 1, tzinfo=UTC)
    items = [make_item(library_index) for _ in range(4)]
    case = make_case(library_index)
    # Two share a datestamp: the page id breaks the tie, and the cursor keeps to it.
    for page, offset in zip([*items, case], (0, 1, 1, 2, 3), strict=True):
        set_published(page, stamp + timedelta(hours=offset))

    for verb in ("ListIdentifiers", "ListRecords"):
        headers, tokens = harvest_all(client, verb=verb, metadataPrefix="oai_dc")
        identifiers = [h.findtext("oai:identifier", namespaces=NS) for h in headers]
        assert identifiers == [identifier(page) for page in [*items, case]]
        assert [(t.get("cursor"), t.get("completeListSize")) for t in tokens] == [
            ("0", "5"),
            ("2", "5"),
            ("4", "5"),
        ]
        assert all(t.text for t in tokens[:-1])
        assert tokens[-1].text is None  # the last page's token is empty
        assert tokens[-1].get("expirationDate") is None
        expires = datetime.strptime(tokens[0].get("expirationDate"), "%Y-%m-%dT%H:%M:%SZ")
        assert expires.replace(tzinfo=UTC) > timezone.now() + timedelta(hours=23)


def test_resumption_keeps_the_arguments(client, library_index, monkeypatch):
    monkeypatch.setattr(oai, "PAGE_SIZE", 2)
    subject = Subject.objects.create(name="Cải cách hành chính")
    inside = [make_item(library_index, subjects=[subject]) for _ in range(5)]
    make_item(library_index)  # not in the set
    too_late = make_item(library_index, subjects=[subject])
    for index, page in enumerate(inside):
        set_published(page, datetime(2024, 1, 1 + index, tzinfo=UTC))
    set_published(too_late, datetime(2024, 12, 1, tzinfo=UTC))

    headers, tokens = harvest_all(
        client,
        verb="ListRecords",
        metadataPrefix="oai_dc",
        set=f"subject:{subject.pk}",
        from_="2024-01-02",
        until="2024-06-30",
    )
    identifiers = [h.findtext("oai:identifier", namespaces=NS) for h in headers]
    assert identifiers == [identifier(page) for page in inside[1:]]
    assert [t.get("completeListSize") for t in tokens] == ["4", "4"]


def test_items_published_while_harvesting_are_neither_skipped_nor_repeated(
    client, library_index, monkeypatch
):
    monkeypatch.setattr(oai, "PAGE_SIZE", 2)
    first = [make_item(library_index) for _ in range(3)]
    for index, page in enumerate(first):
        set_published(page, datetime(2024, 1, 1 + index, tzinfo=UTC))

    root = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    seen = listed_identifiers(root)
    token = root.findtext("oai:ListIdentifiers/oai:resumptionToken", namespaces=NS)
    late = make_item(library_index)  # published now, after everything listed so far
    while token:
        root = harvest(client, verb="ListIdentifiers", resumptionToken=token)
        seen += listed_identifiers(root)
        token = root.findtext("oai:ListIdentifiers/oai:resumptionToken", namespaces=NS)

    assert seen == [identifier(page) for page in [*first, late]]


# --- Query budget ---


def _queries_for(client, verb):
    with CaptureQueriesContext(connection) as context:
        root = harvest(client, verb=verb, metadataPrefix="oai_dc")
    return len(context.captured_queries), len(listed_identifiers(root))


def test_query_count_does_not_grow_with_the_records(client, library_index):
    subjects = [Subject.objects.create(name=f"Chủ đề {n}") for n in range(3)]
    body = IssuingBody.objects.create(name="Bộ Nội vụ")
    document = make_document()

    def add(count):
        for n in range(count):
            replacement = make_item(library_index) if n % 10 == 0 else None
            make_item(
                library_index,
                subjects=subjects[: 1 + n % 3],
                tags=["chuyển đổi số", f"từ khóa {n % 4}"],
                issuing_body=body,
                document=document,
                replaced_by=replacement,
                authors="A; B",
            )
        law = make_item(library_index)
        make_case(library_index, subjects=subjects[:2], related=[law])
        retired = make_item(library_index, subjects=subjects[:1])
        LibraryItemPage.objects.filter(pk=retired.pk).update(retired_at=timezone.now())

    add(5)
    # Wagtail caches the sites' root paths (for page URLs) after the first request.
    harvest(client, verb="ListRecords", metadataPrefix="oai_dc")
    few = {verb: _queries_for(client, verb) for verb in ("ListRecords", "ListIdentifiers")}
    add(45)
    many = {verb: _queries_for(client, verb) for verb in ("ListRecords", "ListIdentifiers")}

    for verb in ("ListRecords", "ListIdentifiers"):
        (few_queries, few_records), (many_queries, many_records) = few[verb], many[verb]
        assert many_records > few_records * 5
        assert many_queries == few_queries, verb
        assert many_queries <= 12, verb


def test_query_count_with_resumption_does_not_grow(client, library_index, monkeypatch):
    monkeypatch.setattr(oai, "PAGE_SIZE", 3)
    subject = Subject.objects.create(name="Chủ đề")

    def counts():
        with CaptureQueriesContext(connection) as first:
            root = harvest(client, verb="ListRecords", metadataPrefix="oai_dc")
        token = root.findtext("oai:ListRecords/oai:resumptionToken", namespaces=NS)
        with CaptureQueriesContext(connection) as second:
            harvest(client, verb="ListRecords", resumptionToken=token)
        return len(first.captured_queries), len(second.captured_queries)

    for _ in range(5):
        make_item(library_index, subjects=[subject], tags=["a"])
    harvest(client, verb="ListRecords", metadataPrefix="oai_dc")  # warm the site cache
    few = counts()
    for _ in range(20):
        make_item(library_index, subjects=[subject], tags=["a"])
    assert counts() == few
