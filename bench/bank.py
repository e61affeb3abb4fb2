"""Database side of the question bank scenario of bench/run.py: a bank of 10,000 questions.

Runs with the bench's environment (production settings, the bench's temporary database),
never against the developer's database; run.py calls it, normally nobody else:

    python bench/bank.py setup --questions 10000 > bank.json

``setup`` builds the bank the issue promises stays fast: two training units with about 150
categories between them (three roots each, four children per root, five grandchildren
per child; one root of the second unit shared with the first), several lecturer authors,
and N questions spread over every category, mixing types, statuses and difficulties,
two tags each. Questions, their first versions and the tag rows are bulk-inserted: the
services would take minutes for 10,000 questions and measure nothing of the list. The
folded ``search_text`` comes from ``quizzes.bank.services``' own folding and every
question gets its ``current_version``, so the rows are what the services would write.

It signs in a superuser and a lecturer of the first unit (sessions made directly, as in
bench/exam.py) and prints JSON for bench/urls_load.py: the cookies, and the list, filter,
page and chooser URLs to measure with how many questions each matches per user.
"""

import argparse
import json
import sys

from exam import _sign_in, django_setup

UNITS = [
    ("bench-bank-1", "Học viện Đo tải Ngân hàng câu hỏi"),
    ("bench-bank-2", "Trường Chính trị Đo tải"),
]
ROOTS_PER_UNIT, CHILDREN, GRANDCHILDREN = 3, 4, 5  # 2 × 3 × (1 + 4 × (1 + 5)) = 150
AUTHORS_PER_UNIT = 3
SEARCH = "quan ly nha nuoc"
TOPICS = [
    "quản lý nhà nước",
    "công vụ, công chức",
    "hành chính công",
    "đạo đức công vụ",
    "cải cách hành chính",
    "chuyển đổi số",
    "văn bản quy phạm pháp luật",
    "tổ chức bộ máy",
    "kinh tế thị trường",
    "Hiến pháp năm 2013",
]
TAGS = [
    "luật",
    "nghị định",
    "thông tư",
    "hiến pháp",
    "công vụ",
    "công chức",
    "viên chức",
    "tổ chức",
    "bộ máy",
    "kinh tế",
    "tài chính",
    "ngân sách",
    "đất đai",
    "môi trường",
    "giáo dục",
    "y tế",
    "văn hóa",
    "xã hội",
    "quốc phòng",
    "an ninh",
    "đối ngoại",
    "dân tộc",
    "tôn giáo",
    "chuyển đổi số",
    "cải cách",
    "đạo đức",
    "kỹ năng",
    "lãnh đạo",
    "quản lý",
    "chính quyền địa phương",
]
# Co-prime with the ten topics, so every type meets every topic.
QTYPES = ["single", "single", "multiple", "truefalse", "shortanswer", "matching", "essay"]
DIFFICULTIES = ["easy", "medium", "hard"]
# Co-prime with the 150 categories: consecutive questions land in different parts of the
# tree, so even a small bank (the tests') reaches both units.
CATEGORY_STRIDE = 53
PAYLOADS = {
    "single": {
        "options": [
            {"key": "a", "text": "Quốc hội", "fraction": "1"},
            {"key": "b", "text": "Chính phủ", "fraction": "0"},
            {"key": "c", "text": "Ủy ban nhân dân các cấp", "fraction": "0"},
            {"key": "d", "text": "Tòa án nhân dân", "fraction": "0"},
        ]
    },
    "multiple": {
        "options": [
            {"key": "a", "text": "Luật", "fraction": "0.5"},
            {"key": "b", "text": "Nghị định", "fraction": "0.5"},
            {"key": "c", "text": "Bài báo", "fraction": "-1"},
        ]
    },
    "truefalse": {"correct": True},
    "shortanswer": {"answers": [{"text": "công chức", "fraction": "1"}]},
    "matching": {
        "items": [
            {"key": "i1", "text": "Luật", "option": "o1"},
            {"key": "i2", "text": "Nghị định", "option": "o2"},
        ],
        "options": [
            {"key": "o1", "text": "Quốc hội"},
            {"key": "o2", "text": "Chính phủ"},
            {"key": "o3", "text": "Bộ trưởng"},
        ],
    },
    "essay": {"format": "html"},
}


