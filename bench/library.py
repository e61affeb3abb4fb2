"""Database side of the library scenario of bench/run.py: a library of 10,000 items.

Runs with the bench's environment (production settings, the bench's temporary database),
never against the developer's database; run.py calls it, normally nobody else:

    python bench/library.py setup --items 10000 > library.json

``setup`` fills the library the issue promises stays fast to search: N published items
under the library index with realistic Vietnamese titles, summaries, types, document
numbers, issuing bodies, years, subjects, audiences, owning units and visibilities (most
public, some for signed-in users, some for their unit only); about one in ten is about
"quản lý nhà nước", a few of those written without diacritics. The pages are
bulk-inserted (``add_child`` one at a time would take minutes and measure nothing of the
search): the page rows with their tree paths, then the item rows, then the many-to-many
rows, then the search index through the backend's own ``add_bulk``, so the index holds
what Wagtail would have put in it on publishing (``folded_text`` included).

It signs in a learner of the first unit (a session made directly, as in bench/exam.py)
and prints JSON for bench/urls_load.py: the cookie, and the search URLs to measure
(folded, exact and quoted-phrase queries on the search page, the folded one on the JSON
API) with how many hits each has for a guest and for the learner.
"""

import argparse
import datetime
import json
import sys

from exam import _sign_in, django_setup

UNITS = [
    ("bench-lib-1", "Học viện Đo tải Thư viện"),
    ("bench-lib-2", "Trường Chính trị tỉnh Đo tải"),
]
FOLDED = "quan ly nha nuoc"
EXACT = "quản lý nhà nước"
PHRASE = '"cải cách hành chính"'
ISSUING_BODIES = [
    ("Quốc hội", "QH"),
    ("Chính phủ", "CP"),
    ("Thủ tướng Chính phủ", "TTg"),
    ("Ban Chấp hành Trung ương", "BCHTW"),
    ("Bộ Nội vụ", "BNV"),
    ("Bộ Tài chính", "BTC"),
    ("Bộ Tư pháp", "BTP"),
    ("Bộ Thông tin và Truyền thông", "BTTTT"),
    ("Bộ Kế hoạch và Đầu tư", "BKHĐT"),
    ("Bộ Giáo dục và Đào tạo", "BGDĐT"),
    ("Bộ Tài nguyên và Môi trường", "BTNMT"),
    ("Thanh tra Chính phủ", "TTCP"),
    ("Học viện Hành chính Quốc gia", "HVHCQG"),
    ("Học viện Chính trị quốc gia Hồ Chí Minh", "HVCTQG"),
    ("Nhà xuất bản Chính trị quốc gia Sự thật", "NXBCTQG"),
    ("Ủy ban nhân dân thành phố Hà Nội", "UBND"),
    ("Ủy ban nhân dân Thành phố Hồ Chí Minh", "UBND"),
    ("Ủy ban nhân dân tỉnh Nghệ An", "UBND"),
]
# (subject, narrower subjects)
SUBJECTS = [
    ("Quản lý nhà nước", ["Quản lý hành chính nhà nước", "Quản lý nhà nước về kinh tế"]),
    ("Tổ chức bộ máy", ["Công vụ, công chức", "Tinh giản biên chế"]),
    ("Cải cách hành chính", ["Thủ tục hành chính", "Một cửa, một cửa liên thông"]),
    ("Chuyển đổi số", ["Chính phủ số", "Dữ liệu số"]),
    ("Pháp luật", ["Xây dựng văn bản quy phạm pháp luật"]),
    ("Đạo đức công vụ", []),
    ("Tài chính công", []),
    ("Kỹ năng lãnh đạo, quản lý", []),
]
TOPICS = [
    "quản lý nhà nước về kinh tế",
    "cải cách hành chính",
    "chuyển đổi số trong cơ quan nhà nước",
    "đạo đức công vụ",
    "tinh giản biên chế",
    "chính quyền điện tử",
    "văn hóa công sở",
    "phòng, chống tham nhũng, tiêu cực",
    "thi đua, khen thưởng",
    "tiếp công dân",
    "giải quyết khiếu nại, tố cáo",
    "quản lý ngân sách nhà nước",
    "đánh giá, xếp loại cán bộ, công chức",
    "tuyển dụng, sử dụng và quản lý công chức",
    "đào tạo, bồi dưỡng cán bộ, công chức, viên chức",
    "quản lý đất đai",
    "bảo vệ môi trường",
    "an toàn thông tin mạng",
    "kỹ năng lãnh đạo, quản lý cấp phòng",
    "xây dựng văn bản quy phạm pháp luật",
]
PROVINCES = [
    "Hà Nội",
    "Hải Phòng",
    "Đà Nẵng",
    "Thành phố Hồ Chí Minh",
    "Cần Thơ",
    "Nghệ An",
    "Thanh Hóa",
    "Quảng Ninh",
    "Lâm Đồng",
    "Đắk Lắk",
    "Bắc Ninh",
    "Thừa Thiên Huế",
]
AUTHORS = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Minh Châu",
    "Phạm Quốc Dũng",
    "Hoàng Thị Đào",
    "Vũ Đức Giang",
    "Đặng Thu Hà",
    "Bùi Văn Khánh",
]
# Type code -> (document number pattern, legal?). Legal types get numbers and dates.
NUMBERS = {
    "luat": "{n}/{year}/QH{term}",
    "nghi-quyet": "{n}-NQ/TW",
    "nghi-dinh": "{n}/{year}/NĐ-CP",
    "quyet-dinh": "{n}/QĐ-TTg",
    "chi-thi": "{n}/CT-TTg",
    "thong-tu": "{n}/{year}/TT-{body}",
}
TYPE_CYCLE = [
    "nghi-dinh",
    "thong-tu",
    "quyet-dinh",
    "giao-trinh",
    "tai-lieu-boi-duong",
    "luat",
    "bai-giang",
    "chi-thi",
    "sach",
    "nghi-quyet",
    "bai-bao",
    "de-tai",
]
BATCH = 500


