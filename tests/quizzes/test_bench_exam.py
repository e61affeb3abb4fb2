"""The database side of the exam benchmark (bench/exam.py), without any timing.

The benchmark itself is not collected by pytest; these tests keep its setup in step with
the models and the learner URLs, and prove its answer check notices a lost answer.
"""

import argparse
import json

import pytest
from django.conf import settings
from django.test import Client

from quizzes.models import Attempt, Response
from tests.bench_scripts import load_bench_script
from tests.lessons.builders import make_program

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def bench_exam():
    return load_bench_script("exam")


@pytest.fixture
def exam(bench_exam):
    make_program()
    return bench_exam.setup(argparse.Namespace(learners=3, questions=4))


def _client(exam, learner):
    client = Client(enforce_csrf_checks=True, HTTP_X_CSRFTOKEN=learner["csrf"])
    client.cookies[exam["session_cookie"]] = learner["session"]
    if exam["csrf_cookie"]:
        client.cookies[exam["csrf_cookie"]] = learner["csrf"]
    return client


def _sit(exam, learner, saves):
    """Start, save ``saves`` [(slot, choice)] with rising sequences, submit; return the acks."""
    client = _client(exam, learner)
    response = client.post(exam["quiz_path"])
    assert response.status_code == 302, response.content[:300]
    attempt = int(response["Location"].split("/thi/luot/")[1].split("/")[0])
    acks = []
    for sequence, (slot, choice) in enumerate(saves, start=1):
        body = {"slot": slot, "answer": {"choice": choice}, "sequence": sequence}
        saved = client.post(
            f"/thi/luot/{attempt}/luu/", json.dumps(body), content_type="application/json"
        )
        assert saved.status_code == 200 and saved.json()["ok"]
        acks.append({"attempt": attempt, **body})
    submitted = client.post(f"/thi/luot/{attempt}/nop-bai/", {"confirm": "1"})
    assert submitted.status_code == 302 and "xem-lai" in submitted["Location"]
    return acks


def _check(bench_exam, exam, acks, tmp_path):
    path = tmp_path / "acks.jsonl"
    path.write_text("".join(json.dumps(ack) + "\n" for ack in acks))
    return bench_exam.check(argparse.Namespace(quiz=exam["quiz_id"], acks=str(path)))


def test_setup_signs_in_enrolled_learners_who_can_sit_the_exam(bench_exam, exam, tmp_path):
    assert len(exam["learners"]) == 3 and exam["slots"] == 4
    assert exam["session_cookie"] == settings.SESSION_COOKIE_NAME
    acks = []
    for learner in exam["learners"]:
        acks += _sit(exam, learner, [(1, "a"), (2, "b"), (1, "c")])
    assert Attempt.objects.filter(quiz_id=exam["quiz_id"], state="finished").count() == 3
    result = _check(bench_exam, exam, acks, tmp_path)
    assert result == {
        "acknowledged_slots": 6,
        "lost": 0,
        "lost_examples": [],
        "attempts": {"finished": 3},
    }


def test_check_counts_an_acknowledged_answer_that_is_not_stored(bench_exam, exam, tmp_path):
    acks = _sit(exam, exam["learners"][0], [(1, "a"), (1, "b"), (3, "d")])
    Response.objects.filter(attempt_id=acks[0]["attempt"], slot=1).update(answer={"choice": "a"})
    result = _check(bench_exam, exam, acks, tmp_path)
    assert result["lost"] == 1
    assert result["lost_examples"][0]["slot"] == 1


def test_the_highest_acknowledged_sequence_decides(bench_exam):
    highest = {(7, 1): (3, {"choice": "b"})}
    assert bench_exam.lost_answers(highest, {(7, 1): (3, {"choice": "b"})}) == []
    assert bench_exam.lost_answers(highest, {(7, 1): (2, {"choice": "b"})}) == [(7, 1)]
    assert bench_exam.lost_answers(highest, {}) == [(7, 1)]
