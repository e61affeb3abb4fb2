"""library_search: Vietnamese folding, exact-first ranking, phrases, filters, sorts, the page."""

import datetime
import unicodedata

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from library.models import IssuingBody, MaterialType, Subject, Visibility
from library.search import (
    SearchParamError,
    parse_query,
    parse_search_params,
    search_expression,
)
from library.selectors import library_search
from lms.models import Rank
from tests.factories import ProfileFactory, TrainingUnitFactory, librarian
from tests.library.builders import make_case_study, make_item

pytestmark = pytest.mark.django_db

PHRASE = "quản lý nhà nước"
LETTERS = tuple("aăâbcdđeêghiklmnoôơpqrstu")


def _titles(result):
    return [row["title"] for row in result.results]


def _search(query="", user=None, **kwargs):
    from django.contrib.auth.models import AnonymousUser

    return library_search(query=query, user=user or AnonymousUser(), **kwargs)


def _facet(result, name):
    return {value.value: value.count for value in result.facets[name]}


def _member(unit):
    return ProfileFactory(unit=unit).user


# --- Query parsing -------------------------------------------------------------------------


def test_parse_query_normalises_case_and_unicode_form():
    parsed = parse_query(unicodedata.normalize("NFD", "QUẢN LÝ  Nhà nước"))
    assert parsed.words == ("quản", "lý", "nhà", "nước")
    assert parsed.folded().words == ("quan", "ly", "nha", "nuoc")


def test_parse_query_reads_phrases_in_straight_and_curly_quotes():
    parsed = parse_query('cải cách “Nhà nước  pháp quyền” "chuyển đổi số')
    assert parsed.words == ("cải", "cách")
    assert parsed.phrases == ("nhà nước pháp quyền", "chuyển đổi số")
    assert parsed.folded().phrases == ("nha nuoc phap quyen", "chuyen doi so")
    assert len(parsed.ordered) == 9


def test_parse_query_keeps_document_numbers_together():
    parsed = parse_query("Nghị định 89/2021/NĐ-CP,")
    assert parsed.words == ("nghị", "định")
    assert parsed.compounds == ("89/2021/nđ-cp",)
    assert parsed.ordered == ("nghị", "định", "89", "2021", "nđ", "cp")
    assert parsed.folded().compounds == ("89/2021/nd-cp",)


def test_an_ascii_query_is_sent_once_and_a_vietnamese_one_twice():
    from wagtail.search.query import Or, PlainText

    assert isinstance(search_expression(parse_query("quan ly")), PlainText)
    both = search_expression(parse_query("quản lý"))
    assert isinstance(both, Or)
    assert [q.query_string for q in both.subqueries] == ["quản lý", "quan ly"]
    assert search_expression(parse_query("  ?! ")) is None


# --- Folding and ranking -------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "quan ly nha nuoc",
        "QUẢN LÝ NHÀ NƯỚC",
        unicodedata.normalize("NFD", "quản lý nhà nước"),
        "Quan Ly Nha Nuoc",
        "quản lý nha nuoc",
    ],
)
def test_folded_uppercase_and_nfd_queries_find_the_item(library_index, query):
    make_item(title="Giáo trình Quản lý nhà nước về kinh tế")
    make_item(title="Luật Đất đai 2024")
    assert _titles(_search(query)) == ["Giáo trình Quản lý nhà nước về kinh tế"]


def test_d_with_stroke_folds_to_d(library_index):
    make_item(title="Đề án đào tạo cán bộ Đà Nẵng")
    assert _titles(_search("de an dao tao da nang")) == ["Đề án đào tạo cán bộ Đà Nẵng"]
    assert _titles(_search("ĐỀ ÁN")) == ["Đề án đào tạo cán bộ Đà Nẵng"]


def test_the_summary_and_the_document_number_are_searched(library_index):
    make_item(
        title="Nghị định về đào tạo, bồi dưỡng cán bộ",
        document_number="89/2021/NĐ-CP",
        summary="Sửa đổi Nghị định 101/2017 về bồi dưỡng công chức, viên chức.",
    )
    for number in ("89/2021/ND-CP", "89/2021/nđ-cp", "Nghị định 89/2021/NĐ-CP", '"89/2021/NĐ-CP"'):
        assert len(_search(number).results) == 1, number
    assert _search("89/2022/ND-CP").total == 0
    assert len(_search("vien chuc").results) == 1
    assert _search("chuyển đổi số").total == 0


