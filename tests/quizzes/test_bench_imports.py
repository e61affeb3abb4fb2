"""The import benchmark (bench/imports.py) at a small size, without any timing.

It must import every question it writes, in both formats, and export them again:
otherwise ``make bench`` would time an import that silently refuses questions.
"""

import argparse

import pytest

from quizzes.models import Question
from tests.bench_scripts import load_bench_script

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def bench_imports():
    return load_bench_script("imports")


def test_every_written_question_is_imported_and_exported(bench_imports):
    report = bench_imports.run(argparse.Namespace(questions=28, baseline=7))
    assert set(report["formats"]) == {"gift", "moodlexml"}
    for row in report["formats"].values():
        assert (row["parsed"], row["created"], row["errors"]) == (28, 28, 0)
        assert row["export_bytes"] > 0
    # Every type the file mixes is created, in the file's subcategories.
    imported = Question.objects.filter(category__name__startswith="Chương")
    assert set(imported.values_list("qtype", flat=True)) == set(bench_imports.PAYLOADS)
    assert imported.count() == 2 * 28
