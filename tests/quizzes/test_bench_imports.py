"""The import benchmark (bench/imports.py) at a small size, without any timing.

It must import every question it writes, in both formats, and export them again:
otherwise ``make bench`` would time an import that silently refuses questions.
"""

import argparse
import importlib.util
import sys
from pathlib import Path

import pytest

from quizzes.models import Question

pytestmark = pytest.mark.django_db

BENCH_DIR = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def bench_imports():
    sys.path.insert(0, str(BENCH_DIR))
    try:
        spec = importlib.util.spec_from_file_location("bench_imports", BENCH_DIR / "imports.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCH_DIR))
    return module


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
