"""The database side of the library benchmark (bench/library.py), without any timing.

The benchmark itself is not collected by pytest; these tests keep its bulk-made library in
step with what publishing makes (tree paths, index entries, folded text) and prove that
every URL it measures answers 200 for both users and finds what it should.
"""

import argparse
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from wagtail.models import Page

from library.models import LibraryIndexPage, LibraryItemPage, Visibility
from library.selectors import items_visible_to, library_search
from lms.text import fold
from tests.bench_scripts import load_bench_script

pytestmark = pytest.mark.django_db

ITEMS = 60


@pytest.fixture(scope="module")
def bench_library():
    return load_bench_script("library")


@pytest.fixture
def library(bench_library, library_index):
    return bench_library.setup(argparse.Namespace(items=ITEMS))


def _client(library, label):
    user = next(user for user in library["users"] if user["label"] == label)
    client = Client()
    if user["session"]:
        client.cookies[library["session_cookie"]] = user["session"]
    return client


def _endpoint(library, label):
    return next(row for row in library["endpoints"] if row["label"] == label)


def test_setup_builds_pages_as_publishing_would(library):
    index = LibraryIndexPage.objects.get()
    items = LibraryItemPage.objects.child_of(index)
    assert items.count() == ITEMS == library["items"]
    index.refresh_from_db()
    assert index.numchild == ITEMS
    # The tree is consistent: treebeard finds every child and the paths are unique.
    assert Page.find_problems() == ([], [], [], [], [])
    assert {item.specific_class for item in index.get_children()} == {LibraryItemPage}
    for item in items:
        assert item.url_path == f"{index.url_path}{item.slug}/"
        assert item.live and item.first_published_at
        assert item.subjects.exists()
    assert {item.visibility for item in items} == set(Visibility.values)


def test_every_item_is_in_the_search_index(library, bench_library):
    guest_visible = items_visible_to(user=AnonymousUser()).count()
    for item in LibraryItemPage.objects.all()[:ITEMS:7]:
        # Its own number finds it, typed without diacritics: the folded index is there.
        words = fold(item.title).split()[:6]
        found = library_search(query=" ".join(words), user=AnonymousUser(), per_page=100)
        if item.visibility == Visibility.PUBLIC:
            assert item.pk in {row["id"] for row in found.results}, item.title
    assert 0 < guest_visible < ITEMS


def test_the_queries_find_what_the_scenario_says(library):
    # Every word somewhere in the item's text (not necessarily together).
    about = [
        item
        for item in items_visible_to(user=AnonymousUser())
        if {"quan", "ly", "nha", "nuoc"}
        <= set(re.findall(r"\w+", fold(f"{item.title} {item.summary}")))
    ]
    folded = _endpoint(library, "folded")
    assert folded["matches"]["guest"] == len(about) > 0
    assert folded["matches"]["learner"] > folded["matches"]["guest"]
    exact = _endpoint(library, "exact")
    # The exact query finds the folded set too; the exact matches come first.
    assert exact["matches"] == folded["matches"]
    result = library_search(query="quản lý nhà nước", user=AnonymousUser(), per_page=100)
    exact_first = ["quản lý nhà nước" in row["title"].casefold() for row in result.results]
    assert exact_first == sorted(exact_first, reverse=True) and not all(exact_first)
    phrase = _endpoint(library, "phrase")
    assert 0 < phrase["matches"]["guest"] < ITEMS


def test_every_measured_url_answers_200_for_both_users(library):
    assert [user["label"] for user in library["users"]] == ["guest", "learner"]
    assert library["session_cookie"] == settings.SESSION_COOKIE_NAME
    for label in ("guest", "learner"):
        client = _client(library, label)
        for row in library["endpoints"]:
            response = client.get(row["path"])
            assert response.status_code == 200, (label, row["path"])
            if row["label"].startswith("api"):
                assert json.loads(response.content)["total"] == row["matches"][label]
            else:
                page = BeautifulSoup(response.content, "html.parser")
                shown = page.select(".search-results > li")
                assert len(shown) == min(20, row["matches"][label]), (label, row["label"])
