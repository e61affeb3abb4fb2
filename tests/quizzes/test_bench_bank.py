"""The database side of the question bank benchmark (bench/bank.py), without any timing.

The benchmark itself is not collected by pytest; these tests keep its bulk-made bank in
step with what the services write (folded search text, a current version, tags) and prove
that every URL it measures answers 200 for both users and finds what it should.
"""

import argparse

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client
from django.utils.html import strip_tags

from lms.text import fold
from quizzes.bank.services import question_search_text
from quizzes.models import Question, QuestionCategory, QuestionTag, QuestionVersion
from quizzes.qtypes import question_type
from tests.bench_scripts import load_bench_script

pytestmark = pytest.mark.django_db

QUESTIONS = 50


@pytest.fixture(scope="module")
def bench_bank():
    return load_bench_script("bank")


@pytest.fixture
def bank(bench_bank):
    return bench_bank.setup(argparse.Namespace(questions=QUESTIONS))


def _client(bank, label):
    user = next(user for user in bank["users"] if user["label"] == label)
    client = Client()
    client.cookies[bank["session_cookie"]] = user["session"]
    return client


def _endpoint(bank, label):
    return next(row for row in bank["endpoints"] if row["label"] == label)


def _listed(response):
    page = BeautifulSoup(response.content, "html.parser")
    return {int(row["data-question"]) for row in page.select("#bank-questions tbody tr")}


def _chosen(response):
    page = BeautifulSoup(response.content, "html.parser")
    links = page.select("a[data-chooser-modal-choice]")
    return {int(link["href"].rstrip("/").split("/")[-1]) for link in links}


def _about_the_search(questions):
    """Ids whose stored text (not search_text) is about "quản lý nhà nước"."""
    return {
        question.pk
        for question in questions.select_related("current_version")
        if "quan ly nha nuoc" in fold(strip_tags(question.current_version.text))
    }


def test_setup_builds_the_bank_as_the_services_would(bank):
    questions = Question.objects.all()
    assert questions.count() == QUESTIONS == bank["questions"]
    assert QuestionCategory.objects.count() == bank["categories"] == 150
    assert QuestionCategory.objects.filter(depth=3).count() == 120
    assert QuestionVersion.objects.count() == QUESTIONS
    assert QuestionTag.objects.count() == 2 * QUESTIONS
    assert questions.values("created_by").distinct().count() == bank["authors"] == 6
    assert {q.qtype for q in questions} >= {"single", "multiple", "truefalse", "matching"}
    assert {q.status for q in questions} == {"draft", "ready"}
    for question in questions.select_related("current_version").prefetch_related("tags"):
        version = question.current_version
        assert version.question_id == question.pk and version.number == 1
        assert len({tag.name for tag in question.tags.all()}) == 2
        kind = question_type(question.qtype)
        expected = question_search_text(
            name=question.name, text=version.text, kind=kind, payload=version.payload
        )
        assert question.search_text == expected
        assert kind.clean_payload(version.payload) == version.payload


def test_every_measured_url_answers_200_for_both_users(bank):
    assert [user["label"] for user in bank["users"]] == ["superuser", "lecturer"]
    assert bank["session_cookie"] == settings.SESSION_COOKIE_NAME
    for user in ("superuser", "lecturer"):
        client = _client(bank, user)
        for row in bank["endpoints"]:
            response = client.get(row["path"])
            assert response.status_code == 200, (user, row["path"])
            if row["label"] != "chooser":
                assert "bank-questions" in response.content.decode() or not row["matches"][user]


def test_the_lecturer_sees_their_unit_and_the_shared_root_only(bank):
    response = _client(bank, "lecturer").get(_endpoint(bank, "list")["path"])
    assert response.status_code == 200
    listed = _listed(response)
    visible = Question.objects.filter(
        category__unit__code="bench-bank-1"
    ) | Question.objects.filter(category__path__startswith=_shared_root().path)
    assert listed == set(visible.values_list("pk", flat=True))
    assert 0 < len(listed) < QUESTIONS
    assert _endpoint(bank, "list")["matches"] == {"superuser": QUESTIONS, "lecturer": len(listed)}


def _shared_root():
    return QuestionCategory.objects.get(depth=1, shared_with__isnull=False)


def test_the_search_finds_the_questions_about_it_for_the_lecturer(bank):
    row = _endpoint(bank, "search")
    lecturer = _client(bank, "lecturer")
    found = _listed(lecturer.get(row["path"]))
    visible = _listed(lecturer.get(_endpoint(bank, "list")["path"]))
    expected = _about_the_search(Question.objects.filter(pk__in=visible))
    assert found == expected and expected
    assert row["matches"]["lecturer"] == len(expected)
    assert row["matches"]["superuser"] == len(_about_the_search(Question.objects.all()))
    chooser = lecturer.get(_endpoint(bank, "chooser")["path"])
    assert chooser.status_code == 200 and _chosen(chooser) == expected


def test_the_filters_narrow_the_list(bank):
    admin = _client(bank, "superuser")
    typed = _listed(admin.get(_endpoint(bank, "type+status")["path"]))
    assert typed == set(
        Question.objects.filter(qtype="single", status="ready").values_list("pk", flat=True)
    )
    tagged = _listed(admin.get(_endpoint(bank, "tag")["path"]))
    assert tagged == set(Question.objects.filter(tags__name="luật").values_list("pk", flat=True))
    root = QuestionCategory.objects.filter(depth=1).order_by("path").first()
    in_tree = _listed(admin.get(_endpoint(bank, "category")["path"]))
    assert in_tree == set(
        Question.objects.filter(category__path__startswith=root.path).values_list("pk", flat=True)
    )
    assert {Question.objects.get(pk=pk).category.depth for pk in in_tree} > {1}
    by_author = _listed(admin.get(_endpoint(bank, "author")["path"]))
    authors = set(Question.objects.filter(pk__in=by_author).values_list("created_by", flat=True))
    assert len(authors) == 1 and by_author
    for label in ("type+status", "tag", "category", "author"):
        row = _endpoint(bank, label)
        assert 0 < row["matches"]["superuser"] < QUESTIONS, label
