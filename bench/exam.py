"""Database side of the exam scenario of bench/run.py: prepare the exam, then check answers.

Runs with the bench's environment (production settings, the bench's temporary database),
never against the developer's database; run.py calls it, normally nobody else:

    python bench/exam.py setup --learners 200 --questions 20 > exam.json
    python bench/exam.py check --quiz QUIZ_ID --acks acks.jsonl

``setup`` builds what a real exam has: a course, a bank category with single-choice
questions, a timed exam drawing on them, and N learners enrolled in the course. It also
signs each learner in by creating their session directly (the load generator sends the
session cookie), because hashing 200 passwords at once would measure the password hasher
and django-axes rather than the exam. It prints JSON for bench/exam_load.py.

``check`` compares what the load generator was told it saved with the database: for each
(attempt, question) the highest acknowledged sequence number must be the stored one, with
the same answer. Anything else is an answer acknowledged to a learner and then lost.
"""

import argparse
import json
import os
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
CHOICES = ["a", "b", "c", "d"]
COURSE_SLUG = "bench-exam-course"
QUIZ_SLUG = "bai-thi-do-tai"


def django_setup():
    sys.path.insert(0, str(PROJECT_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")
    import django

    django.setup()


def _exam(*, questions):
    """A course under the first program, with a timed exam of ``questions`` fixed questions."""
    from lessons.models import CoursePage, ProgramPage
    from lessons.models.pages import EnrolmentPolicy
    from quizzes.bank.services import category_create, question_create
    from quizzes.models import QuizPage, QuizSlot

    program = ProgramPage.objects.live().order_by("path").first()
    if program is None:
        raise SystemExit("bench/exam.py: no program page; did seed_demo run?")
    course = CoursePage(
        title="Khóa học đo tải", slug=COURSE_SLUG, enrolment_policy=EnrolmentPolicy.SELF
    )
    program.add_child(instance=course)
    course.save_revision().publish()
    category = category_create(name="Câu hỏi đo tải", course=course)
    quiz = QuizPage(
        title="Bài thi đo tải",
        slug=QUIZ_SLUG,
        time_limit_minutes=30,
        attempts_allowed=1,
        questions_per_page=1,
        shuffle_answers=True,
        is_required=True,
    )
    for number in range(1, questions + 1):
        question = question_create(
            category=category,
            qtype="single",
            name=f"Câu đo tải {number}",
            text=f"<p>Câu hỏi số {number}: phương án nào đúng?</p>",
            payload={
                "options": [
                    {"key": key, "text": f"Phương án {key.upper()}", "fraction": "1" if i else "0"}
                    for i, key in enumerate(CHOICES)
                ]
            },
        )
        quiz.slots.add(QuizSlot(kind="fixed", question=question))
    course.add_child(instance=quiz)
    quiz.save_revision().publish()
    return course, quiz


def _learners(*, count, course):
    """``count`` learner accounts with profiles, enrolled in ``course``."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from lessons.models import Enrolment
    from lms import roles
    from lms.models import Profile

    User = get_user_model()
    # One hash for everyone: nobody logs in with it, and hashing is deliberately slow.
    password = make_password(None)
    users = User.objects.bulk_create(
        User(username=f"bench{number:04d}", password=password, first_name="Học viên")
        for number in range(1, count + 1)
    )
    users = list(User.objects.filter(username__in=[user.username for user in users]))
    learners = Group.objects.filter(name=roles.LEARNERS).first()
    if learners is not None:
        learners.user_set.add(*users)
    Profile.objects.bulk_create(
        Profile(user=user, family_name="Đo Tải", given_name=user.username) for user in users
    )
    Enrolment.objects.bulk_create(
        Enrolment(user=user, course=course, status="active", created_by=user) for user in users
    )
    return users


def _auth_backend():
    from django.conf import settings
    from django.contrib.auth.backends import ModelBackend
    from django.utils.module_loading import import_string

    for path in settings.AUTHENTICATION_BACKENDS:
        if issubclass(import_string(path), ModelBackend):
            return path
    return settings.AUTHENTICATION_BACKENDS[-1]


def _sign_in(users):
    """A session and a CSRF secret per user, as after a real login."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
    from django.utils.crypto import get_random_string

    store = import_module(settings.SESSION_ENGINE).SessionStore
    backend = _auth_backend()
    signed_in = []
    for user in users:
        secret = get_random_string(CSRF_SECRET_LENGTH, allowed_chars=CSRF_ALLOWED_CHARS)
        session = store()
        session[SESSION_KEY] = user._meta.pk.value_to_string(user)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        if settings.CSRF_USE_SESSIONS:
            session["_csrftoken"] = secret
        session.create()
        signed_in.append(
            {"username": user.username, "session": session.session_key, "csrf": secret}
        )
    return signed_in


def setup(args):
    from django.conf import settings
    from django.db import transaction

    with transaction.atomic():
        course, quiz = _exam(questions=args.questions)
        users = _learners(count=args.learners, course=course)
    _site_id, _root, path = quiz.get_url_parts()
    return {
        "quiz_id": quiz.pk,
        "quiz_path": path,
        "slots": args.questions,
        "choices": CHOICES,
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": None if settings.CSRF_USE_SESSIONS else settings.CSRF_COOKIE_NAME,
        "learners": _sign_in(users),
    }


def read_acks(path):
    """The highest acknowledged (sequence, answer) per (attempt, slot) in an acks file."""
    highest = {}
    with open(path, encoding="utf-8") as acks:
        for line in acks:
            if not line.strip():
                continue
            ack = json.loads(line)
            key = (ack["attempt"], ack["slot"])
            if key not in highest or ack["sequence"] > highest[key][0]:
                highest[key] = (ack["sequence"], ack["answer"])
    return highest


def lost_answers(highest, stored):
    """The (attempt, slot) keys whose highest acknowledged answer is not the stored one.

    ``stored`` maps (attempt, slot) to the (sequence, answer) in the database.
    """
    lost = []
    for key, (sequence, answer) in sorted(highest.items()):
        if stored.get(key) != (sequence, answer):
            lost.append(key)
    return lost


def check(args):
    from quizzes.models import Attempt, Response

    highest = read_acks(args.acks)
    attempts = Attempt.objects.filter(quiz_id=args.quiz)
    stored = {
        (attempt, slot): (sequence, answer)
        for attempt, slot, sequence, answer in Response.objects.filter(
            attempt__in=attempts
        ).values_list("attempt_id", "slot", "sequence", "answer")
    }
    lost = lost_answers(highest, stored)
    states = {}
    for state in attempts.values_list("state", flat=True):
        states[state] = states.get(state, 0) + 1
    return {
        "acknowledged_slots": len(highest),
        "lost": len(lost),
        "lost_examples": [
            {"attempt": a, "slot": s, "acknowledged": highest[a, s], "stored": stored.get((a, s))}
            for a, s in lost[:5]
        ],
        "attempts": states,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    prepare = commands.add_parser("setup", help="create the exam and the signed-in learners")
    prepare.add_argument("--learners", type=int, default=200)
    prepare.add_argument("--questions", type=int, default=20)
    verify = commands.add_parser("check", help="compare acknowledged answers with the database")
    verify.add_argument("--quiz", type=int, required=True)
    verify.add_argument("--acks", required=True, help="the acks file of bench/exam_load.py")
    args = parser.parse_args()
    django_setup()
    result = setup(args) if args.command == "setup" else check(args)
    json.dump(result, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
