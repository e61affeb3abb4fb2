"""Writes for H5P: importing and deleting packages, recording learners' results.

Scoring rule (``h5p_record_result``), chosen to be predictable for authors:

* Only ``answered`` and ``completed`` statements about the activity itself are
  recorded; statements from questions nested inside it (they carry H5P's
  sub-content id or a parent activity) and other verbs (attempted,
  interacted, …) are ignored.
* The learner's best result is kept: a new score replaces the recorded one
  only when its ratio (score / maximum) is at least as high, so trying again
  never lowers a result already earned. A completed lesson stays completed.
* A lesson whose completion mode is "The H5P activity is passed" is completed
  when the statement says ``result.success`` is true (H5P content types with a
  pass mark, such as Question Set, decide this themselves). When the content
  reports no success flag but a score, the lesson is passed at
  ``score / max >= H5P_PASS_SCORE`` (default 1.0: every point, since such
  activities give the author no pass mark to set; an installation can lower
  it, e.g. to 0.5 for the usual 5,0 on the 10-point scale). Content with no
  score at all (a presentation, a video) is passed by completing it.
"""

from __future__ import annotations

import logging
import math
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lessons import selectors
from lessons.h5p import storage
from lessons.h5p.validation import open_archive, validate_package
from lessons.models import H5PPackage, LessonProgress
from lessons.models.pages import CompletionMode

logger = logging.getLogger(__name__)

VERB_ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
VERB_COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
RECORDED_VERBS = frozenset({VERB_ANSWERED, VERB_COMPLETED})
SUB_CONTENT_EXTENSION = "http://h5p.org/x-api/h5p-subContentId"
DEFAULT_PASS_SCORE = 1.0
# LessonProgress.h5p_score has 7 digits, 2 after the point.
MAX_SCORE = Decimal("99999.99")


# == Packages ==


def h5p_package_create(*, file, title: str, owner) -> H5PPackage:
    """Validate an uploaded .h5p file, unpack it into storage and save the package.

    Raises ``ValidationError`` (with a ``code``) for a bad package; nothing is
    written to storage before validation has passed, and if unpacking or saving
    fails part-way the files already written are removed, so a refusal leaves
    neither files nor a database row behind.
    """
    with open_archive(file) as archive:
        validated = validate_package(archive)
        package = H5PPackage(
            title=_package_title(title=title, metadata=validated.metadata, file=file),
            main_library=validated.main_library[:255],
            metadata=validated.metadata,
            file_count=validated.file_count,
            total_size=validated.total_size,
            owner=owner if owner is not None and owner.is_authenticated else None,
        )
        package.storage_path = storage.package_root(package.uuid)
        try:
            storage.unpack(archive=archive, package=validated, root=package.storage_path)
            with transaction.atomic():
                package.save()
        except Exception as error:
            _delete_files_quietly(package.storage_path)
            if isinstance(error, OSError):
                logger.exception("Could not store the H5P package %s", package.uuid)
                raise ValidationError(
                    _(
                        "The package is valid but could not be saved on the server. Try again "
                        "later; if it keeps failing, tell the administrator."
                    ),
                    code="storage_failed",
                ) from error
            raise
    return package


def _package_title(*, title: str, metadata: dict, file) -> str:
    # Text is stored in NFC (see DESIGN.md); fall back to the title in h5p.json,
    # then to the file name, so a package is never listed without a name.
    candidates = [title, metadata.get("title"), PurePosixPath(getattr(file, "name", "")).stem]
    for candidate in candidates:
        if isinstance(candidate, str) and candidate.strip():
            return unicodedata.normalize("NFC", candidate.strip())[:255]
    return "H5P"


def _delete_files_quietly(root: str) -> None:
    try:
        storage.delete_tree(root)
    except Exception:  # pragma: no cover - logged; the original error matters more
        logger.exception("Could not remove the H5P files in %s", root)


def h5p_package_delete(*, package: H5PPackage) -> None:
    """Delete a package and, once the deletion is committed, its unpacked files.

    The files go only after the commit: if the transaction rolls back, the row
    is back and must still find its files.
    """
    root = package.storage_path
    package.delete()
    if root:
        transaction.on_commit(lambda: _delete_files_quietly(root))


def h5p_orphans_delete() -> list[str]:
    """Remove package folders whose package no longer exists; return their names.

    Files can outlive their row when a package was deleted in bulk outside the
    admin, or when an import's transaction was rolled back by its caller. Run it
    from a periodic job (a management command), not on every request.
    """
    try:
        folders, _files = default_storage.listdir(storage.ROOT)
    except (FileNotFoundError, NotADirectoryError):
        return []
    known = {str(value) for value in H5PPackage.objects.values_list("uuid", flat=True)}
    removed = []
    for folder in folders:
        if folder not in known:
            storage.delete_tree(storage.package_root(folder))
            removed.append(folder)
    return removed


# == Results ==


def lesson_package_ids(*, lesson) -> set[int]:
    """Primary keys of the H5P packages in a lesson's body, without loading them."""
    return {
        block["value"].get("package")
        for block in lesson.body.raw_data
        if block.get("type") == "h5p" and isinstance(block.get("value"), dict)
    } - {None}


