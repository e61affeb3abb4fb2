"""Writes of question import and export: read a file, check every question, create them.

Parsers (``gift``, ``aiken``, ``moodlexml``, ``spreadsheet``) only read their
format. Here every parsed question is checked the way the bank checks an
author's question (its type's rules, sanitised HTML) plus Moodle's import rule
on answer grades, and then either nothing is imported (all or nothing) or the
valid questions are, in one transaction.
"""

import importlib
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.models import Tag

from lms.sanitize import sanitize_html
from lms.text import nfc
from quizzes.bank.selectors import categories_visible_to, category_can_edit
from quizzes.bank.services import category_create, question_content_clean, question_search_text
from quizzes.interchange.decoding import decode_text
from quizzes.interchange.files import (
    embedded_file_kind,
    embedded_files_store,
    references_rewrite,
)
from quizzes.interchange.grades import payload_grades_match
from quizzes.interchange.records import ExportedQuestion, ImportProblem, shortened
from quizzes.interchange.selectors import category_roots, child_named
from quizzes.models import (
    Difficulty,
    Question,
    QuestionCategory,
    QuestionImport,
    QuestionTag,
    QuestionVersion,
)

IMPORT_FORMATS = {
    "gift": gettext_lazy("GIFT (Moodle)"),
    "aiken": gettext_lazy("Aiken"),
    "moodlexml": gettext_lazy("Moodle XML"),
    "xlsx": gettext_lazy("Excel (XLSX, this platform's template)"),
}
# The module of each format; text formats get decoded text, the others bytes.
FORMAT_MODULES = {
    "gift": "quizzes.interchange.gift",
    "aiken": "quizzes.interchange.aiken",
    "moodlexml": "quizzes.interchange.moodlexml",
    "xlsx": "quizzes.interchange.spreadsheet",
}
TEXT_FORMATS = {"gift", "aiken"}
MAX_IMPORT_BYTES = 50 * 1024 * 1024
MAX_MARK = Decimal("1000")
BATCH_SIZE = 500


def format_module(file_format):
    return importlib.import_module(FORMAT_MODULES[file_format])


def import_format_guess(*, filename, data=b""):
    """The import format a file probably is, from its name (and content for .txt), or None."""
    name = filename.lower()
    if name.endswith(".xml"):
        return "moodlexml"
    if name.endswith(".xlsx"):
        return "xlsx"
    if name.endswith(".gift"):
        return "gift"
    if name.endswith(".txt"):
        # Aiken files have "ANSWER:" lines and no GIFT braces; decoded first, because
        # Notepad's "Unicode" (UTF-16) hides them from a byte search.
        try:
            head = decode_text(data)[:20000]
        except ValidationError:
            return "gift"  # reading it will then say what is wrong with the file
        return "aiken" if "ANSWER:" in head and "{" not in head else "gift"
    return None


def import_file_read(*, data, file_format):
    """Parse an uploaded file; ValidationError (Vietnamese) when it cannot be read at all."""
    if file_format not in FORMAT_MODULES:
        raise ValidationError(_("Choose the format of the file."))
    if not data:
        raise ValidationError(_("The file is empty."))
    if len(data) > MAX_IMPORT_BYTES:
        raise ValidationError(_("The file is larger than 50 MB; split it into several files."))
    if file_format == "xlsx" and not data.startswith(b"PK"):
        raise ValidationError(_("This is not an Excel (XLSX) file."))
    source = decode_text(data) if file_format in TEXT_FORMATS else data
    return format_module(file_format).parse(source)


@dataclass
class ImportReport:
    """What an import did (or, for a preview, would do)."""

    total: int = 0
    valid: int = 0
    created: int = 0
    by_type: dict = field(default_factory=dict)
    categories: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    unsupported: list = field(default_factory=list)

    @property
    def refused(self):
        return bool(self.errors or self.unsupported)

    def as_dict(self):
        return {
            "created": self.created,
            "valid": self.valid,
            "total": self.total,
            "by_type": self.by_type,
            "categories": self.categories,
            "errors": [
                {"line": e.line, "question": e.question, "message": str(e.message)}
                for e in self.errors
            ],
            "unsupported": [
                {"line": u.line, "question": u.question, "type": u.source_type}
                for u in self.unsupported
            ],
        }


