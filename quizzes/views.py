"""Learner screens of the quiz engine: start page, attempt, autosave, summary, submit, review.

Every attempt request goes through ``_guard``: the attempt must be the
learner's own, the quiz's password and network rules hold on each request,
and an attempt past its deadline is closed by its quiz's rule before anything
else happens.
"""

import html
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from lessons import selectors as lesson_selectors
from quizzes import access, selectors, services
from quizzes.downloads import response_file_download
from quizzes.forms import (
    TEXT_TYPES,
    answer_from_post,
    check_attachment,
    essay_plain_text,
    posted_sequences,
)
from quizzes.grading import bands_for, classify
from quizzes.models import AttemptState, Response, ResponseFile
from quizzes.models.pages import Navigation, OverdueHandling
from quizzes.selectors import QuizStatus

# Announced to screen readers and made prominent when this little time is left.
URGENT_SECONDS = 5 * 60
LETTERS = "abcdefghijklmnopqrstuvwxyz"


# Start page ------------------------------------------------------------------


def quiz_start_page(request, quiz):
    """GET: the quiz's rules and the learner's attempts; POST: start or continue an attempt."""
    if getattr(request, "is_preview", False):
        # An editor's preview shows the page but never creates attempts.
        return TemplateResponse(request, "quizzes/quiz_page.html", _start_context(request, quiz))
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not lesson_selectors.course_can_study(user=request.user, course=quiz.course):
        return TemplateResponse(
            request,
            "quizzes/not_enrolled.html",
            {"course": quiz.course, "page": quiz},
            status=403,
        )
    if request.method == "POST":
        return _start_attempt(request, quiz)
    return TemplateResponse(request, "quizzes/quiz_page.html", _start_context(request, quiz))


def _start_attempt(request, quiz):
    if access.password_remembered(session=request.session, quiz=quiz):
        password = quiz.password
    else:
        password = request.POST.get("password", "")
    try:
        attempt = services.attempt_start(
            user=request.user, quiz=quiz, password=password, ip=access.client_ip(request)
        )
    except PermissionDenied as error:
        return _refused_page(request, quiz, _message(error))
    except ValidationError as error:
        messages.error(request, _message(error))
        return redirect(quiz.get_url(request))
    access.password_remember(session=request.session, quiz=quiz)
    return redirect(_attempt_url(attempt, attempt.current_page))


def _start_context(request, quiz):
    preview = getattr(request, "is_preview", False)
    user = request.user
    now = timezone.now()
    override = None if preview else selectors.quiz_override_for(quiz=quiz, user=user)
    status = _quiz_status(user, quiz, preview)
    bands = bands_for(quiz)
    opens, closes = selectors.quiz_window(quiz=quiz, override=override)
    allowed = selectors.attempts_allowed(quiz=quiz, override=override)
    rows = [_attempt_row(attempt, quiz, bands, now, override) for attempt in status.attempts]
    refusal = _start_refusal(request, quiz, status, opens, closes, allowed, now)
    if preview:
        refusal = _("This is a preview: no attempt is started from it.")
    return {
        "page": quiz,
        "self": quiz,
        "quiz": quiz,
        "opens_at": opens,
        "closes_at": closes,
        "time_limit": _time_limit(quiz, override),
        "attempts_allowed": allowed,
        "attempts_left": max(allowed - len(status.attempts), 0) if allowed else None,
        "pass_mark": bands.passing,
        "rows": rows,
        "open_attempt": status.open_attempt,
        "quiz_grade": status.grade if _marks_visible(rows) else None,
        "refusal": refusal,
        "needs_password": bool(quiz.password)
        and not access.password_remembered(session=getattr(request, "session", {}), quiz=quiz),
        "is_sequential": quiz.navigation == Navigation.SEQUENTIAL,
    }


def _quiz_status(user, quiz, preview):
    if preview:
        return QuizStatus(attempts=[], open_attempt=None, grade=None)
    status = selectors.quiz_status_for(user=user, quiz=quiz)
    if status.open_attempt is not None and services.attempt_close_if_overdue(
        attempt=status.open_attempt
    ):
        status = selectors.quiz_status_for(user=user, quiz=quiz)
    return status


def _time_limit(quiz, override):
    if not quiz.time_limit_minutes:
        return None
    return quiz.time_limit_minutes + (override.extra_minutes if override else 0)