def test_exact_diacritics_rank_above_folded_matches(library_index):
    # The folded-only ones are older and shorter: the backend alone would rank them first.
    make_item(title="Quan ly nha nuoc")
    make_item(title="Quán lý nhà nước")
    make_item(title="Bài giảng về quản lý nhà nước trong lĩnh vực giáo dục và đào tạo")
    for query in (PHRASE, "QUẢN LÝ NHÀ NƯỚC", unicodedata.normalize("NFD", PHRASE)):
        titles = _titles(_search(query))
        assert len(titles) == 3
        assert titles[0] == "Bài giảng về quản lý nhà nước trong lĩnh vực giáo dục và đào tạo"


def test_a_title_match_ranks_above_a_summary_match(library_index):
    make_item(title="Tài liệu bồi dưỡng", summary="Về cải cách hành chính ở cấp xã.")
    make_item(title="Cải cách hành chính giai đoạn 2021–2030")
    assert _titles(_search("cải cách hành chính"))[0] == "Cải cách hành chính giai đoạn 2021–2030"


def test_a_quoted_phrase_needs_the_words_together(library_index):
    make_item(title="Xây dựng Nhà nước pháp quyền xã hội chủ nghĩa")
    make_item(title="Pháp luật về quyền của nhà nước và công dân")
    assert _search("nhà nước pháp quyền").total == 2
    assert _titles(_search('"nhà nước pháp quyền"')) == [
        "Xây dựng Nhà nước pháp quyền xã hội chủ nghĩa"
    ]
    assert _titles(_search("“nha nuoc phap quyen”")) == [
        "Xây dựng Nhà nước pháp quyền xã hội chủ nghĩa"
    ]
    assert _search('"quyền nhà nước pháp"').total == 0


def test_case_studies_are_searched_too(library_index):
    make_case_study(
        title="Tình huống: khiếu nại về đất đai",
        situation="<p>Ủy ban nhân dân xã chậm giải quyết <b>đơn khiếu nại</b>.</p>",
    )
    make_item(title="Luật Khiếu nại 2011")
    result = _search("khieu nai")
    assert {row["kind"] for row in result.results} == {"item", "case"}
    case = next(row for row in result.results if row["kind"] == "case")
    assert case["type_label"] == "Tình huống"
    assert "<mark>khiếu nại</mark>" not in case["snippet"]  # words are marked one by one
    assert "<mark>khiếu</mark> <mark>nại</mark>" in case["snippet"]
    assert "<b>" not in case["snippet"]


def test_snippets_are_escaped_and_mark_the_match(library_index):
    make_item(
        title="Tài liệu",
        summary="Lời nói đầu <script>alert(1)</script>. " * 8
        + "Chương về Quản lý Nhà nước đối với công chức. Phần cuối.",
    )
    row = _search("quan ly nha nuoc").results[0]
    snippet = str(row["snippet"])
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet
    assert "<mark>Quản</mark> <mark>lý</mark> <mark>Nhà</mark> <mark>nước</mark>" in snippet
    assert snippet.startswith("… ")
    assert len(snippet) < 600
    # A quoted phrase is marked whole, and only where the words are together.
    snippet = str(_search('"quan ly nha nuoc"').results[0]["snippet"])
    assert "<mark>Quản lý Nhà nước</mark>" in snippet
    assert snippet.count("<mark>") == 1


def test_an_empty_query_lists_everything_visible_newest_first(library_index):
    make_item(title="Cũ", issue_date=datetime.date(2015, 1, 2))
    make_item(title="Mới", issue_date=datetime.date(2024, 5, 6))
    result = _search("")
    assert _titles(result) == ["Mới", "Cũ"]
    assert result.results[0]["date"] == datetime.date(2024, 5, 6)


# --- Visibility ----------------------------------------------------------------------------


