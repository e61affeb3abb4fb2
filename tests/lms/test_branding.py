import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page, Site

from lms.models import HomePage
from themes.models import SiteBranding

pytestmark = pytest.mark.django_db


def test_branding_is_shown_on_every_page(client, home_page):
    branding = SiteBranding.for_site(Site.objects.get(is_default_site=True))
    branding.site_name = "Cổng học tập Học viện"
    branding.unit_name = "Học viện Hành chính và Quản trị công"
    branding.primary_colour = "#123456"
    branding.footer_text = "Số 77 Nguyễn Chí Thanh"
    branding.save()
    for url in ("/", "/thu-vien/"):
        html = client.get(url).content.decode()
        assert "Cổng học tập Học viện" in html
        assert "Học viện Hành chính và Quản trị công" in html
        assert "--brand: #123456;" in html
        assert "Số 77 Nguyễn Chí Thanh" in html


def test_each_site_has_its_own_branding(client, root_page, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "tct.example.vn"]
    second_home = root_page.add_child(instance=HomePage(title="Trường Chính trị tỉnh", slug="tct"))
    Site.objects.create(hostname="tct.example.vn", root_page=second_home)
    SiteBranding.objects.create(
        site=Site.objects.get(hostname="tct.example.vn"), site_name="Trường Chính trị tỉnh"
    )
    html = client.get("/", HTTP_HOST="tct.example.vn").content.decode()
    assert "Trường Chính trị tỉnh" in html
    assert Page.objects.type(HomePage).count() == 2


def test_colours_must_be_hex():
    branding = SiteBranding(site=Site.objects.get(), primary_colour="red; } body { display:none")
    with pytest.raises(ValidationError) as error:
        branding.full_clean()
    assert "primary_colour" in error.value.message_dict