def _attempt_row(attempt, quiz, bands, now, override):
    attempt.quiz = quiz
    options = selectors.review_options(attempt=attempt, now=now, override=override)
    show = options.marks and attempt.state == AttemptState.FINISHED
    grade = attempt.grade if show else None
    return {
        "attempt": attempt,
        "show_marks": show,
        "grade": grade,
        "passed": None if grade is None else grade >= bands.passing,
        "classification": classify(grade, bands),
        "waiting": show and attempt.needs_grading,
    }


def _marks_visible(rows):
    """Whether the quiz grade may be shown: every submitted attempt's marks are visible."""
    finished = [row for row in rows if row["attempt"].state == AttemptState.FINISHED]
    return bool(finished) and all(row["show_marks"] for row in finished)


def _start_refusal(request, quiz, status, opens, closes, allowed, now):
    """Why the learner cannot start or continue now, or "" when they can."""
    if not access.ip_allowed(quiz=quiz, ip=access.client_ip(request)):
        return _("This quiz can only be taken from the training unit's network.")
    if status.open_attempt is not None:
        return ""
    if opens and now < opens:
        when = date_format(timezone.localtime(opens), "SHORT_DATETIME_FORMAT")
        return _("The quiz opens at %(time)s.") % {"time": when}
    if closes and now >= closes:
        return _("The quiz is closed.")
    if allowed and len(status.attempts) >= allowed:
        return _("You have used every attempt this quiz allows.")
    return ""


# Guards ----------------------------------------------------------------------


def _message(error):
    return " ".join(getattr(error, "messages", None) or [str(error)])


def _attempt_url(attempt, page=None):
    url = reverse("quizzes:attempt", args=[attempt.pk])
    return f"{url}?trang={page}" if page else url


def _review_url(attempt):
    return reverse("quizzes:attempt_review", args=[attempt.pk])


def _summary_url(attempt):
    return reverse("quizzes:attempt_summary", args=[attempt.pk])


def _json_error(status, code, message):
    return JsonResponse({"ok": False, "code": code, "error": message}, status=status)


def _refused_page(request, quiz, message, *, needs_password=False):
    context = {"quiz": quiz, "page": quiz, "message": message, "needs_password": needs_password}
    return TemplateResponse(request, "quizzes/refused.html", context, status=403)


def _restriction(request, quiz):
    """(code, message) when the quiz's network or password rule refuses this request."""
    if not access.ip_allowed(quiz=quiz, ip=access.client_ip(request)):
        return "network", _("This quiz can only be taken from the training unit's network.")
    if not access.password_remembered(session=request.session, quiz=quiz):
        return "password", _("Type the quiz password on the quiz page to continue.")
    return None


def _guard(request, attempt_id, *, as_json=False, reviewing=False):
    """(attempt, None) when the request may go on, else (None, the refusal to return)."""
    try:
        attempt = selectors.attempt_for(attempt_id=attempt_id, user=request.user)
    except PermissionDenied as error:
        if as_json:
            return None, _json_error(403, "forbidden", _message(error))
        return None, _refused_page(request, None, _message(error))
    quiz = attempt.quiz
    closed = quiz.closes_at and timezone.now() >= quiz.closes_at
    restriction = None if reviewing and closed else _restriction(request, quiz)
    if restriction:
        code, message = restriction
        if as_json:
            return None, _json_error(403, code, message)
        return None, _refused_page(request, quiz, message, needs_password=code == "password")
    # The "next request that touches it" closes an attempt whose time is up.
    services.attempt_close_if_overdue(attempt=attempt)
    return attempt, None


def _redirect_closed(request, attempt):
    """Where an attempt that no longer takes answers sends the learner, or None if it does."""
    if attempt.state in (AttemptState.FINISHED, AttemptState.ABANDONED):
        return redirect(_review_url(attempt))
    if attempt.state == AttemptState.OVERDUE:
        messages.warning(request, _("The time is up. You may only submit the attempt now."))
        return redirect(_summary_url(attempt))
    return None


# Attempt page ------------------------------------------------------------------