def test_private_items_never_appear_for_guests_or_other_units(library_index):
    unit, other = TrainingUnitFactory(), TrainingUnitFactory()
    make_item(title="Quản lý nhà nước: công khai")
    make_item(title="Quản lý nhà nước: nội bộ", visibility=Visibility.UNIT, owner_unit=unit)
    make_item(title="Quản lý nhà nước: thành viên", visibility=Visibility.SIGNED_IN)
    make_item(title="Quản lý nhà nước: bản nháp", live=False)
    make_case_study(
        title="Quản lý nhà nước: tình huống nội bộ", visibility=Visibility.UNIT, owner_unit=unit
    )
    guest = _search("quan ly nha nuoc")
    assert _titles(guest) == ["Quản lý nhà nước: công khai"]
    assert guest.total == 1
    assert _facet(guest, "unit") == {}
    assert _facet(guest, "kind") == {"item": 1}

    outsider = _search("quan ly nha nuoc", user=_member(other))
    assert set(_titles(outsider)) == {"Quản lý nhà nước: công khai", "Quản lý nhà nước: thành viên"}

    member = _search("quan ly nha nuoc", user=_member(unit))
    assert set(_titles(member)) == {
        "Quản lý nhà nước: công khai",
        "Quản lý nhà nước: thành viên",
        "Quản lý nhà nước: nội bộ",
        "Quản lý nhà nước: tình huống nội bộ",
    }
    assert _facet(member, "unit") == {unit.pk: 2}
    assert _search("quan ly nha nuoc", user=librarian()).total == 4


def test_a_retired_item_is_not_found(library_index):
    from django.utils import timezone

    item = make_item(title="Quản lý nhà nước (đã thu hồi)")
    type(item).objects.filter(pk=item.pk).update(retired_at=timezone.now())
    assert _search("quan ly").total == 0


# --- Filters and facets --------------------------------------------------------------------


@pytest.fixture
def catalogue(library_index):
    """Seven items and a case study about "công vụ" with varied metadata, and one unrelated."""
    unit_a, unit_b = TrainingUnitFactory(name="Học viện A"), TrainingUnitFactory(name="Trường B")
    government = IssuingBody.objects.create(name="Chính phủ")
    assembly = IssuingBody.objects.create(name="Quốc hội")
    broad = Subject.objects.create(name="Tổ chức bộ máy")
    narrow = Subject.objects.create(name="Công vụ", parent=broad)
    other = Subject.objects.create(name="Kinh tế")
    rank = Rank.objects.get(code="01.003")
    senior = Rank.objects.create(code="99.901", name="Ngạch thử nghiệm", level=9)
    decree, law, textbook = (
        MaterialType.objects.get(code=code) for code in ("nghi-dinh", "luat", "giao-trinh")
    )

    def item(title, **fields):
        return make_item(title=f"Công vụ: {title}", **fields)

    items = {
        "a": item(
            "a",
            material_type=decree,
            issuing_body=government,
            year=2021,
            subjects=[narrow],
            audience_ranks=[rank],
            owner_unit=unit_a,
        ),
        "b": item(
            "b",
            material_type=decree,
            issuing_body=government,
            year=2020,
            subjects=[broad],
            owner_unit=unit_a,
        ),
        "c": item(
            "c",
            material_type=law,
            issuing_body=assembly,
            year=2021,
            subjects=[other],
            audience_ranks=[rank, senior],
            owner_unit=unit_b,
        ),
        "d": item("d", material_type=law, issuing_body=assembly, year=2019),
        "e": item("e", material_type=textbook, year=2021, subjects=[narrow, other]),
        "f": item("f", material_type=textbook, issue_date=datetime.date(2018, 3, 1)),
        "g": item(
            "g",
            material_type=decree,
            issuing_body=government,
            year=2021,
            visibility=Visibility.UNIT,
            owner_unit=unit_b,
        ),
    }
    make_case_study(title="Công vụ: tình huống", subjects=[narrow], owner_unit=unit_a)
    make_item(title="Đất đai", material_type=law, issuing_body=assembly, year=2021)
    return {
        "items": items,
        "units": (unit_a, unit_b),
        "bodies": (government, assembly),
        "subjects": (broad, narrow, other),
        "ranks": (rank, senior),
        "types": (decree, law, textbook),
    }


