"""The cohort screens in the Wagtail admin: list, settings, members, results, attendance.

Views read requests and render: reads are in ``lms.selectors.cohorts``, writes
in ``lms.services.cohorts``; both check permissions.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from lessons.manage import forms as people_forms
from lessons.manage import selectors as people_selectors
from lms.cohorts import forms, xlsx
from lms.models import AttendanceSession, AttendanceStatus
from lms.selectors import cohorts as selectors
from lms.selectors.scope import units_managed_by
from lms.services import cohorts as services

PER_PAGE = 50
SEARCH_LIMIT = 50
SAMPLE_SIZE = 20


def _errors(request, error):
    for message in error.messages:
        messages.error(request, message)


class CohortsView(WagtailAdminTemplateMixin, TemplateView):
    """Screens for whoever holds ``lms.view_cohort``."""

    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not selectors.may_view_cohorts(user=request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("lms_cohorts:index"), "label": _("Cohorts")},
        ]


class CohortListView(CohortsView):
    template_name = "lms/cohorts/index.html"

    def get_page_title(self):
        return _("Cohorts")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": _("Cohorts")}]

    def get_header_buttons(self):
        if not selectors.may_manage_cohorts(user=self.request.user):
            return []
        return [HeaderButton(_("Add a cohort"), url=reverse("lms_cohorts:add"), icon_name="plus")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filter_form = forms.CohortFilterForm(self.request.GET)
        cohorts = selectors.cohort_list(user=self.request.user, **filter_form.filters())
        paginator = WagtailPaginator(cohorts, PER_PAGE)
        page = paginator.get_page(self.request.GET.get("p"))
        context.update(
            filter_form=filter_form,
            cohorts=page,
            elided_page_range=paginator.get_elided_page_range(page.number),
        )
        return context


class CohortView(CohortsView):
    """A screen about one cohort the user reaches (404 otherwise).

    ``requires`` is "view", "manage" (managers of its unit) or "attendance"
    (those and the cohort's lecturers); failing it raises ``PermissionDenied``.
    """

    requires = "view"

    def dispatch(self, request, *args, **kwargs):
        if not selectors.may_view_cohorts(user=request.user):
            raise PermissionDenied
        self.cohort = selectors.cohort_for(user=request.user, cohort_id=kwargs["cohort_id"])
        self.can_manage = selectors.may_manage_cohort(user=request.user, cohort=self.cohort)
        self.can_take_attendance = selectors.may_take_attendance(
            user=request.user, cohort=self.cohort
        )
        allowed = {
            "view": True,
            "manage": self.can_manage,
            "attendance": self.can_take_attendance,
        }
        if not allowed[self.requires]:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.cohort.code

    def detail_url(self):
        return reverse("lms_cohorts:detail", kwargs={"cohort_id": self.cohort.pk})

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": self.detail_url(), "label": self.cohort.code},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            cohort=self.cohort,
            detail_url=self.detail_url(),
            can_manage=self.can_manage,
            can_take_attendance=self.can_take_attendance,
        )
        return context


class CohortFormView(CohortsView):
    """Create a cohort (no ``cohort_id``) or edit one."""

    template_name = "lms/cohorts/form.html"
    cohort = None

    def dispatch(self, request, *args, **kwargs):
        if not selectors.may_manage_cohorts(user=request.user):
            raise PermissionDenied
        if "cohort_id" in kwargs:
            self.cohort = selectors.cohort_for(user=request.user, cohort_id=kwargs["cohort_id"])
            if not selectors.may_manage_cohort(user=request.user, cohort=self.cohort):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Edit the cohort") if self.cohort else _("Add a cohort")

    def get_page_subtitle(self):
        return self.cohort.code if self.cohort else ""

    def form(self, data=None):
        return forms.CohortForm(
            data, instance=self.cohort, units=units_managed_by(user=self.request.user)
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                cohort = services.cohort_save(
                    cohort=form.save(commit=False),
                    by=request.user,
                    lecturers=form.cleaned_data["lecturers"],
                )
            except ValidationError as error:
                _errors(request, error)
            else:
                messages.success(request, _("Cohort “%(code)s” saved.") % {"code": cohort.code})
                return redirect("lms_cohorts:detail", cohort_id=cohort.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cohort"] = self.cohort
        return context


class CohortDeleteView(CohortView):
    template_name = "lms/cohorts/confirm_delete.html"
    requires = "manage"

    def get_page_title(self):
        return _("Delete the cohort")

    def post(self, request, *args, **kwargs):
        try:
            services.cohort_delete(cohort=self.cohort, by=request.user)
        except ValidationError as error:
            _errors(request, error)
            return redirect(self.detail_url())
        messages.success(request, _("Cohort “%(code)s” deleted.") % {"code": self.cohort.code})
        return redirect("lms_cohorts:index")


def certificates_url(cohort):
    """The certificate issuing screen of ``cohort``, or "" while it does not exist."""
    try:
        return reverse("lms_certificates:issue", kwargs={"cohort_id": cohort.pk})
    except NoReverseMatch:
        return ""


class CohortDetailView(CohortView):
    """The cohort page: header, members with attendance, progress and result."""

    template_name = "lms/cohorts/detail.html"

    def get_page_title(self):
        return self.cohort.name

    def get_breadcrumbs_items(self):
        return [
            *CohortsView.get_breadcrumbs_items(self),
            {"url": "", "label": self.cohort.code},
        ]

    def get_header_buttons(self):
        cohort_id = self.cohort.pk
        buttons = [
            HeaderButton(
                _("Attendance"),
                url=reverse("lms_cohorts:sessions", kwargs={"cohort_id": cohort_id}),
                icon_name="date",
            ),
            HeaderButton(
                _("Download XLSX"),
                url=reverse("lms_cohorts:results_export", kwargs={"cohort_id": cohort_id}),
                icon_name="download",
            ),
        ]
        if self.can_manage:
            buttons += [
                HeaderButton(
                    _("Add members"),
                    url=reverse("lms_cohorts:members_add", kwargs={"cohort_id": cohort_id}),
                    icon_name="plus",
                ),
                HeaderButton(
                    _("Edit"),
                    url=reverse("lms_cohorts:edit", kwargs={"cohort_id": cohort_id}),
                    icon_name="edit",
                ),
            ]
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            rows=selectors.cohort_overview(cohort=self.cohort),
            lecturers=list(selectors.cohort_lecturers(cohort=self.cohort)),
            certificates_url=certificates_url(self.cohort) if self.can_manage else "",
            missing_enrolments=(
                selectors.cohort_missing_enrolments(cohort=self.cohort) if self.can_manage else []
            ),
        )
        return context


class CohortResultsExportView(CohortView):
    """The cohort page's table as XLSX."""

    def get(self, request, *args, **kwargs):
        return xlsx.cohort_results_response(cohort=self.cohort)


class MemberResultView(CohortView):
    """One member's program result with the rule and every input."""

    template_name = "lms/cohorts/result.html"

    def get_page_title(self):
        return _("Program result")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, result, sessions = selectors.member_result(
            cohort=self.cohort, user_id=self.kwargs["user_id"]
        )
        context.update(
            member=user,
            profile=getattr(user, "profile", None),
            result=result,
            sessions=sessions,
        )
        return context


def _added_message(result):
    return " ".join(
        [
            ngettext("%(count)s member added.", "%(count)s members added.", result.added)
            % {"count": result.added},
            ngettext(
                "%(count)s was already a member.", "%(count)s were already members.", result.already
            )
            % {"count": result.already},
            ngettext(
                "%(count)s course enrolment made.",
                "%(count)s course enrolments made.",
                result.enrolled,
            )
            % {"count": result.enrolled},
        ]
    )


class MembersView(CohortView):
    requires = "manage"

    def in_scope(self, profiles):
        return selectors.people_in_scope(user=self.request.user, profiles=profiles)

    def add(self, users):
        try:
            result = services.cohort_members_add(
                cohort=self.cohort, users=users, by=self.request.user
            )
        except ValidationError as error:
            _errors(self.request, error)
            return None
        messages.success(self.request, _added_message(result))
        return redirect(self.detail_url())


class MembersAddView(MembersView):
    """Search people (of the manager's units) by name or staff code and add them."""

    template_name = "lms/cohorts/members_add.html"

    def get_page_title(self):
        return _("Add members")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        search_form = people_forms.PeopleSearchForm(self.request.GET or None)
        query = search_form.cleaned_data["q"] if search_form.is_valid() else ""
        results = []
        if query:
            found = self.in_scope(people_selectors.people_search(query=query))
            results = list(found[: SEARCH_LIMIT + 1])
        members = set(self.cohort.memberships.values_list("user_id", flat=True))
        context.update(
            search_form=search_form,
            query=query,
            results=results[:SEARCH_LIMIT],
            members=members,
            more_results=len(results) > SEARCH_LIMIT,
            limit=SEARCH_LIMIT,
            pick_form=kwargs.get("pick_form"),
        )
        return context

    def post(self, request, *args, **kwargs):
        pick_form = people_forms.PickPeopleForm(request.POST)
        if pick_form.is_valid():
            response = self.add(pick_form.cleaned_data["users"])
            if response:
                return response
        return self.render_to_response(self.get_context_data(pick_form=pick_form))


class MembersFilterView(MembersView):
    """Add everyone of a unit, rank or agency (within the manager's units)."""

    template_name = "lms/cohorts/members_filter.html"

    def get_page_title(self):
        return _("Add members by unit or rank")

    def matching(self, form):
        return self.in_scope(people_selectors.people(**form.criteria()))

    def preview(self, form):
        context = {"form": form}
        if form.is_bound and form.is_valid():
            profiles = self.matching(form)
            context.update(total=profiles.count(), sample=list(profiles[:SAMPLE_SIZE]))
        return self.render_to_response(self.get_context_data(**context))

    def get(self, request, *args, **kwargs):
        has_criteria = any(request.GET.get(key) for key in ("unit", "rank", "agency"))
        return self.preview(people_forms.PeopleFilterForm(request.GET if has_criteria else None))

    def post(self, request, *args, **kwargs):
        form = people_forms.PeopleFilterForm(request.POST)
        if not form.is_valid():
            return self.preview(form)
        profiles = self.matching(form)
        expected = form.cleaned_data.get("expected")
        if expected is not None and expected != profiles.count():
            messages.warning(
                request,
                _("The people matching the filter changed. Check the list and confirm again."),
            )
            return self.preview(form)
        response = self.add([profile.user for profile in profiles[: services.MAX_BULK + 1]])
        return response or self.preview(form)


class MembersUploadView(MembersView):
    """A CSV/XLSX of staff codes: every row checked, all added or none."""

    template_name = "lms/cohorts/members_upload.html"

    def get_page_title(self):
        return _("Add members from a file")

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=forms.MembersUploadForm()))

    def post(self, request, *args, **kwargs):
        form = forms.MembersUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        report = services.cohort_members_from_codes(
            cohort=self.cohort,
            code_list=form.code_list,
            by=request.user,
            dry_run=form.cleaned_data["dry_run"],
        )
        if report.applied:
            messages.success(request, _added_message(report.result))
        elif report.has_errors:
            messages.error(
                request,
                ngettext(
                    "Nobody was added: %(count)s row has an error. Correct the file and "
                    "upload it again.",
                    "Nobody was added: %(count)s rows have errors. Correct the file and "
                    "upload it again.",
                    len(report.errors),
                )
                % {"count": len(report.errors)},
            )
        rows = [(row, report.label(row)) for row in report.rows]
        return self.render_to_response(
            self.get_context_data(
                form=forms.MembersUploadForm(),
                report=report,
                rows=rows,
                error_rows=[(row, label) for row, label in rows if row.outcome.is_error],
                file_name=form.cleaned_data["file"].name,
            )
        )


