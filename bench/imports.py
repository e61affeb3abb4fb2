"""Database side of the import scenario of bench/run.py: 10,000 questions in and out.

Runs with the bench's environment (production settings, the bench's temporary database),
never against the developer's database; run.py calls it, normally nobody else:

    python bench/imports.py run --questions 10000 --baseline 200 > imports.json

For each of GIFT and Moodle XML it writes a file of N questions of every importable type
spread over ten subcategories (with the project's own writers), then times reading the
file (decoding and parsing), importing it (checking every question and writing them in one
transaction, as the admin and ``manage.py import_questions`` do) and exporting the
imported category again. The baseline, measured in the same run, is the bank's own
``question_create`` service called once per question for ``--baseline`` questions: the
figure that matters is the import's cost per question against it.
"""

import argparse
import json
import sys
import time
from decimal import Decimal

from exam import django_setup

UNIT = ("bench-import", "Trường Đo tải Nhập câu hỏi")
TOPICS = [
    "quản lý nhà nước",
    "công vụ, công chức",
    "cải cách hành chính",
    "chuyển đổi số",
    "văn bản quy phạm pháp luật",
]
PAYLOADS = {
    "single": {
        "options": [
            {"key": "a", "text": "Quốc hội", "fraction": "1", "feedback": "Đúng."},
            {"key": "b", "text": "Chính phủ", "fraction": "0", "feedback": "Chưa đúng."},
            {"key": "c", "text": "Bộ Nội vụ", "fraction": "0", "feedback": ""},
            {"key": "d", "text": "Ủy ban nhân dân tỉnh", "fraction": "0", "feedback": ""},
        ]
    },
    "multiple": {
        "options": [
            {"key": "a", "text": "Luật", "fraction": "0.5", "feedback": ""},
            {"key": "b", "text": "Nghị định", "fraction": "0.5", "feedback": ""},
            {"key": "c", "text": "Bài báo", "fraction": "-1", "feedback": ""},
        ]
    },
    "truefalse": {"correct": True, "feedback_true": "Đúng.", "feedback_false": "Sai."},
    "shortanswer": {"answers": [{"text": "công chức", "fraction": "1", "feedback": ""}]},
    "numerical": {"answers": [{"value": "34", "tolerance": "0", "fraction": "1", "feedback": ""}]},
    "matching": {
        "items": [
            {"key": "i1", "text": "Luật", "option": "o1"},
            {"key": "i2", "text": "Nghị định", "option": "o2"},
            {"key": "i3", "text": "Thông tư", "option": "o3"},
        ],
        "options": [
            {"key": "o1", "text": "Quốc hội"},
            {"key": "o2", "text": "Chính phủ"},
            {"key": "o3", "text": "Bộ trưởng"},
        ],
    },
    "essay": {"format": "html"},
}
QTYPES = list(PAYLOADS)


def records(count):
    """ExportedQuestion records of every type, in ten subcategories of "Nguồn"."""
    from quizzes.interchange.records import ExportedQuestion

    return [
        ExportedQuestion(
            qtype=QTYPES[number % len(QTYPES)],
            name=f"Câu {number + 1}",
            text=f"<p>Câu hỏi số {number + 1} về {TOPICS[number % len(TOPICS)]}?</p>",
            payload=PAYLOADS[QTYPES[number % len(QTYPES)]],
            default_mark=Decimal("1"),
            category=("Nguồn", f"Chương {number % 10 + 1}"),
            tags=["đo tải"],
        )
        for number in range(count)
    ]


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - started


def baseline(category, count):
    """Seconds per question for the bank's own one-at-a-time ``question_create``."""
    from quizzes.bank.services import question_create

    started = time.perf_counter()
    for number in range(count):
        qtype = QTYPES[number % len(QTYPES)]
        question_create(
            category=category,
            qtype=qtype,
            name=f"Mốc {number}",
            text=f"<p>Câu hỏi mốc {number}?</p>",
            payload=PAYLOADS[qtype],
            tags=["đo tải"],
        )
    return (time.perf_counter() - started) / count


def run(args):
    from lms.models import TrainingUnit
    from quizzes.bank.services import category_create
    from quizzes.interchange import gift, moodlexml
    from quizzes.interchange.services import import_file_read, questions_export, questions_import

    unit = TrainingUnit.objects.get_or_create(code=UNIT[0], defaults={"name": UNIT[1]})[0]
    per_question = baseline(category_create(name="Đo tải: mốc", unit=unit), args.baseline)
    source = records(args.questions)
    report = {"questions": args.questions, "baseline_questions": args.baseline, "formats": {}}
    report["create_ms_per_question"] = per_question * 1000
    writers = {
        "gift": lambda: gift.write(source).encode(),
        "moodlexml": lambda: moodlexml.write(source),
    }
    for file_format, write in writers.items():
        data = write()
        target = category_create(name=f"Đo tải: {file_format}", unit=unit)
        result, read_s = timed(import_file_read, data=data, file_format=file_format)
        imported, import_s = timed(questions_import, result=result, category=target)
        exported, export_s = timed(
            questions_export, category=target, file_format=file_format, recursive=True
        )
        report["formats"][file_format] = {
            "bytes": len(data),
            "parsed": len(result.questions),
            "created": imported.created,
            "errors": len(imported.errors),
            "read_s": read_s,
            "import_s": import_s,
            "export_s": export_s,
            "export_bytes": len(exported.content),
            "ratio_to_create": (import_s / max(imported.created, 1)) / per_question,
        }
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    measure = commands.add_parser("run", help="write, read, import and export the files")
    measure.add_argument("--questions", type=int, default=10_000)
    measure.add_argument("--baseline", type=int, default=200)
    args = parser.parse_args()
    django_setup()
    json.dump(run(args), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    sys.exit(main())