@dataclass
class CheckedQuestion:
    parsed: object
    text: str
    payload: dict
    general_feedback: str
    search_text: str


def question_check(parsed):
    """A parsed question validated as the bank would; ValidationError names what is wrong."""
    if parsed.qtype == "case":
        raise ValidationError(_("Case analyses cannot be imported; import them as essays."))
    payload, invalid = payload_grades_match(parsed.qtype, parsed.payload)
    if invalid:
        raise ValidationError(
            _("Answer grade %(grades)s is not one Moodle allows (e.g. 33.33333%% for a third).")
            % {"grades": ", ".join(_percent(fraction) for fraction in invalid)}
        )
    try:
        mark = Decimal(str(parsed.default_mark))
    except InvalidOperation as error:
        raise ValidationError(_("The mark is not a number.")) from error
    if not (0 <= mark <= MAX_MARK):
        raise ValidationError(_("The mark must lie between 0 and 1000."))
    if parsed.difficulty not in Difficulty.values:
        raise ValidationError(_("Unknown difficulty: %(value)s.") % {"value": parsed.difficulty})
    for file in parsed.files:
        embedded_file_kind(file)
    kind, text, payload = question_content_clean(
        qtype=parsed.qtype, text=parsed.text, payload=payload
    )
    name = nfc(parsed.name).strip()[:255]
    return CheckedQuestion(
        parsed=parsed,
        text=text,
        payload=payload,
        general_feedback=sanitize_html(nfc(parsed.general_feedback or "")),
        search_text=question_search_text(name=name, text=text, kind=kind, payload=payload),
    )


def _percent(fraction):
    try:
        return f"{Decimal(fraction) * 100:f}".rstrip("0").rstrip(".").replace(".", ",") + "%"
    except InvalidOperation:
        return str(fraction)


def _problem(parsed, error):
    return ImportProblem(
        line=parsed.line,
        question=parsed.name or "",
        message=" ".join(error.messages),
    )


def questions_import(*, result, category, user=None, all_or_nothing=True, dry_run=False):
    """Import the questions of ``result`` (a ParseResult) into ``category``.

    Paths the file gives are created under ``category`` as needed. With
    ``all_or_nothing`` one error or unsupported question imports nothing;
    otherwise the valid questions are imported and the rest reported.
    ``dry_run`` checks everything and writes nothing (the admin's preview).
    ``user`` None is the command line, which may write anywhere.
    """
    if user is not None and not category_can_edit(user=user, category=category):
        raise PermissionDenied(_("You may not change questions in this category."))
    report = ImportReport(
        total=len(result.questions) + len(result.unsupported),
        errors=list(result.errors),
        unsupported=list(result.unsupported),
    )
    checked = []
    for parsed in result.questions:
        try:
            checked.append(question_check(parsed))
        except ValidationError as error:
            report.errors.append(_problem(parsed, error))
    report.valid = len(checked)
    report.by_type = dict(Counter(item.parsed.qtype for item in checked))
    report.categories = _category_names(category, result, checked)
    if dry_run or not checked or (all_or_nothing and report.refused):
        return report
    with transaction.atomic():
        _questions_create(checked, category=category, result=result, user=user)
    report.created = len(checked)
    return report


def _category_names(category, result, checked):
    paths = dict.fromkeys([*result.categories, *(item.parsed.category for item in checked)])
    return ["/".join((category.name, *path)) for path in paths]