def _units():
    from lms.models import TrainingUnit

    return [
        TrainingUnit.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in UNITS
    ]


def _people(units):
    """A superuser, and AUTHORS_PER_UNIT lecturers with profiles in each unit."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from lms import roles
    from lms.models import Profile

    User = get_user_model()
    # Nobody logs in with a password: _sign_in makes the sessions.
    password = make_password(None)
    admin = User.objects.create(
        username="bench-bank-admin", password=password, is_superuser=True, is_staff=True
    )
    lecturers = Group.objects.get(name=roles.LECTURERS)
    authors = {}
    for number, unit in enumerate(units, start=1):
        authors[unit.pk] = []
        for index in range(1, AUTHORS_PER_UNIT + 1):
            user = User.objects.create(
                username=f"bench-bank-gv-{number}-{index}", password=password
            )
            user.groups.add(lecturers)
            Profile.objects.create(
                user=user, family_name="Nguyễn Văn", given_name=f"Giảng {number}.{index}", unit=unit
            )
            authors[unit.pk].append(user)
    return admin, authors


def _categories(units):
    """The category tree, in tree order; the second unit shares its first root with the first."""
    from quizzes.bank.services import category_create
    from quizzes.models import QuestionCategory

    for number, unit in enumerate(units, start=1):
        for r in range(1, ROOTS_PER_UNIT + 1):
            root = category_create(name=f"Ngân hàng {number}.{r}", unit=unit)
            for c in range(1, CHILDREN + 1):
                child = category_create(name=f"Chuyên đề {number}.{r}.{c}", parent=root)
                for g in range(1, GRANDCHILDREN + 1):
                    category_create(name=f"Bài {number}.{r}.{c}.{g}", parent=child)
    roots = list(QuestionCategory.objects.filter(depth=1, unit__in=units).order_by("path"))
    roots[ROOTS_PER_UNIT].shared_with.add(units[0])
    return list(QuestionCategory.objects.filter(unit__in=units).order_by("path")), roots


def _tags():
    from taggit.models import Tag

    return [Tag.objects.get_or_create(name=name)[0] for name in TAGS]


def question_content(number):
    """(qtype, name, text, payload) of question ``number``: every tenth is about SEARCH."""
    topic = TOPICS[number % len(TOPICS)]
    qtype = QTYPES[number % len(QTYPES)]
    name = f"{topic[0].upper()}{topic[1:]}: câu {number + 1}"
    text = (
        f"<p>Câu hỏi số {number + 1} về {topic}: theo quy định hiện hành, "
        f"nội dung nào sau đây là đúng?</p>"
    )
    return qtype, name, text, PAYLOADS[qtype]


def tag_pair(number):
    """Two different tag indexes for question ``number``, spread over every pair."""
    first = number % len(TAGS)
    second = (first + 1 + (number // len(TAGS)) % (len(TAGS) - 1)) % len(TAGS)
    return first, second


def _questions(*, count, categories, authors, tags):
    from django.db.models import OuterRef, Subquery

    from quizzes.bank.services import question_search_text
    from quizzes.models import Question, QuestionTag, QuestionVersion
    from quizzes.qtypes import question_type

    payloads = {qtype: question_type(qtype).clean_payload(p) for qtype, p in PAYLOADS.items()}
    questions, versions = [], []
    for number in range(count):
        qtype, name, text, _payload = question_content(number)
        kind, payload = question_type(qtype), payloads[qtype]
        category = categories[(number * CATEGORY_STRIDE) % len(categories)]
        unit_authors = authors[category.unit_id]
        questions.append(
            Question(
                category=category,
                name=name,
                qtype=qtype,
                status="draft" if number % 4 == 0 else "ready",
                difficulty=DIFFICULTIES[number % len(DIFFICULTIES)],
                created_by=unit_authors[number % len(unit_authors)],
                search_text=question_search_text(name=name, text=text, kind=kind, payload=payload),
            )
        )
        versions.append((qtype, text, payload))
    questions = Question.objects.bulk_create(questions, batch_size=1000)
    QuestionVersion.objects.bulk_create(
        (
            QuestionVersion(
                question=question,
                number=1,
                qtype=qtype,
                text=text,
                default_mark=0 if not question_type(qtype).has_mark else 1,
                payload=payload,
                created_by=question.created_by,
            )
            for question, (qtype, text, payload) in zip(questions, versions, strict=True)
        ),
        batch_size=1000,
    )
    first = QuestionVersion.objects.filter(question=OuterRef("pk"), number=1).values("pk")[:1]
    Question.objects.filter(pk__in=[q.pk for q in questions]).update(
        current_version=Subquery(first)
    )
    QuestionTag.objects.bulk_create(
        (
            QuestionTag(content_object_id=question.pk, tag_id=tags[index].pk)
            for number, question in enumerate(questions)
            for index in tag_pair(number)
        ),
        batch_size=2000,
    )
    return questions


def endpoints(*, category, tag, author):
    """(label, path, bank filters or None) of each request the scenario measures."""
    from django.urls import reverse
    from django.utils.http import urlencode

    index = reverse("quizzes_bank:index")
    chooser = reverse("question_chooser:choose_results")
    queries = [
        ("list", {}),
        ("search", {"q": SEARCH}),
        ("type+status", {"qtype": "single", "status": "ready"}),
        ("category", {"category": category.pk, "sub": "on", "filtered": "1"}),
        ("tag", {"tag": tag.name}),
        ("author", {"author": author.pk}),
        ("page 100", {"p": 100}),
    ]
    rows = [(label, f"{index}?{urlencode(q)}" if q else index, q) for label, q in queries]
    return [*rows, ("chooser", f"{chooser}?{urlencode({'q': SEARCH})}", {"q": SEARCH})]


def matches(user, query):
    """How many questions the bank list (or chooser) finds for ``query`` as ``user``."""
    from django.http import QueryDict

    from quizzes.bank import listing
    from quizzes.bank.forms import BankFilterForm

    data = QueryDict(mutable=True)
    data.update({key: str(value) for key, value in query.items() if key != "p"})
    form = BankFilterForm(data or None, user=user)
    return listing.bank_questions(user=user, **form.filters()).count()


def setup(args):
    from django.conf import settings
    from django.db import transaction

    with transaction.atomic():
        units = _units()
        admin, authors = _people(units)
        categories, roots = _categories(units)
        tags = _tags()
        _questions(count=args.questions, categories=categories, authors=authors, tags=tags)
    lecturer = authors[units[0].pk][0]
    rows = endpoints(category=roots[0], tag=tags[0], author=authors[units[0].pk][1])
    users = {"superuser": admin, "lecturer": lecturer}
    sessions = dict(zip(users, _sign_in(users.values()), strict=True))
    return {
        "questions": args.questions,
        "categories": len(categories),
        "tags": len(tags),
        "authors": sum(len(people) for people in authors.values()),
        "search": SEARCH,
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "users": [
            {"label": label, "username": user.username, "session": sessions[label]["session"]}
            for label, user in users.items()
        ],
        "endpoints": [
            {
                "label": label,
                "path": path,
                # A fresh user per count: the bank memoises visibility on the user object.
                "matches": {
                    name: matches(type(user).objects.get(pk=user.pk), query)
                    for name, user in users.items()
                },
            }
            for label, path, query in rows
        ],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    prepare = commands.add_parser("setup", help="create the bank and the signed-in users")
    prepare.add_argument("--questions", type=int, default=10_000)
    args = parser.parse_args()
    django_setup()
    json.dump(setup(args), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    sys.exit(main())