def test_facets_count_every_visible_hit_not_only_the_page(catalogue):
    decree, law, textbook = catalogue["types"]
    government, assembly = catalogue["bodies"]
    broad, narrow, other = catalogue["subjects"]
    rank, senior = catalogue["ranks"]
    unit_a, unit_b = catalogue["units"]
    result = _search("cong vu", per_page=2)
    assert result.total == 7 and len(result.results) == 2 and result.pages == 4
    assert _facet(result, "kind") == {"item": 6, "case": 1}
    assert _facet(result, "type") == {decree.pk: 2, law.pk: 2, textbook.pk: 2}
    assert _facet(result, "issuer") == {government.pk: 2, assembly.pk: 2}
    assert _facet(result, "year") == {2021: 3, 2020: 1, 2019: 1, 2018: 1}
    # A broader subject counts what is filed under its narrower ones.
    assert _facet(result, "subject") == {broad.pk: 4, narrow.pk: 3, other.pk: 2}
    assert _facet(result, "rank") == {rank.pk: 2, senior.pk: 1}
    assert _facet(result, "unit") == {unit_a.pk: 3, unit_b.pk: 1}
    labels = {value.value: value.label for value in result.facets["subject"]}
    assert labels[narrow.pk] == "Tổ chức bộ máy › Công vụ"
    assert [value.value for value in result.facets["year"]] == [2021, 2020, 2019, 2018]
    # Plain (value, label, count) tuples.
    value, _label, count = result.facets["kind"][0]
    assert (value, count) == ("item", 6)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (lambda c: {"type": [c["types"][0].pk]}, {"a", "b"}),
        (lambda c: {"type": [c["types"][0].pk, c["types"][1].pk]}, {"a", "b", "c", "d"}),
        (lambda c: {"issuer": [c["bodies"][1].pk]}, {"c", "d"}),
        (lambda c: {"year": [2021]}, {"a", "c", "e"}),
        (lambda c: {"year": ["2018"]}, {"f"}),
        (lambda c: {"subject": [c["subjects"][0].pk]}, {"a", "b", "e", "tình huống"}),
        (lambda c: {"subject": [c["subjects"][2].pk]}, {"c", "e"}),
        (lambda c: {"rank": [c["ranks"][1].pk]}, {"c"}),
        (lambda c: {"unit": [c["units"][0].pk]}, {"a", "b", "tình huống"}),
        (lambda c: {"kind": ["case"]}, {"tình huống"}),
        (lambda c: {"year": [2021], "type": [c["types"][1].pk]}, {"c"}),
    ],
)
def test_each_filter_narrows_the_hits(catalogue, filters, expected):
    result = _search("công vụ", filters=filters(catalogue))
    assert {title.removeprefix("Công vụ: ") for title in _titles(result)} == expected
    assert result.total == len(expected)


def test_a_facet_is_counted_without_its_own_filter(catalogue):
    decree, law, textbook = catalogue["types"]
    government, assembly = catalogue["bodies"]
    result = _search("cong vu", filters={"type": [decree.pk], "year": [2021]})
    assert _titles(result) == ["Công vụ: a"]
    # Other types stay offered (with the year filter applied), so one can widen the choice.
    assert _facet(result, "type") == {decree.pk: 1, law.pk: 1, textbook.pk: 1}
    assert _facet(result, "year") == {2021: 1, 2020: 1}
    assert _facet(result, "issuer") == {government.pk: 1}
    assert result.filters == {"type": [decree.pk], "year": [2021]}


def test_a_selected_value_without_hits_stays_in_its_facet(catalogue):
    result = _search("cong vu", filters={"year": [1999]})
    assert result.total == 0
    assert (1999, "1999", 0) in result.facets["year"]


def test_bad_filters_sort_and_page_are_refused(library_index):
    for kwargs in (
        {"filters": {"type": ["abc"]}},
        {"filters": {"colour": [1]}},
        {"filters": {"kind": ["book"]}},
        {"sort": "price"},
        {"page": 0},
        {"page": "abc"},
    ):
        with pytest.raises(SearchParamError):
            _search("x", **kwargs)


def test_a_page_past_the_end_shows_the_last_page(library_index):
    for number in range(3):
        make_item(title=f"Công vụ {number}")
    result = _search("cong vu", per_page=2, page=9)
    assert (result.page, result.pages, len(result.results)) == (2, 2, 1)


# --- Sorting -------------------------------------------------------------------------------