@login_required
def attempt_page(request, attempt_id):
    """One page of questions (GET); the no-JavaScript save and navigation (POST)."""
    attempt, refusal = _guard(request, attempt_id)
    if refusal:
        return refusal
    closed = _redirect_closed(request, attempt)
    if closed:
        return closed
    if request.method == "POST":
        return _attempt_post(request, attempt)
    page_number, wrong = _page_to_show(request, attempt)
    if wrong:
        return redirect(_attempt_url(attempt, page_number))
    layout = _numbered(selectors.attempt_layout(attempt=attempt, user=request.user))
    items = [item for item in layout if item["page"] == page_number]
    _prepare_inputs(request, items)
    context = {
        "page": attempt.quiz,
        "quiz": attempt.quiz,
        "attempt": attempt,
        "items": items,
        "nav": _nav_boxes(attempt, layout, page_number),
        "page_number": page_number,
        "is_sequential": attempt.quiz.navigation == Navigation.SEQUENTIAL,
        "is_last_page": page_number >= attempt.page_count,
        **_timer_context(attempt),
    }
    return TemplateResponse(request, "quizzes/attempt.html", context)


def _page_to_show(request, attempt):
    """(page, whether the URL asked for another one)."""
    try:
        asked = int(request.GET.get("trang", attempt.current_page))
    except ValueError:
        asked = attempt.current_page
    if attempt.quiz.navigation == Navigation.SEQUENTIAL:
        if asked < attempt.current_page:
            messages.error(request, _("This quiz does not let you go back to earlier questions."))
        return attempt.current_page, asked != attempt.current_page
    page = max(1, min(asked, attempt.page_count))
    return page, page != asked


def _numbered(layout):
    """Number the questions that take an answer; descriptions get no number."""
    number = 0
    for item in layout:
        if item["type"] == "description":
            item["number"] = None
            continue
        number += 1
        item["number"] = number
        item["answered"] = item["answer"] is not None or bool(item["files"])
    return layout


def _prepare_inputs(request, items):
    """What the answer controls start with: the saved answer, or the essay's template."""
    case_ids = [item["case_page"] for item in items if item.get("case_page")]
    cases = {page.pk: page for page in Page.objects.live().filter(pk__in=case_ids)}
    for item in items:
        answer = item["answer"] or {}
        if item["type"] in ("single", "multiple"):
            for index, option in enumerate(item["options"]):
                option["letter"] = LETTERS[index % len(LETTERS)]
        if item["type"] in TEXT_TYPES:
            item["text_value"] = _textarea_value(item, answer)
        if item["type"] == "multiple":
            item["chosen"] = answer.get("choices") or []
        if item["type"] == "matching":
            pairs = answer.get("pairs") or {}
            for entry in item["items"]:
                entry["chosen"] = pairs.get(entry["key"], "")
        if item["type"] == "truefalse" and answer:
            item["tf_value"] = "true" if answer.get("value") else "false"
        if item.get("case_page") in cases:
            item["case"] = cases[item["case_page"]]
            item["case_url"] = cases[item["case_page"]].get_url(request)


def _textarea_value(item, answer):
    if item["type"] == "shortanswer":
        return answer.get("text", "")
    if not answer:
        template = strip_tags(item.get("template") or "")
        return html.unescape(template) if item.get("format") == "html" else template
    text = answer.get("text", "")
    # Without JavaScript the learner edits an HTML answer as plain text.
    return essay_plain_text(text) if item.get("format") == "html" else text


def _nav_boxes(attempt, layout, page_number):
    sequential = attempt.quiz.navigation == Navigation.SEQUENTIAL
    return [
        {
            "slot": item["slot"],
            "number": item["number"],
            "page": item["page"],
            "answered": item["answered"],
            "flagged": item["flagged"],
            "current": item["page"] == page_number,
            "reachable": not sequential or item["page"] == attempt.current_page,
        }
        for item in layout
        if item["number"] is not None
    ]


def _timer_context(attempt):
    if not attempt.deadline:
        return {"deadline": None}
    now = timezone.now()
    left = max(int((attempt.deadline - now).total_seconds()), 0)
    return {
        "deadline": timezone.localtime(attempt.deadline),
        "time_left": f"{left // 3600}:{left % 3600 // 60:02d}:{left % 60:02d}",
        "deadline_iso": attempt.deadline.isoformat(timespec="milliseconds"),
        "server_now_iso": now.isoformat(timespec="milliseconds"),
        "urgent": left <= URGENT_SECONDS,
        "autosubmit": attempt.quiz.overdue_handling == OverdueHandling.AUTOSUBMIT,
    }