def _questions_create(checked, *, category, result, user):
    categories = _CategoryTree(category)
    for path in result.categories:
        categories.get(path)
    questions, versions = [], []
    for item in checked:
        parsed = item.parsed
        text, payload, general_feedback = item.text, item.payload, item.general_feedback
        if parsed.files:
            urls = embedded_files_store(files=parsed.files, user=user)
            text, payload, general_feedback = references_rewrite(
                [text, payload, general_feedback], urls
            )
        questions.append(
            Question(
                category=categories.get(parsed.category),
                name=nfc(parsed.name).strip()[:255] or shortened(strip_tags(text)),
                qtype=parsed.qtype,
                difficulty=parsed.difficulty,
                idnumber=parsed.idnumber[:100],
                created_by=user,
                search_text=item.search_text,
            )
        )
        versions.append(
            QuestionVersion(
                number=1,
                qtype=parsed.qtype,
                text=text,
                general_feedback=general_feedback,
                default_mark=Decimal(str(parsed.default_mark))
                if parsed.qtype != "description"
                else Decimal("0"),
                payload=payload,
                created_by=user,
            )
        )
    Question.objects.bulk_create(questions, batch_size=BATCH_SIZE)
    for question, version in zip(questions, versions, strict=True):
        version.question = question
    QuestionVersion.objects.bulk_create(versions, batch_size=BATCH_SIZE)
    for question, version in zip(questions, versions, strict=True):
        question.current_version = version
    Question.objects.bulk_update(questions, ["current_version"], batch_size=BATCH_SIZE)
    _tags_add(questions, [item.parsed.tags for item in checked])


def _tags_add(questions, tag_lists):
    names = {nfc(tag).strip() for tags in tag_lists for tag in tags if tag.strip()}
    if not names:
        return
    tags = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    for name in sorted(names - set(tags)):
        tags[name] = Tag.objects.create(name=name)
    QuestionTag.objects.bulk_create(
        [
            QuestionTag(content_object=question, tag=tags[name])
            for question, tag_names in zip(questions, tag_lists, strict=True)
            for name in dict.fromkeys(nfc(tag).strip() for tag in tag_names if tag.strip())
        ],
        batch_size=BATCH_SIZE,
    )


def category_path_create(*, path, unit=None):
    """The category at ``path`` (names from a root), created with its parents as needed.

    A new root belongs to ``unit``; without one only existing roots can be used.
    """
    root = category_roots(name=path[0], unit=unit).first()
    if root is None:
        if unit is None:
            raise ValidationError(
                _("There is no category “%(name)s”; give a training unit to create it.")
                % {"name": path[0]}
            )
        root = category_create(name=path[0], unit=unit)
    return _CategoryTree(root).get(path[1:])


class _CategoryTree:
    """Categories under the import's target, found by name or created, one query per new path."""

    def __init__(self, root):
        self.nodes = {(): root}

    def get(self, path):
        path = tuple(nfc(name).strip() for name in path if name.strip())
        if path in self.nodes:
            return self.nodes[path]
        parent = self.get(path[:-1])
        child = child_named(parent, path[-1])
        if child is None:
            child = category_create(name=path[-1], parent=parent)
        self.nodes[path] = child
        return child


def import_store(*, user, category, file_format, all_or_nothing, filename, data):
    """A ``QuestionImport`` keeping an uploaded file (``data``) until its preview is confirmed."""
    question_import = QuestionImport(
        owner=user,
        category=category,
        file_format=file_format,
        all_or_nothing=all_or_nothing,
        filename=filename,
    )
    question_import.file.save(filename, ContentFile(data), save=False)
    try:
        question_import.save()
    except Exception:
        question_import.file.delete(save=False)
        raise
    return question_import


def import_parse(question_import):
    """The ParseResult of a stored import file; ValidationError when it cannot be read."""
    try:
        with question_import.file.open("rb") as file:
            data = file.read()
    except (OSError, ValueError) as error:
        raise ValidationError(_("The uploaded file is no longer available.")) from error
    return import_file_read(data=data, file_format=question_import.file_format)