@dataclass(frozen=True)
class StatementResult:
    """The part of an xAPI statement that counts: score, success and completion."""

    score: Decimal | None
    max_score: Decimal | None
    success: bool | None
    completion: bool
    verb: str

    @property
    def ratio(self) -> float | None:
        if self.score is None or not self.max_score:
            return None
        return float(self.score / self.max_score)

    def passes(self) -> bool:
        """Whether the result passes the activity (see the module docstring)."""
        if self.success is not None:
            return self.success
        if self.ratio is not None:
            return self.ratio >= float(getattr(settings, "H5P_PASS_SCORE", DEFAULT_PASS_SCORE))
        return self.completion or self.verb == VERB_COMPLETED


def _invalid(message) -> ValidationError:
    return ValidationError(message, code="invalid_statement")


def _number(value, what) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _invalid(_("The %(what)s in the result is not a number.") % {"what": what})
    return Decimal(str(value)).quantize(Decimal("0.01"))


def parse_statement(statement) -> StatementResult | None:
    """Read an xAPI statement from the player; None when it is not one to record.

    Raises ``ValidationError`` (code ``invalid_statement``) for a malformed one.
    """
    if not isinstance(statement, dict):
        raise _invalid(_("The activity result is not an xAPI statement."))
    verb = statement.get("verb")
    verb_id = verb.get("id") if isinstance(verb, dict) else None
    if not isinstance(verb_id, str):
        raise _invalid(_("The xAPI statement has no verb."))
    if verb_id not in RECORDED_VERBS:
        return None
    context = statement.get("context")
    activities = context.get("contextActivities") if isinstance(context, dict) else None
    if isinstance(activities, dict) and activities.get("parent"):
        return None
    activity = statement.get("object")
    definition = activity.get("definition") if isinstance(activity, dict) else None
    extensions = definition.get("extensions") if isinstance(definition, dict) else None
    if isinstance(extensions, dict) and SUB_CONTENT_EXTENSION in extensions:
        return None
    result = statement.get("result")
    if result is None:
        return None
    if not isinstance(result, dict):
        raise _invalid(_("The result in the xAPI statement is not readable."))
    score = max_score = None
    raw_score = result.get("score")
    if raw_score is not None:
        if not isinstance(raw_score, dict) or "raw" not in raw_score or "max" not in raw_score:
            raise _invalid(_("The score in the xAPI statement needs a raw and a maximum value."))
        score = _number(raw_score["raw"], _("score"))
        max_score = _number(raw_score["max"], _("maximum score"))
        if not (Decimal(0) <= score <= max_score <= MAX_SCORE):
            raise _invalid(
                _("The score in the xAPI statement must lie between 0 and the maximum score.")
            )
        if not max_score:
            score = max_score = None
    success = result.get("success")
    if success is not None and not isinstance(success, bool):
        raise _invalid(_("The success flag in the xAPI statement must be true or false."))
    return StatementResult(
        score=score,
        max_score=max_score,
        success=success,
        completion=result.get("completion") is True,
        verb=verb_id,
    )


@transaction.atomic
def h5p_record_result(*, user, lesson, statement, package: H5PPackage | None = None):
    """Record the score and completion an H5P activity reports in ``LessonProgress``.

    Only a learner who may study the lesson's course records results, for
    themselves; the lesson must contain an H5P activity (``package``, when
    given, must be one of them). Returns the updated progress, or None when the
    statement is not one that counts (see ``parse_statement``).
    """
    course = lesson.course
    if not selectors.course_can_study(user=user, course=course):
        raise PermissionDenied(_("You are not enrolled in the course of this lesson."))
    if not lesson.live:
        raise ValidationError(
            _("This lesson is not published, so results are not recorded."), code="not_published"
        )
    package_ids = lesson_package_ids(lesson=lesson)
    if not package_ids or (package is not None and package.pk not in package_ids):
        raise ValidationError(
            _("This H5P activity is not part of the lesson."), code="not_in_lesson"
        )
    result = parse_statement(statement)
    if result is None:
        return None

    now = timezone.now()
    progress, _created = LessonProgress.objects.select_for_update().get_or_create(
        user=user, lesson=lesson
    )
    progress.first_visited_at = progress.first_visited_at or now
    progress.last_visited_at = now
    recorded_ratio = (
        float(progress.h5p_score / progress.h5p_max_score)
        if progress.h5p_score is not None and progress.h5p_max_score
        else None
    )
    if result.ratio is not None and (recorded_ratio is None or result.ratio >= recorded_ratio):
        progress.h5p_score, progress.h5p_max_score = result.score, result.max_score
    newly_completed = False
    if (
        lesson.completion_mode == CompletionMode.H5P
        and progress.completed_at is None
        and result.passes()
    ):
        progress.completed_at = now
        newly_completed = True
    progress.save()
    if newly_completed:
        from lessons.services import course_completion_update

        course_completion_update(user=user, course=course)
    return progress