def _attempt_post(request, attempt):
    closed = _save_posted_answers(request, attempt)
    if closed:
        services.attempt_close_if_overdue(attempt=attempt)
        return _redirect_closed(request, attempt) or redirect(_review_url(attempt))
    if request.POST.get("timeup"):
        return _time_up(request, attempt)
    flag = request.POST.get("flag", "")
    if flag:
        _toggle_flag(request, attempt, flag)
    return _navigate(request, attempt, request.POST.get("nav", ""))


def _save_posted_answers(request, attempt):
    """Save each question of the posted page; return True if the attempt stopped taking answers."""
    sequences = posted_sequences(request.POST)
    if not sequences:
        return False
    responses = Response.objects.filter(attempt=attempt, slot__in=sequences).select_related(
        "question_version"
    )
    for response in responses:
        version = response.question_version
        raw = answer_from_post(qtype=version.qtype, slot=response.slot, data=request.POST)
        if raw is None or _unchanged(version, response, raw):
            continue
        try:
            services.attempt_save(
                attempt=attempt,
                user=request.user,
                slot=response.slot,
                answer=raw,
                sequence=sequences[response.slot] + 1,
            )
        except services.StaleSequence:
            messages.warning(request, _stale_message(response.slot))
        except services.AttemptClosed as error:
            messages.error(request, _message(error))
            return True
        except ValidationError as error:
            messages.error(request, _slot_error(response, error))
    return False


def _stale_message(slot):
    return _("A newer answer to question %(slot)s was saved from another window; it is kept.") % {
        "slot": slot
    }


def _slot_error(response, error):
    return _("Question %(slot)s: %(error)s") % {"slot": response.slot, "error": _message(error)}


def _unchanged(version, response, raw):
    """Whether the posted answer is what is stored (or the essay's untouched template)."""
    try:
        cleaned = version.type.clean_answer(version.payload, raw)
    except ValidationError:
        return False
    if cleaned == response.answer:
        return True
    if response.answer and version.qtype in ("essay", "case"):
        # A rich answer is shown without its formatting when JavaScript is off:
        # posting the same words back must not strip the bold and lists.
        return _words(response.answer.get("text")) == _words(raw.get("text"))
    template = version.payload.get("template") or ""
    return (
        response.answer is None
        and version.qtype in TEXT_TYPES
        and bool(strip_tags(template).strip())
        and _words(template) == _words(raw.get("text"))
    )


def _words(text):
    return " ".join(essay_plain_text(text or "").split())


def _time_up(request, attempt):
    """The page's timer reached zero: submit or go to the summary, by the quiz's rule."""
    if attempt.quiz.overdue_handling != OverdueHandling.AUTOSUBMIT:
        return redirect(_summary_url(attempt))
    try:
        services.attempt_submit(attempt=attempt, user=request.user)
    except services.AttemptClosed as error:
        messages.error(request, _message(error))
    return redirect(_review_url(attempt))


def _toggle_flag(request, attempt, value):
    slot, _sep, state = value.partition(":")
    try:
        services.response_flag(
            attempt=attempt, user=request.user, slot=int(slot), flagged=state == "1"
        )
    except (ValueError, ValidationError) as error:
        messages.error(request, _message(error))


def _navigate(request, attempt, nav):
    try:
        current = int(request.POST.get("page", attempt.current_page))
    except ValueError:
        current = attempt.current_page
    if nav == "summary" or (nav == "next" and current >= attempt.page_count):
        return redirect(_summary_url(attempt))
    targets = {"prev": current - 1, "next": current + 1}
    try:
        target = targets[nav] if nav in targets else int(nav or current)
    except ValueError:
        target = current
    try:
        page = services.attempt_go_to_page(attempt=attempt, user=request.user, page=target)
    except ValidationError as error:
        messages.error(request, _message(error))
        page = attempt.current_page
    return redirect(_attempt_url(attempt, page))


# Autosave and flags ------------------------------------------------------------


def _json_body(request):
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


