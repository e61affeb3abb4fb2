"""The database side of the training benchmark (bench/training.py), without any timing.

The benchmark is not collected by pytest; these tests keep its bulk-made cohort in step
with what the services would have made (every member eligible but the failing tenth,
certificates numbered without gaps) and prove that every URL it measures answers 200
for its user and shows the whole cohort.
"""

import argparse
import io

import pytest
from django.core.management import call_command
from django.test import Client

from lms.models import Certificate, Cohort
from tests.bench_scripts import load_bench_script

pytestmark = pytest.mark.django_db

MEMBERS = 12


@pytest.fixture(scope="module")
def bench_training():
    return load_bench_script("training")


@pytest.fixture
def training(bench_training):
    call_command("seed_demo", stdout=io.StringIO())
    return bench_training.setup(argparse.Namespace(members=MEMBERS))


def test_setup_issues_the_eligible_members_without_gaps(training, bench_training):
    cohort = Cohort.objects.get(code=bench_training.COHORT_CODE)
    assert cohort.members.count() == MEMBERS == training["members"]
    issued = Certificate.objects.filter(cohort=cohort).order_by("register_number")
    # Members 0 and 10 fail the first exam; nobody misses more than the program allows.
    assert training["issuing"]["eligible"] == issued.count() == MEMBERS - 2
    assert training["issuing"]["batch_count"] == MEMBERS - 3
    numbers = list(issued.values_list("register_number", flat=True))
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def test_every_measured_url_answers_200_for_its_user(training):
    users = {user["label"]: user for user in training["users"]}
    assert set(users) == {"manager", "learner", "guest"}
    for endpoint in training["endpoints"]:
        assert endpoint["users"]
        for label in endpoint["users"]:
            client = Client()
            if users[label]["session"]:
                client.cookies[training["session_cookie"]] = users[label]["session"]
            response = client.get(endpoint["path"])
            assert response.status_code == 200, (label, endpoint["path"])
            if endpoint["label"] == "cohort":
                assert response.text.count("Nguyễn Đo Tải") == MEMBERS
