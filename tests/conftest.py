import pytest
from django.core.cache import cache
from wagtail.models import Page

from lessons.models import ProgramIndexPage
from library.models import LibraryIndexPage
from lms.models import HomePage


@pytest.fixture(autouse=True)
def _clear_cache():
    # django-axes and the settings cache keep state between tests otherwise.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    return HomePage.objects.get()


@pytest.fixture
def program_index(db):
    return ProgramIndexPage.objects.get()


@pytest.fixture
def library_index(db):
    return LibraryIndexPage.objects.get()


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()