def test_title_sort_follows_the_vietnamese_alphabet(library_index):
    for title in ("Đức", "Dũng", "Ánh", "Bình", "An", "Ăn", "Anh"):
        make_item(title=f"{title} công vụ")
    titles = _titles(_search("cong vu", sort="title"))
    assert [title.split()[0] for title in titles] == [
        "An",
        "Anh",
        "Ánh",
        "Ăn",
        "Bình",
        "Dũng",
        "Đức",
    ]


def test_newest_sort_uses_the_issue_date_then_the_publication(library_index):
    make_item(title="Công vụ 2019", issue_date=datetime.date(2019, 1, 1))
    make_item(title="Công vụ 2023", issue_date=datetime.date(2023, 1, 1))
    make_item(title="Công vụ hôm nay")  # no issue date: first published today
    make_case_study(title="Công vụ: tình huống")
    titles = _titles(_search("cong vu", sort="newest"))
    assert titles[2:] == ["Công vụ 2023", "Công vụ 2019"]
    assert set(titles[:2]) == {"Công vụ hôm nay", "Công vụ: tình huống"}


# --- Query counts --------------------------------------------------------------------------


def _queries(django_assert_max_num_queries, **kwargs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        _search(**kwargs)
    return len(context.captured_queries)


def test_query_count_does_not_grow_with_the_hits_shown(library_index):
    unit = TrainingUnitFactory()
    subject = Subject.objects.create(name="Công vụ")
    rank = Rank.objects.get(code="01.003")
    body = IssuingBody.objects.create(name="Bộ Nội vụ")
    user = _member(unit)

    def add(start, stop):
        # "Công vụ b" and its case study "Công vụ b tình huống" sort next to each other,
        # so every page shows both kinds.
        for number in range(start, stop):
            make_item(
                title=f"Công vụ {LETTERS[number]}",
                summary="Về quản lý công vụ.",
                subjects=[subject],
                audience_ranks=[rank],
                issuing_body=body,
                owner_unit=unit,
                year=2000 + number,
            )
            make_case_study(title=f"Công vụ {LETTERS[number]} tình huống", subjects=[subject])

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    add(0, 3)
    _search("cong vu", user=user)  # warm caches (site root paths)
    counts = []
    for total, per_page in ((3, 5), (25, 20)):
        add(3, total)
        user = type(user).objects.get(pk=user.pk)
        with CaptureQueriesContext(connection) as context:
            result = _search("cong vu", user=user, per_page=per_page, sort="title")
        assert len(result.results) == min(2 * total, per_page)
        assert {row["kind"] for row in result.results} == {"item", "case"}
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 18


# --- The search page -----------------------------------------------------------------------


def test_parse_search_params_reads_lists_and_refuses_bad_values():
    from django.http import QueryDict

    params = parse_search_params(QueryDict("q=quan+ly&type=3&type=4&year=2021&sort=title&page=2"))
    assert params.query == "quan ly"
    assert params.filters == {"type": [3, 4], "year": [2021]}
    assert (params.sort, params.page) == ("title", 2)
    for bad in ("page=abc", "page=-1", "sort=price", "type=x", "kind=book", "per_page=1000"):
        with pytest.raises(SearchParamError):
            parse_search_params(QueryDict(bad))


def test_the_search_page_shows_results_facets_and_sort(client, catalogue):
    response = client.get(reverse("library:search"), {"q": "cong vu", "per_page": 3})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("input[name=q]")["value"] == "cong vu"
    results = page.select(".search-results > li")
    assert len(results) == 3
    assert results[0].select_one("a")["href"]
    assert page.select("mark")
    # Facets are checkboxes in the same form; counts beside the labels.
    decree = catalogue["types"][0]
    box = page.select_one(f"input[name=type][value='{decree.pk}']")
    assert box is not None and not box.has_attr("checked")
    assert "(2)" in box.find_parent("label").get_text()
    assert page.select_one("select[name=sort]")
    assert page.select_one("nav.pagination a[href*='page=2']")
    assert "7" in page.select_one(".search-summary").get_text()


def test_the_search_page_keeps_the_chosen_filters(client, catalogue):
    decree = catalogue["types"][0]
    response = client.get(
        reverse("library:search"), {"q": "cong vu", "type": decree.pk, "sort": "title"}
    )
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one(f"input[name=type][value='{decree.pk}']").has_attr("checked")
    assert page.select_one("select[name=sort] option[selected]")["value"] == "title"
    assert [" ".join(a.get_text().split()) for a in page.select(".search-results h3 a")] == [
        "Công vụ: a",
        "Công vụ: b",
    ]
    # Paging links keep the query and the filters.
    response = client.get(
        reverse("library:search"), {"q": "cong vu", "type": decree.pk, "per_page": 1}
    )
    page = BeautifulSoup(response.content, "html.parser")
    link = page.select_one("nav.pagination a[href*='page=2']")["href"]
    assert f"type={decree.pk}" in link and "q=cong+vu" in link


def test_the_search_page_has_an_empty_state_in_vietnamese(client, library_index):
    response = client.get(reverse("library:search"), {"q": "không có gì như thế này"})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one(".search-empty .empty") is not None
    assert not page.select(".search-results")


def test_the_search_page_refuses_bad_parameters_with_a_message(client, library_index):
    response = client.get(reverse("library:search"), {"q": "x", "page": "abc"})
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one(".form-errors") is not None
    assert page.select_one("input[name=q]")["value"] == "x"


def test_the_search_page_needs_no_script(client, catalogue):
    response = client.get(reverse("library:search"), {"q": "cong vu"})
    page = BeautifulSoup(response.content, "html.parser")
    assert not page.select("main script")
    form = page.select_one("form[role=search]")
    assert form["method"].lower() == "get"
    assert form.select_one("button[type=submit]")


def test_the_search_page_hides_private_items_from_guests(client, library_index):
    unit = TrainingUnitFactory()
    make_item(title="Công vụ: riêng", visibility=Visibility.UNIT, owner_unit=unit)
    response = client.get(reverse("library:search"), {"q": "cong vu"})
    assert "riêng" not in response.content.decode()
    client.force_login(_member(unit))
    response = client.get(reverse("library:search"), {"q": "cong vu"})
    assert "riêng" in response.content.decode()


def test_the_search_page_query_count_does_not_grow_with_the_results(client, library_index):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    subject = Subject.objects.create(name="Công vụ")
    for number in range(25):
        make_item(title=f"Công vụ {number}", subjects=[subject], year=2000 + number % 5)
    client.get(reverse("library:search"), {"q": "cong vu"})
    counts = []
    for per_page in (5, 20):
        with CaptureQueriesContext(connection) as context:
            response = client.get(reverse("library:search"), {"q": "cong vu", "per_page": per_page})
        assert response.status_code == 200
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1], counts