@require_POST
def attempt_save(request, attempt_id):
    """The autosave endpoint: one slot's answer with the client's sequence number."""
    if not request.user.is_authenticated:
        return _json_error(403, "login", _("Log in again to keep taking the quiz."))
    data = _json_body(request)
    try:
        slot = int(data["slot"])
        answer = data.get("answer")
        sequence = int(data["sequence"])
    except (TypeError, KeyError, ValueError):
        return _json_error(400, "bad_request", _("The answer could not be read."))
    if answer is not None and not isinstance(answer, dict):
        return _json_error(400, "bad_request", _("The answer could not be read."))
    attempt, refusal = _guard(request, attempt_id, as_json=True)
    if refusal:
        return refusal
    try:
        response = services.attempt_save(
            attempt=attempt, user=request.user, slot=slot, answer=answer, sequence=sequence
        )
    except services.StaleSequence as error:
        return _json_error(409, "stale", _message(error))
    except services.AttemptClosed as error:
        return _json_error(400, error.code or "closed", _message(error))
    except ValidationError as error:
        return _json_error(400, error.code or "invalid", _message(error))
    return JsonResponse(
        {
            "ok": True,
            "slot": response.slot,
            "sequence": response.sequence,
            "saved_at": timezone.localtime(response.saved_at).isoformat(),
        }
    )


@require_POST
def attempt_flag(request, attempt_id):
    """Flag or unflag a question: JSON {"slot", "flagged"}, or a form with the same fields."""
    if not request.user.is_authenticated:
        return _json_error(403, "login", _("Log in again to keep taking the quiz."))
    as_json = request.content_type == "application/json"
    data = _json_body(request) if as_json else request.POST
    attempt, refusal = _guard(request, attempt_id, as_json=True)
    if refusal:
        return refusal
    try:
        slot = int((data or {}).get("slot"))
    except (TypeError, ValueError):
        return _json_error(400, "bad_request", _("The question could not be read."))
    flagged = (data or {}).get("flagged") in (True, "1", "true", "on")
    if not Response.objects.filter(attempt=attempt, slot=slot).exists():
        return _json_error(400, "invalid", _("This attempt has no such question."))
    try:
        services.response_flag(attempt=attempt, user=request.user, slot=slot, flagged=flagged)
    except ValidationError as error:
        return _json_error(400, error.code or "closed", _message(error))
    if not as_json:
        return redirect(_attempt_url(attempt, request.POST.get("page") or None))
    return JsonResponse({"ok": True, "slot": slot, "flagged": flagged})


# Attached files ----------------------------------------------------------------


@login_required
@require_POST
def attempt_file(request, attempt_id, slot):
    """Attach a file to an essay answer, or remove one (``delete``), while the attempt is open.

    The attempt form's upload buttons post here, so the page's answers are saved too.
    """
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    attempt, refusal = _guard(request, attempt_id, as_json=wants_json)
    if refusal:
        return refusal
    response = (
        Response.objects.filter(attempt=attempt, slot=slot)
        .select_related("question_version")
        .first()
    )
    try:
        if response is None:
            raise ValidationError(_("This attempt has no such question."), code="invalid")
        _check_files_open(attempt, response)
        if not wants_json and _save_posted_answers(request, attempt):
            raise services.AttemptClosed(_("This attempt no longer takes answers."), code="closed")
        changed = _change_files(request, response)
    except ValidationError as error:
        if wants_json:
            return _json_error(400, error.code or "invalid", _message(error))
        messages.error(request, _message(error))
        return _redirect_closed(request, attempt) or redirect(
            _attempt_url(attempt, response.page if response else None)
        )
    if wants_json:
        return JsonResponse({"ok": True, "slot": slot, "files": _file_list(response)})
    if changed:
        messages.success(request, changed)
    return redirect(_attempt_url(attempt, response.page) + f"#q-{slot}")


@login_required
@require_GET
def attempt_file_download(request, attempt_id, file_id):
    """One of the learner's own attached files."""
    attempt, refusal = _guard(request, attempt_id, reviewing=True)
    if refusal:
        return refusal
    found = ResponseFile.objects.filter(pk=file_id, response__attempt=attempt).first()
    if found is None:
        raise Http404
    return response_file_download(found)


def _check_files_open(attempt, response):
    now = timezone.now()
    late = attempt.deadline and now > attempt.deadline + services.network_allowance()
    if attempt.state != AttemptState.IN_PROGRESS or late:
        raise services.AttemptClosed(_("This attempt no longer takes answers."), code="closed")
    sequential = attempt.quiz.navigation == Navigation.SEQUENTIAL
    if sequential and response.page != attempt.current_page:
        raise ValidationError(
            _("This quiz does not let you go back to earlier questions."), code="navigation"
        )