def item_content(number, types):
    """(title, summary, type code, document number) of item ``number``.

    Every tenth is about "quản lý nhà nước"; one in five of those is written without
    diacritics (as some scanned or old records are), so the folded and the exact query
    find different sets, and the exact ones must rank first.
    """
    code = TYPE_CYCLE[number % len(TYPE_CYCLE)]
    name = types[code].name
    province = PROVINCES[number % len(PROVINCES)]
    if number % 10 == 0:
        topic = "quản lý nhà nước" + [" về kinh tế", " về đất đai", " ở cấp xã", ""][number % 4]
    else:
        topic = TOPICS[(number * 7 + number // 10) % len(TOPICS)]
    year = 2005 + number % 21
    document_number = ""
    if code in NUMBERS:
        body = ISSUING_BODIES[number % len(ISSUING_BODIES)][1]
        document_number = NUMBERS[code].format(
            n=number % 300 + 1, year=year, term=11 + number % 5, body=body
        )
        title = f"{name} {document_number} về {topic}"
    elif code in ("bai-bao", "de-tai"):
        title = f"{name}: {topic[0].upper()}{topic[1:]} tại {province} ({number})"
    else:
        title = f"{name} {topic} dành cho cán bộ, công chức ({number})"
    summary = (
        f"Tài liệu trình bày cơ sở lý luận, quy định pháp luật và thực tiễn về {topic} "
        f"tại {province}; nêu các giải pháp nâng cao hiệu lực, hiệu quả và kinh nghiệm "
        f"của các địa phương trong giai đoạn {year - 5}–{year}."
    )
    if number % 50 == 0:
        from lms.text import fold

        title, summary = fold(title).capitalize(), fold(summary)
    return title, summary, code, document_number, year


def _units():
    from lms.models import TrainingUnit

    return [
        TrainingUnit.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in UNITS
    ]


def _taxonomy():
    from library.models import IssuingBody, MaterialType, Subject

    bodies = [
        IssuingBody.objects.get_or_create(name=name, defaults={"short_name": short})[0]
        for name, short in ISSUING_BODIES
    ]
    subjects = []
    for name, children in SUBJECTS:
        parent = Subject.objects.get_or_create(name=name, parent=None)[0]
        subjects.append(parent)
        subjects.extend(
            Subject.objects.get_or_create(name=child, parent=parent)[0] for child in children
        )
    types = {kind.code: kind for kind in MaterialType.objects.all()}
    return bodies, subjects, types


def _visibility(number):
    from library.models import Visibility

    # A few of the "quản lý nhà nước" ones too, so the learner finds more than a guest.
    if number % 20 == 7 or number % 50 == 30:
        return Visibility.UNIT
    if number % 10 == 3:
        return Visibility.SIGNED_IN
    return Visibility.PUBLIC


def _items(*, count, units, bodies, subjects, types):
    """Bulk-insert ``count`` published items under the library index; return them."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Page

    from library.models import LibraryIndexPage, LibraryItemPage, document_number_key

    parent = LibraryIndexPage.objects.live().first()
    if parent is None:
        raise SystemExit("bench/library.py: no library index; did seed_demo run?")
    last = parent.get_last_child()
    first_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    content_type = ContentType.objects.get_for_model(LibraryItemPage)
    now = timezone.now()
    items = []
    for number in range(count):
        title, summary, code, document_number, year = item_content(number, types)
        legal = code in NUMBERS
        slug = f"do-tai-{number + 1}"
        published = now - datetime.timedelta(hours=count - number)
        items.append(
            LibraryItemPage(
                title=title,
                draft_title=title,
                slug=slug,
                path=Page._get_path(parent.path, parent.depth + 1, first_step + number),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                content_type=content_type,
                locale_id=parent.locale_id,
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                summary=summary,
                material_type=types[code],
                document_number=document_number,
                document_number_key=document_number_key(document_number),
                issuing_body=bodies[number % len(bodies)] if legal or number % 3 else None,
                issue_date=datetime.date(year, 1 + number % 12, 1 + number % 28) if legal else None,
                year=year,
                authors="" if legal else AUTHORS[number % len(AUTHORS)],
                publisher="" if legal else "Nhà xuất bản Chính trị quốc gia Sự thật",
                owner_unit=units[number % len(units)] if number % 4 else None,
                visibility=_visibility(number),
                external_url=f"https://vanban.example.vn/do-tai/{number + 1}",
            )
        )
    page_fields = [field for field in Page._meta.concrete_fields if field.attname != "id"]
    item_fields = LibraryItemPage._meta.local_concrete_fields
    for start in range(0, count, BATCH):
        batch = items[start : start + BATCH]
        rows = Page.objects.bulk_create(
            [Page(**{f.attname: getattr(item, f.attname) for f in page_fields}) for item in batch]
        )
        for item, row in zip(batch, rows, strict=True):
            item.pk = item.id = item.page_ptr_id = row.pk
        # Django cannot bulk-create a multi-table child; this is the insert save() makes.
        LibraryItemPage._base_manager._insert(batch, fields=item_fields, using=connection.alias)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + count)
    _relations(items, subjects=subjects)
    return items


def _relations(items, *, subjects):
    from library.models import LibraryItemPage
    from lms.models import Rank

    ranks = list(Rank.objects.order_by("level", "code")[:6])
    subject_through = LibraryItemPage.subjects.through
    rank_through = LibraryItemPage.audience_ranks.through
    subject_rows, rank_rows = [], []
    for number, item in enumerate(items):
        picked = {subjects[number % len(subjects)], subjects[(number * 3 + 1) % len(subjects)]}
        subject_rows.extend(
            subject_through(libraryitempage_id=item.pk, subject_id=subject.pk) for subject in picked
        )
        if ranks and number % 3 == 0:
            rank_rows.append(
                rank_through(libraryitempage_id=item.pk, rank_id=ranks[number % len(ranks)].pk)
            )
    subject_through.objects.bulk_create(subject_rows, batch_size=2000)
    rank_through.objects.bulk_create(rank_rows, batch_size=2000)


def index_items(items):
    """Add ``items`` to the search index as publishing would, in batches."""
    from wagtail.search.backends import get_search_backend

    from library.models import LibraryItemPage

    backend = get_search_backend()
    for start in range(0, len(items), BATCH):
        backend.add_bulk(LibraryItemPage, items[start : start + BATCH])


def _learner(unit):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from lms import roles
    from lms.models import Profile

    user = get_user_model().objects.create(
        username="bench-lib-hocvien", password=make_password(None)
    )
    user.groups.add(Group.objects.get(name=roles.LEARNERS))
    Profile.objects.create(user=user, family_name="Trần Thị", given_name="Học", unit=unit)
    return user


def endpoints():
    """(label, path, params) of each request the scenario measures."""
    from django.urls import reverse
    from django.utils.http import urlencode

    page, api = reverse("library:search"), reverse("library:api_search")
    queries = [
        ("folded", page, FOLDED),
        ("exact", page, EXACT),
        ("phrase", page, PHRASE),
        ("api folded", api, FOLDED),
    ]
    return [(label, f"{path}?{urlencode({'q': q})}", q) for label, path, q in queries]


def matches(user, query):
    """How many items and case studies the search finds for ``query`` as ``user``."""
    from library.selectors import library_search

    return library_search(query=query, user=user).total


def setup(args):
    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.db import transaction

    with transaction.atomic():
        units = _units()
        bodies, subjects, types = _taxonomy()
        items = _items(count=args.items, units=units, bodies=bodies, subjects=subjects, types=types)
        index_items(items)
        learner = _learner(units[0])
    session = _sign_in([learner])[0]["session"]
    users = {"guest": AnonymousUser(), "learner": learner}
    return {
        "items": args.items,
        "issuing_bodies": len(bodies),
        "subjects": len(subjects),
        "queries": {"folded": FOLDED, "exact": EXACT, "phrase": PHRASE},
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "users": [
            {"label": "guest", "username": None, "session": None},
            {"label": "learner", "username": learner.username, "session": session},
        ],
        "endpoints": [
            {
                "label": label,
                "path": path,
                "matches": {name: matches(user, query) for name, user in users.items()},
            }
            for label, path, query in endpoints()
        ],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    prepare = commands.add_parser("setup", help="fill the library and sign in a learner")
    prepare.add_argument("--items", type=int, default=10_000)
    args = parser.parse_args()
    django_setup()
    json.dump(setup(args), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    sys.exit(main())