def import_run(question_import, *, user):
    """Import the questions of a stored file once; the report, or None if already done.

    The import is claimed by setting ``finished_at`` in the same transaction,
    so a second click (or a second tab) finds it finished and imports nothing.
    When nothing gets imported, the claim is rolled back and the file kept.
    """
    result = import_parse(question_import)
    with transaction.atomic():
        claimed = QuestionImport.objects.filter(
            pk=question_import.pk, finished_at__isnull=True
        ).update(finished_at=timezone.now())
        if not claimed:
            return None
        report = questions_import(
            result=result,
            category=question_import.category,
            user=user,
            all_or_nothing=question_import.all_or_nothing,
        )
        if not report.created:
            transaction.set_rollback(True)
            return report
        QuestionImport.objects.filter(pk=question_import.pk).update(
            report=report.as_dict(), file=""
        )
        storage, name = question_import.file.storage, question_import.file.name
        transaction.on_commit(lambda: storage.delete(name))
    return report


EXPORT_FORMATS = {
    "gift": gettext_lazy("GIFT (Moodle)"),
    "moodlexml": gettext_lazy("Moodle XML"),
    "xlsx": gettext_lazy("Excel (XLSX)"),
}
EXPORT_FILES = {
    "gift": ("txt", "text/plain; charset=utf-8"),
    "moodlexml": ("xml", "application/xml"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


@dataclass
class ExportFile:
    content: bytes
    filename: str
    content_type: str


def questions_export(*, category, file_format, recursive=False, user=None):
    """The questions of ``category`` (and its subcategories when ``recursive``) as a file.

    Each question is exported as its current version. ``user`` None is the
    command line; others must see the category in the bank.
    """
    if file_format not in EXPORT_FORMATS:
        raise ValidationError(_("Choose the format of the file."))
    if user is not None and not categories_visible_to(user=user).filter(pk=category.pk).exists():
        raise PermissionDenied(_("You may not see this category."))
    content = format_module(file_format).write(
        exported_questions(category=category, recursive=recursive)
    )
    extension, content_type = EXPORT_FILES[file_format]
    name = slugify(category.name.replace("đ", "d").replace("Đ", "D")) or "cau-hoi"
    return ExportFile(
        content=content.encode() if isinstance(content, str) else content,
        filename=f"{name}.{extension}",
        content_type=content_type,
    )


def exported_questions(*, category, recursive=False):
    """ExportedQuestion records of a category, paths starting at the category's name."""
    categories = (
        QuestionCategory.objects.filter(path__startswith=category.path)
        if recursive
        else QuestionCategory.objects.filter(pk=category.pk)
    )
    names = dict(categories.values_list("path", "name"))
    step = QuestionCategory.steplen
    start = len(category.path) - step
    questions = (
        Question.objects.filter(category__path__in=names)
        .select_related("category", "current_version")
        .prefetch_related("tags")
        .order_by("category__path", "pk")
    )
    for question in questions.iterator(chunk_size=1000):
        path = question.category.path
        version = question.current_version
        yield ExportedQuestion(
            qtype=question.qtype,
            name=question.name,
            text=version.text,
            payload=version.payload,
            general_feedback=version.general_feedback,
            default_mark=version.default_mark,
            category=tuple(names[path[:end]] for end in range(start + step, len(path) + 1, step)),
            tags=sorted(tag.name for tag in question.tags.all()),
            idnumber=question.idnumber,
            difficulty=question.difficulty,
        )


STALE_IMPORT_DAYS = 7


def question_imports_cleanup(*, now=None, days=STALE_IMPORT_DAYS):
    """Delete uploads never imported within ``days``, with their files; returns how many.

    A finished import keeps its report (its file is already gone).
    """
    cutoff = (now or timezone.now()) - timezone.timedelta(days=days)
    stale = list(QuestionImport.objects.filter(finished_at__isnull=True, created_at__lt=cutoff))
    for question_import in stale:
        if question_import.file:
            question_import.file.delete(save=False)
        question_import.delete()
    return len(stale)