def _change_files(request, response):
    """Store the uploaded file or delete the one named; return the message to show."""
    delete = request.POST.get("delete")
    if delete:
        stored = ResponseFile.objects.filter(response=response, pk=_int_or_none(delete)).first()
        if stored is None:
            raise ValidationError(_("This file is not attached to the answer."), code="invalid")
        stored.file.delete(save=False)
        stored.delete()
        return _("The file “%(name)s” was removed.") % {"name": stored.name}
    upload = request.FILES.get(f"file-{response.slot}") or request.FILES.get("file")
    if upload is None:
        raise ValidationError(_("Choose a file to attach."), code="no_file")
    with transaction.atomic():
        name = check_attachment(
            upload=upload,
            payload=response.question_version.payload,
            already=response.files.count(),
        )
        ResponseFile.objects.create(response=response, file=upload, name=name, size=upload.size)
    return _("The file “%(name)s” was attached.") % {"name": name}


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _file_list(response):
    return [{"id": f.pk, "name": f.name, "size": f.size} for f in response.files.all()]


# Summary, submit, review -------------------------------------------------------


@login_required
@require_GET
def attempt_summary(request, attempt_id):
    """Every question with its state before submitting, and the submit form."""
    attempt, refusal = _guard(request, attempt_id)
    if refusal:
        return refusal
    if not attempt.is_open:
        return redirect(_review_url(attempt))
    layout = [
        item
        for item in _numbered(selectors.attempt_layout(attempt=attempt, user=request.user))
        if item["number"] is not None
    ]
    context = {
        "page": attempt.quiz,
        "quiz": attempt.quiz,
        "attempt": attempt,
        "items": layout,
        "unanswered": sum(1 for item in layout if not item["answered"]),
        "is_sequential": attempt.quiz.navigation == Navigation.SEQUENTIAL,
        "is_overdue": attempt.state == AttemptState.OVERDUE,
        **_timer_context(attempt),
    }
    return TemplateResponse(request, "quizzes/summary.html", context)


@login_required
@require_POST
def attempt_submit(request, attempt_id):
    """Submit and finish ("Nộp bài và kết thúc"); posting again changes nothing."""
    attempt, refusal = _guard(request, attempt_id)
    if refusal:
        return refusal
    if not attempt.is_open:
        return redirect(_review_url(attempt))
    if not (request.POST.get("confirm") or request.POST.get("timeup")):
        messages.error(request, _("Tick the box to confirm that you want to submit."))
        return redirect(_summary_url(attempt))
    try:
        services.attempt_submit(attempt=attempt, user=request.user)
    except services.AttemptClosed as error:
        messages.error(request, _message(error))
    else:
        messages.success(request, _("Your attempt has been submitted."))
    return redirect(_review_url(attempt))


@login_required
@require_GET
def attempt_review(request, attempt_id):
    """The result and the questions, as far as the quiz's review options allow."""
    attempt, refusal = _guard(request, attempt_id, reviewing=True)
    if refusal:
        return refusal
    if attempt.is_open:
        return redirect(_attempt_url(attempt, attempt.current_page))
    options, result, items = selectors.attempt_review(attempt=attempt, user=request.user)
    number = 0
    for item in items:
        if item.type != "description":
            number += 1
            item.number = number
        else:
            item.number = None
        answer = item.answer or {}
        item.chosen = answer.get("choices") or [answer.get("choice")]
    context = {
        "page": attempt.quiz,
        "quiz": attempt.quiz,
        "attempt": attempt,
        "options": options,
        "result": result,
        "items": items,
    }
    return TemplateResponse(request, "quizzes/review.html", context)


# The course page's list of quizzes ----------------------------------------------


def course_quizzes(request, course):
    """The course's quizzes with the learner's status, and the grade when they may see it."""
    quizzes = selectors.course_quizzes_for(user=request.user, course=course)
    now = timezone.now()
    for quiz in quizzes:
        closed = quiz.closes_at and now >= quiz.closes_at
        visible = quiz.review_marks_closed if closed else quiz.review_marks_after
        grade = quiz.quiz_grade.grade if quiz.quiz_grade else None
        quiz.visible_grade = grade if visible else None
    return quizzes