# --- The generic path (PostgreSQL, OpenSearch/Elasticsearch) -------------------------------


@pytest.fixture
def generic_path(monkeypatch):
    """Search through ``QuerySet.search()`` as on backends other than SQLite FTS5."""
    import library.search

    monkeypatch.setattr(library.search, "_sqlite_backend", lambda backend: False)


def test_the_generic_path_folds_ranks_and_hides_the_same(library_index, generic_path):
    unit = TrainingUnitFactory()
    make_item(title="Quan ly nha nuoc")
    make_item(title="Bài giảng về quản lý nhà nước trong giáo dục")
    make_item(title="Quản lý nhà nước: nội bộ", visibility=Visibility.UNIT, owner_unit=unit)
    make_case_study(title="Tình huống quản lý nhà nước ở cấp xã")
    titles = _titles(_search(PHRASE))
    assert set(titles[:2]) == {
        "Bài giảng về quản lý nhà nước trong giáo dục",
        "Tình huống quản lý nhà nước ở cấp xã",
    }
    assert titles[2:] == ["Quan ly nha nuoc"]
    assert _search("quan ly nha nuoc", user=_member(unit)).total == 4
    assert _titles(_search('"nha nuoc o cap xa"')) == ["Tình huống quản lý nhà nước ở cấp xã"]


def test_a_visibility_rule_the_index_cannot_filter_still_applies(
    library_index, generic_path, monkeypatch
):
    import library.selectors

    make_item(title="Công vụ: một", slug="cong-vu-mot")
    make_item(title="Công vụ: hai", slug="cong-vu-hai")
    visible = library.selectors.items_visible_to
    # slug is no filter field of the index: the search cannot apply this rule itself.
    monkeypatch.setattr(
        library.selectors,
        "items_visible_to",
        lambda *, user: visible(user=user).filter(slug__endswith="mot"),
    )
    assert _titles(_search("cong vu")) == ["Công vụ: một"]
