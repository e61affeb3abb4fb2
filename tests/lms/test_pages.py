import pytest
from wagtail.models import Page

from lessons.models import ProgramIndexPage
from library.models import LibraryIndexPage
from lms.models import HomePage

pytestmark = pytest.mark.django_db


def test_migrations_build_the_page_tree(home_page, program_index, library_index):
    assert home_page.get_parent().depth == 1
    assert program_index.get_parent().specific == home_page
    assert library_index.get_parent().specific == home_page


@pytest.mark.parametrize(
    ("child", "parent", "allowed"),
    [
        (HomePage, Page, True),
        (HomePage, HomePage, False),
        (ProgramIndexPage, HomePage, True),
        (ProgramIndexPage, LibraryIndexPage, False),
        (LibraryIndexPage, HomePage, True),
        (LibraryIndexPage, ProgramIndexPage, False),
    ],
)
def test_page_types_are_creatable_only_where_allowed(child, parent, allowed):
    assert (parent in child.allowed_parent_page_models()) is allowed


def test_each_training_unit_may_have_its_own_home_page(root_page):
    assert HomePage.can_create_at(root_page)


def test_only_one_program_index_per_home(home_page):
    assert not ProgramIndexPage.can_create_at(home_page)
    assert not LibraryIndexPage.can_create_at(home_page)


@pytest.mark.parametrize("url", ["/", "/chuong-trinh/", "/thu-vien/"])
def test_pages_render_in_vietnamese(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Chuyển đến nội dung chính" in html
    assert 'href="/chuong-trinh/"' in html and 'href="/thu-vien/"' in html


def test_home_page_body_renders_blocks(client, home_page):
    home_page.body = [
        ("heading", "Học mọi lúc"),
        ("callout", {"title": "Lưu ý", "text": "<p>Nội dung ghi chú</p>"}),
    ]
    home_page.save_revision().publish()
    html = client.get("/").content.decode()
    assert "<h2>Học mọi lúc</h2>" in html
    assert "Nội dung ghi chú" in html


def test_breadcrumbs_on_section_pages(client):
    html = client.get("/thu-vien/").content.decode()
    assert 'aria-current="page">Thư viện số</li>' in html


def test_home_page_query_count_stays_constant(client, home_page, django_assert_max_num_queries):
    client.get("/")  # warm the site and settings caches
    with django_assert_max_num_queries(8):
        client.get("/")
    home_page.body = [("heading", f"Đề mục {n}") for n in range(30)]
    home_page.save_revision().publish()
    client.get("/")
    with django_assert_max_num_queries(8):
        client.get("/")


def test_unknown_page_gives_vietnamese_404(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