class MembersEnrolView(MembersView):
    """Enrol the members in the program's courses they are not active in."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        result = services.cohort_enrolments_sync(cohort=self.cohort, by=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)s course enrolment made.",
                "%(count)s course enrolments made.",
                result.enrolled,
            )
            % {"count": result.enrolled},
        )
        return redirect(self.detail_url())


class MembersRemoveView(MembersView):
    """Confirm, then take the ticked members out of the cohort."""

    template_name = "lms/cohorts/members_remove.html"
    http_method_names = ["post"]

    def get_page_title(self):
        return _("Remove members")

    def post(self, request, *args, **kwargs):
        form = forms.MemberSelectionForm(request.POST, cohort=self.cohort)
        if not form.is_valid():
            for error in form.errors.get("users", []):
                messages.error(request, error)
            return redirect(self.detail_url())
        users = list(form.cleaned_data["users"].select_related("profile"))
        if "confirm" not in request.POST:
            return self.render_to_response(self.get_context_data(selected=users))
        count = services.cohort_members_remove(cohort=self.cohort, users=users, by=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)s member removed. Their course enrolments are kept.",
                "%(count)s members removed. Their course enrolments are kept.",
                count,
            )
            % {"count": count},
        )
        return redirect(self.detail_url())


class SessionsView(CohortView):
    """The cohort's sessions and the attendance matrix (members × sessions)."""

    template_name = "lms/cohorts/sessions.html"

    def get_page_title(self):
        return _("Attendance")

    def get_header_buttons(self):
        if not self.can_take_attendance:
            return []
        return [
            HeaderButton(
                _("Add a session"),
                url=reverse("lms_cohorts:session_add", kwargs={"cohort_id": self.cohort.pk}),
                icon_name="plus",
            )
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sessions, rows = selectors.attendance_matrix(cohort=self.cohort)
        context.update(sessions=sessions, rows=rows, statuses=AttendanceStatus)
        return context


class SessionView(CohortView):
    requires = "attendance"
    session = None

    def load_session(self):
        if "session_id" in self.kwargs:
            self.session = selectors.session_for(
                cohort=self.cohort, session_id=self.kwargs["session_id"]
            )

    def sessions_url(self):
        return reverse("lms_cohorts:sessions", kwargs={"cohort_id": self.cohort.pk})

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        return [*items[:-1], {"url": self.sessions_url(), "label": _("Attendance")}, items[-1]]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(session=self.session, sessions_url=self.sessions_url())
        return context


class SessionFormView(SessionView):
    """Add a session (no ``session_id``) or edit one."""

    template_name = "lms/cohorts/session_form.html"

    def get_page_title(self):
        return _("Edit the session") if self.session else _("Add a session")

    def get(self, request, *args, **kwargs):
        self.load_session()
        return self.render_to_response(
            self.get_context_data(form=forms.SessionForm(instance=self.session))
        )

    def post(self, request, *args, **kwargs):
        self.load_session()
        form = forms.SessionForm(
            request.POST, instance=self.session or AttendanceSession(cohort=self.cohort)
        )
        if form.is_valid():
            session = services.session_save(session=form.save(commit=False), by=request.user)
            messages.success(request, _("Session saved."))
            return redirect(
                "lms_cohorts:attendance", cohort_id=self.cohort.pk, session_id=session.pk
            )
        return self.render_to_response(self.get_context_data(form=form))


class SessionDeleteView(SessionView):
    template_name = "lms/cohorts/confirm_delete.html"

    def get_page_title(self):
        return _("Delete the session")

    def get(self, request, *args, **kwargs):
        self.load_session()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.load_session()
        services.session_delete(session=self.session, by=request.user)
        messages.success(request, _("Session deleted."))
        return redirect(self.sessions_url())


def statuses_from_post(data):
    """``{user_id: (status, note)}`` from the ``status_<id>`` and ``note_<id>`` fields."""
    statuses = {}
    for key in data:
        if key.startswith("status_"):
            user_id = key.removeprefix("status_")
            statuses[user_id] = (data.get(key), data.get(f"note_{user_id}", ""))
    return statuses


class AttendanceView(SessionView):
    """Present / absent / excused for every member of the cohort on one screen."""

    template_name = "lms/cohorts/attendance.html"

    def get_page_title(self):
        return _("Take attendance")

    def get_context_data(self, **kwargs):
        self.load_session()
        context = super().get_context_data(**kwargs)
        context.update(
            rows=selectors.attendance_sheet(session=self.session),
            statuses=AttendanceStatus.choices,
        )
        return context

    def post(self, request, *args, **kwargs):
        self.load_session()
        statuses = statuses_from_post(request.POST)
        if "all_present" in request.POST:
            statuses = {
                key: (AttendanceStatus.PRESENT, note) for key, (_s, note) in statuses.items()
            }
        try:
            count = services.attendance_record(
                session=self.session, statuses=statuses, by=request.user
            )
        except ValidationError as error:
            _errors(request, error)
            return self.render_to_response(self.get_context_data())
        messages.success(
            request,
            ngettext(
                "Attendance saved for %(count)s member.",
                "Attendance saved for %(count)s members.",
                count,
            )
            % {"count": count},
        )
        return redirect(self.sessions_url())
