"""Forms of the question bank screens.

The common fields of a question are one form (``QuestionForm``); what differs
by type (options and weights, accepted answers, pairs, essay settings) is a
``PayloadForm`` per type that builds the version's payload. The type's own
``clean_payload`` remains the judge of whether a payload is valid.
"""

import contextlib
import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.admin.widgets import AdminPageChooser, AdminTagWidget

from library.models import CaseStudyPage
from lms.models import TrainingUnit
from quizzes.bank import listing
from quizzes.bank.categories import owner_courses, owner_units
from quizzes.models import Difficulty, QuestionCategory, QuestionStatus
from quizzes.qtypes import QUESTION_TYPE_CHOICES, question_type
from quizzes.qtypes.essay import DEFAULT_FILE_TYPES, DEFAULT_MAX_BYTES

# Formatting a question needs little; Draftail would drop anything else
# (tables, images from imported questions), so such texts get a plain HTML box.
RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "superscript", "subscript"]
DRAFTAIL_TAGS = {"p", "br", "b", "strong", "i", "em", "ol", "ul", "li", "sup", "sub"}
# Blank rows shown under the filled ones; "More rows" adds as many again.
EXTRA_ROWS = 3
MORE_ROWS = "_more_rows"
MEGABYTE = 1024 * 1024
# Moodle's grade percentages, so imported weights look familiar.
PERCENTAGES = [
    "100", "90", "83.33333", "80", "75", "70", "66.66667", "60", "50", "40",
    "33.33333", "30", "25", "20", "16.66667", "14.28571", "12.5", "11.11111", "10", "5",
]  # fmt: skip


def comma(value):
    """A number as Vietnamese write it: 12,5."""
    return str(value).replace(".", ",")


def fraction_key(value):
    """The canonical text of a weight, so "1", "1.0" and "1.00" pick the same choice."""
    return format(Decimal(str(value)).normalize(), "f")


def weight_choices(*, allow_negative, current=()):
    """Weights as fractions ("0.5") labelled as percentages ("50%"), plus any in ``current``."""
    values = [Decimal(p) / 100 for p in PERCENTAGES] + [Decimal("0")]
    if allow_negative:
        values += [-Decimal(p) / 100 for p in reversed(PERCENTAGES)]
    keys = [fraction_key(value) for value in values]
    for value in current:
        key = fraction_key(value)
        if key not in keys:
            keys.append(key)
    keys.sort(key=Decimal, reverse=True)
    return [(key, f"{comma(fraction_key(Decimal(key) * 100))}%") for key in keys]


class LenientDraftail(DraftailRichTextArea):
    """Draftail that accepts plain HTML too (scripts, tests); the services sanitise it."""

    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except (ValueError, KeyError, TypeError, AttributeError):
            return data.get(name)


def rich_text_widget(html=""):
    """Draftail for text it can hold; a plain HTML box for anything richer."""
    tags = {tag.lower() for tag in re.findall(r"<\s*([a-zA-Z][a-zA-Z0-9]*)", html or "")}
    if tags - DRAFTAIL_TAGS:
        return forms.Textarea(attrs={"rows": 8, "class": "bank-html--full"})
    return LenientDraftail(features=RICH_TEXT_FEATURES)


def small_html(rows=2):
    return forms.Textarea(attrs={"rows": rows, "class": "bank-html"})


class CategoryChoiceField(forms.ModelChoiceField):
    """Categories in tree order, each labelled with its visible ancestors: "Luật › Hiến pháp"."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset.order_by("path"), **kwargs)
        self._names = None

    def label_from_instance(self, obj):
        if self._names is None:
            self._names = dict(self.queryset.values_list("path", "name"))
        step = QuestionCategory.steplen
        parts = [
            self._names[obj.path[: depth * step]]
            for depth in range(1, obj.depth)
            if obj.path[: depth * step] in self._names
        ]
        return " › ".join([*parts, obj.name])


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        profile = getattr(obj, "profile", None)
        return (profile.full_name if profile else "") or obj.get_username()


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.short_name or obj.name


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.short_name or obj.name


# The list ----------------------------------------------------------------------------------


class BankFilterForm(forms.Form):
    """The filters of the question list (GET); invalid values are ignored, not refused."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    # Chosen in the category tree beside the list.
    category = CategoryChoiceField(
        QuestionCategory.objects.none(),
        label=_("Category"),
        required=False,
        widget=forms.HiddenInput,
    )
    sub = forms.BooleanField(label=_("Include subcategories"), required=False, initial=True)
    qtype = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *QUESTION_TYPE_CHOICES]
    )
    tag = forms.ChoiceField(label=_("Tag"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *QuestionStatus.choices],
    )
    difficulty = forms.ChoiceField(
        label=_("Difficulty"),
        required=False,
        choices=[("", _("Any difficulty")), *Difficulty.choices],
    )
    author = PersonChoiceField(
        queryset=None, label=_("Author"), required=False, empty_label=_("Anyone")
    )
    ordering = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-updated", _("Updated, newest first")),
            ("updated", _("Updated, oldest first")),
            ("name", _("Name, A to Z")),
            ("-name", _("Name, Z to A")),
        ],
    )
    # Tells a submitted form (where an unticked box is absent) from a first visit.
    filtered = forms.CharField(widget=forms.HiddenInput, required=False, initial="1")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = listing.visible_categories(user=user)
        self.fields["author"].queryset = listing.bank_authors(user=user)
        tags = listing.bank_tags(user=user)
        self.fields["tag"].choices = [("", _("Any tag")), *((name, name) for name in tags)]

    def _valid_data(self):
        if not self.is_bound:
            return {}
        if self.is_valid():
            return self.cleaned_data
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}

    def filters(self):
        """Keyword arguments for ``listing.bank_questions`` (all but ``user`` and ``ordering``)."""
        data = self._valid_data()
        include = data.get("sub", True) if self.data.get("filtered") else True
        return {
            "text": data.get("q", ""),
            "category": data.get("category"),
            "include_subcategories": include,
            "qtype": data.get("qtype", ""),
            "status": data.get("status", ""),
            "difficulty": data.get("difficulty", ""),
            "tag": data.get("tag", ""),
            "author": data.get("author"),
        }

    def sort_order(self):
        return self._valid_data().get("ordering") or listing.DEFAULT_ORDERING

    def is_filtered(self):
        filters = self.filters()
        return any(value for name, value in filters.items() if name != "include_subcategories")


class BulkActionForm(forms.Form):
    """Questions ticked in the list and what to do with them."""

    question = forms.ModelMultipleChoiceField(queryset=None, required=False)
    action = forms.ChoiceField(
        choices=[("move", _("Move to category")), ("tag", _("Add tags"))],
        label=_("Action"),
    )
    target = CategoryChoiceField(
        QuestionCategory.objects.none(),
        label=_("Category"),
        required=False,
        empty_label=_("Choose a category"),
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=255,
        help_text=_("Separate tags with commas."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = listing.questions_visible_to(user=user)
        self.fields["target"].queryset = listing.editable_categories(user=user)

    def clean(self):
        data = super().clean()
        if not data.get("question") and "question" not in self.errors:
            raise ValidationError(_("Select at least one question."))
        if data.get("action") == "move" and not data.get("target"):
            self.add_error("target", _("Choose the category to move the questions to."))
        if data.get("action") == "tag":
            data["tag_list"] = [tag.strip() for tag in (data.get("tags") or "").split(",")]
            data["tag_list"] = [tag for tag in data["tag_list"] if tag]
            if not data["tag_list"]:
                self.add_error("tags", _("Write at least one tag."))
        return data


# Categories --------------------------------------------------------------------------------


class CategoryForm(forms.Form):
    """Add or change a category. A root category has an owner: a training unit or a course."""

    name = forms.CharField(label=_("Name"), max_length=255)
    parent = CategoryChoiceField(
        QuestionCategory.objects.none(),
        label=_("Parent category"),
        required=False,
        empty_label=_("None: a top-level category"),
    )
    unit = UnitChoiceField(
        queryset=None,
        label=_("Owning training unit"),
        required=False,
        empty_label=_("None"),
    )
    course = forms.ModelChoiceField(
        queryset=None,
        label=_("Owning course"),
        required=False,
        empty_label=_("None"),
        help_text=_("A top-level category belongs to a training unit or to one course."),
    )
    shared_with = UnitMultipleChoiceField(
        queryset=None,
        label=_("Shared with"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Lecturers of these units may use the questions (read only)."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    idnumber = forms.CharField(label=_("ID number"), required=False, max_length=100)

    def __init__(self, *args, user, instance=None, **kwargs):
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": instance.name,
                    "unit": instance.unit_id,
                    "course": instance.course_id,
                    "shared_with": list(instance.shared_with.values_list("pk", flat=True)),
                    "description": instance.description,
                    "idnumber": instance.idnumber,
                },
            )
        super().__init__(*args, **kwargs)
        self.instance = instance
        self.fields["unit"].queryset = owner_units(user=user)
        self.fields["course"].queryset = owner_courses(user=user)
        self.fields["shared_with"].queryset = TrainingUnit.objects.order_by("name")
        if instance is None:
            self.fields["parent"].queryset = listing.editable_categories(user=user)
        else:
            del self.fields["parent"]
            if not instance.is_root():
                del self.fields["unit"], self.fields["course"]
        if "unit" in self.fields and instance is None:
            self.fields["unit"].initial = listing.unit_of(user)

    def clean(self):
        data = super().clean()
        if data.get("parent") is None and "unit" in self.fields:
            if data.get("unit") and data.get("course"):
                raise ValidationError(_("Choose a training unit or a course, not both."))
            if not data.get("unit") and not data.get("course"):
                raise ValidationError(_("A category belongs to a training unit or to a course."))
        return data


class CategoryMoveForm(forms.Form):
    parent = CategoryChoiceField(
        QuestionCategory.objects.none(),
        label=_("New parent category"),
        required=False,
        empty_label=_("None: a top-level category"),
    )

    def __init__(self, *args, user, category, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = listing.editable_categories(user=user).exclude(
            path__startswith=category.path
        )


# Questions ---------------------------------------------------------------------------------


class QuestionForm(forms.Form):
    """The fields every question has; ``PayloadForm`` subclasses hold the rest."""

    category = CategoryChoiceField(
        QuestionCategory.objects.none(), label=_("Category"), empty_label=_("Choose a category")
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=255,
        required=False,
        help_text=_("Shown in the bank only. Empty: the start of the question text."),
    )
    text = forms.CharField(label=_("Question text"))
    default_mark = forms.DecimalField(
        label=_("Default mark"),
        min_value=Decimal("0"),
        max_digits=7,
        decimal_places=2,
        initial=Decimal("1"),
        localize=True,
    )
    general_feedback = forms.CharField(
        label=_("General feedback"),
        required=False,
        help_text=_("Shown to every learner after the attempt, when the quiz allows feedback."),
    )
    difficulty = forms.ChoiceField(
        label=_("Difficulty"),
        choices=Difficulty.choices,
        initial=Difficulty.MEDIUM,
        widget=forms.RadioSelect,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=QuestionStatus.choices,
        initial=QuestionStatus.READY,
        widget=forms.RadioSelect,
        help_text=_("Random draws only take questions that are ready."),
    )
    tags = TagField(label=_("Tags"), required=False, widget=AdminTagWidget)

    def __init__(self, *args, user, qtype, question=None, category=None, **kwargs):
        version = question.current_version if question else None
        if question is not None:
            kwargs.setdefault(
                "initial",
                {
                    "category": question.category_id,
                    "name": question.name,
                    "text": version.text,
                    "default_mark": version.default_mark,
                    "general_feedback": version.general_feedback,
                    "difficulty": question.difficulty,
                    "status": question.status,
                    "tags": list(question.tags.all()),
                },
            )
        elif category is not None:
            kwargs.setdefault("initial", {"category": category.pk})
        super().__init__(*args, **kwargs)
        editable = listing.editable_categories(user=user)
        if question is not None:
            # A shared question shows (read only) in a category the user cannot edit.
            editable = editable | QuestionCategory.objects.filter(pk=question.category_id)
        elif category is None and len(choices := editable[:2]) == 1:
            self.fields["category"].initial = choices[0].pk
        self.fields["category"].queryset = editable.order_by("path")
        self.fields["text"].widget = rich_text_widget(version.text if version else "")
        self.fields["general_feedback"].widget = rich_text_widget(
            version.general_feedback if version else ""
        )
        if not question_type(qtype).has_mark:
            del self.fields["default_mark"]

    @staticmethod
    def _blank_to_empty(html):
        # An emptied editor posts "<p></p>"; store no text rather than an empty paragraph.
        return html if strip_tags(html or "").strip() or "<img" in (html or "") else ""

    def clean_text(self):
        return self._blank_to_empty(self.cleaned_data["text"])

    def clean_general_feedback(self):
        return self._blank_to_empty(self.cleaned_data["general_feedback"])


class PayloadForm(forms.Form):
    """The type-specific part of a question; ``payload()`` builds what ``clean_payload`` checks.

    Rows (options, answers, pairs) are formsets of optional fields: a row
    whose main text is blank is left out, so authors fill as many as they need
    and ask for more with the "More rows" button.
    """

    qtype = ""
    # name -> (row form class, least number of rows shown)
    row_formsets = {}
    prefix = "payload"

    def __init__(self, data=None, *, payload=None, **kwargs):
        payload = payload or {}
        super().__init__(data, initial=self.initial_from(payload) if data is None else None)
        self.formsets = {}
        for name, (row_form, least) in self.row_formsets.items():
            rows = self.rows_from(payload, name) if data is None else []
            formset_class = formset_factory(
                row_form, extra=max(least - len(rows), EXTRA_ROWS), max_num=200
            )
            self.formsets[name] = formset_class(
                self._with_more_rows(data, name), initial=rows or None, prefix=name
            )

    @staticmethod
    def _with_more_rows(data, name):
        if data is None or MORE_ROWS not in data:
            return data
        data = data.copy()
        key = f"{name}-TOTAL_FORMS"
        with contextlib.suppress(ValueError):
            data[key] = str(min(int(data.get(key, 0)) + EXTRA_ROWS, 200))
        return data

    def initial_from(self, payload):
        return {}

    def rows_from(self, payload, name):
        return []

    def rows(self, name, key="text"):
        """Cleaned rows of a formset whose ``key`` field is filled."""
        return [
            form.cleaned_data
            for form in self.formsets[name].forms
            if form.cleaned_data and str(form.cleaned_data.get(key) or "").strip()
        ]

    def forms_in_formsets(self):
        return [form for formset in self.formsets.values() for form in formset.forms]

    def is_valid(self):
        valid = super().is_valid()
        return all([valid, *(formset.is_valid() for formset in self.formsets.values())])

    @property
    def media(self):
        media = super().media
        for formset in self.formsets.values():
            media += formset.media
        return media

    def payload(self):
        return {}


def combined_feedback_initial(payload):
    feedback = payload.get("feedback") or {}
    return {f"feedback_{key}": feedback.get(key, "") for key in ("correct", "partial", "incorrect")}


class CombinedFeedbackMixin(forms.Form):
    feedback_correct = forms.CharField(
        label=_("For any correct answer"), required=False, widget=small_html()
    )
    feedback_partial = forms.CharField(
        label=_("For any partially correct answer"), required=False, widget=small_html()
    )
    feedback_incorrect = forms.CharField(
        label=_("For any incorrect answer"), required=False, widget=small_html()
    )

    def combined_feedback(self):
        data = self.cleaned_data
        return {key: data.get(f"feedback_{key}", "") for key in ("correct", "partial", "incorrect")}


class OptionRowForm(forms.Form):
    key = forms.CharField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(label=_("Answer option"), required=False, widget=small_html())
    fraction = forms.ChoiceField(label=_("Weight"), required=False)
    feedback = forms.CharField(label=_("Feedback"), required=False, widget=small_html(1))

    allow_negative = True
    default_fraction = "0"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = [self.initial["fraction"]] if self.initial.get("fraction") else []
        self.fields["fraction"].choices = weight_choices(
            allow_negative=self.allow_negative, current=current
        )
        self.fields["fraction"].initial = self.default_fraction


def keyed(rows):
    """Keep each row's key unless blank or taken by an earlier row; number the others."""
    seen, fresh = set(), []
    for row in rows:
        if row.get("key") and row["key"] not in seen:
            seen.add(row["key"])
        else:
            fresh.append(row)
    number = 0
    for row in fresh:
        number += 1
        while str(number) in seen:
            number += 1
        row["key"] = str(number)
        seen.add(row["key"])
    return rows


class ChoicePayloadForm(CombinedFeedbackMixin, PayloadForm):
    """Single choice and multiple response: options with weights and per-option feedback."""

    qtype = "single"
    row_formsets = {"options": (OptionRowForm, 5)}
    shuffle = forms.BooleanField(label=_("Shuffle the options"), required=False, initial=True)

    def initial_from(self, payload):
        return {"shuffle": payload.get("shuffle", True), **combined_feedback_initial(payload)}

    def rows_from(self, payload, name):
        return [
            {
                "key": option["key"],
                "text": option["text"],
                "fraction": fraction_key(option["fraction"]),
                "feedback": option.get("feedback", ""),
            }
            for option in payload.get("options") or []
        ]

    def payload(self):
        options = keyed([dict(row) for row in self.rows("options")])
        return {
            "options": [
                {
                    "key": option["key"],
                    "text": option["text"],
                    "fraction": option["fraction"] or "0",
                    "feedback": option["feedback"],
                }
                for option in options
            ],
            "shuffle": self.cleaned_data["shuffle"],
            "feedback": self.combined_feedback(),
        }


class MultiplePayloadForm(ChoicePayloadForm):
    qtype = "multiple"


class TrueFalsePayloadForm(PayloadForm):
    qtype = "truefalse"
    correct = forms.TypedChoiceField(
        label=_("Right answer"),
        choices=[("true", _("True")), ("false", _("False"))],
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect,
    )
    feedback_true = forms.CharField(
        label=_("Feedback for the answer “True”"), required=False, widget=small_html()
    )
    feedback_false = forms.CharField(
        label=_("Feedback for the answer “False”"), required=False, widget=small_html()
    )

    def initial_from(self, payload):
        correct = payload.get("correct")
        return {
            "correct": "" if correct is None else ("true" if correct else "false"),
            "feedback_true": payload.get("feedback_true", ""),
            "feedback_false": payload.get("feedback_false", ""),
        }

    def payload(self):
        return dict(self.cleaned_data)


class AnswerRowForm(OptionRowForm):
    """An accepted short answer: text, weight (0–100%), feedback."""

    allow_negative = False
    default_fraction = "1"
    text = forms.CharField(
        label=_("Accepted answer"),
        required=False,
        max_length=255,
        help_text=_("* stands for any text."),
    )


class ShortAnswerPayloadForm(PayloadForm):
    qtype = "shortanswer"
    row_formsets = {"answers": (AnswerRowForm, 3)}
    case_sensitive = forms.BooleanField(label=_("Case sensitive"), required=False)
    accent_insensitive = forms.BooleanField(
        label=_("Accept answers without diacritics"),
        required=False,
        help_text=_("“quan ly nha nuoc” then counts as “quản lý nhà nước”."),
    )

    def initial_from(self, payload):
        return {
            "case_sensitive": payload.get("case_sensitive", False),
            "accent_insensitive": payload.get("accent_insensitive", False),
        }

    def rows_from(self, payload, name):
        return [
            {
                "text": answer["text"],
                "fraction": fraction_key(answer["fraction"]),
                "feedback": answer.get("feedback", ""),
            }
            for answer in payload.get("answers") or []
        ]

    def payload(self):
        return {
            "answers": [
                {
                    "text": row["text"],
                    "fraction": row["fraction"] or "0",
                    "feedback": row["feedback"],
                }
                for row in self.rows("answers")
            ],
            "case_sensitive": self.cleaned_data["case_sensitive"],
            "accent_insensitive": self.cleaned_data["accent_insensitive"],
        }


class NumberRowForm(forms.Form):
    """An accepted number: a value with a tolerance, or a range from min to max."""

    value = forms.CharField(label=_("Value"), required=False, max_length=50)
    tolerance = forms.CharField(label=_("± tolerance"), required=False, max_length=50)
    min = forms.CharField(label=_("or from"), required=False, max_length=50)
    max = forms.CharField(label=_("to"), required=False, max_length=50)
    fraction = forms.ChoiceField(label=_("Weight"), required=False)
    feedback = forms.CharField(label=_("Feedback"), required=False, widget=small_html(1))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = [self.initial["fraction"]] if self.initial.get("fraction") else []
        self.fields["fraction"].choices = weight_choices(allow_negative=False, current=current)
        self.fields["fraction"].initial = "1"

    def is_filled(self):
        data = self.cleaned_data
        return any(str(data.get(key) or "").strip() for key in ("value", "min", "max"))


class NumericalPayloadForm(PayloadForm):
    qtype = "numerical"
    row_formsets = {"answers": (NumberRowForm, 2)}

    def rows_from(self, payload, name):
        rows = []
        for answer in payload.get("answers") or []:
            row = {"fraction": fraction_key(answer["fraction"]), "feedback": answer.get("feedback")}
            for key in ("value", "tolerance", "min", "max"):
                if key in answer:
                    row[key] = comma(answer[key])
            rows.append(row)
        return rows

    def payload(self):
        answers = []
        for form in self.formsets["answers"].forms:
            if not form.cleaned_data or not form.is_filled():
                continue
            row = form.cleaned_data
            answer = {"fraction": row["fraction"] or "0", "feedback": row["feedback"]}
            if row["min"] or row["max"]:
                answer.update(min=row["min"], max=row["max"])
            else:
                answer.update(value=row["value"], tolerance=row["tolerance"] or "0")
            answers.append(answer)
        return {"answers": answers}


class PairRowForm(forms.Form):
    text = forms.CharField(label=_("Item"), required=False, widget=small_html())
    answer = forms.CharField(label=_("Matching answer"), required=False, max_length=255)


class DistractorRowForm(forms.Form):
    text = forms.CharField(label=_("Extra wrong answer"), required=False, max_length=255)


class MatchingPayloadForm(CombinedFeedbackMixin, PayloadForm):
    """Items each matched to an answer; extra answers matched to no item are distractors."""

    qtype = "matching"
    row_formsets = {"pairs": (PairRowForm, 4), "distractors": (DistractorRowForm, 2)}
    shuffle = forms.BooleanField(label=_("Shuffle the items"), required=False, initial=True)

    def initial_from(self, payload):
        return {"shuffle": payload.get("shuffle", True), **combined_feedback_initial(payload)}

    def rows_from(self, payload, name):
        options = {option["key"]: option["text"] for option in payload.get("options") or []}
        items = payload.get("items") or []
        if name == "pairs":
            return [{"text": item["text"], "answer": options[item["option"]]} for item in items]
        used = {item["option"] for item in items}
        return [{"text": text} for key, text in options.items() if key not in used]

    def payload(self):
        options, items = {}, []
        for index, row in enumerate(self.rows("pairs"), start=1):
            answer = " ".join(row["answer"].split())
            if answer and answer not in options:
                options[answer] = f"o{len(options) + 1}"
            items.append({"key": f"i{index}", "text": row["text"], "option": options.get(answer)})
        for row in self.rows("distractors"):
            text = " ".join(row["text"].split())
            if text not in options:
                options[text] = f"o{len(options) + 1}"
        return {
            "items": items,
            "options": [{"key": key, "text": text} for text, key in options.items()],
            "shuffle": self.cleaned_data["shuffle"],
            "feedback": self.combined_feedback(),
        }


class EssayPayloadForm(PayloadForm):
    qtype = "essay"
    format = forms.ChoiceField(
        label=_("Answer format"),
        choices=[("html", _("Formatted text")), ("plain", _("Plain text"))],
        initial="html",
    )
    min_words = forms.IntegerField(label=_("Minimum words"), min_value=0, required=False)
    max_words = forms.IntegerField(label=_("Maximum words"), min_value=0, required=False)
    attachments = forms.IntegerField(
        label=_("Attached files allowed"), min_value=0, max_value=5, initial=0
    )
    attachments_required = forms.BooleanField(
        label=_("At least one file is required"), required=False
    )
    max_megabytes = forms.DecimalField(
        label=_("Largest file (MB)"),
        min_value=Decimal("0.1"),
        max_value=Decimal("100"),
        decimal_places=1,
        localize=True,
        initial=Decimal(DEFAULT_MAX_BYTES // MEGABYTE),
    )
    file_types = forms.CharField(
        label=_("File types"),
        required=False,
        max_length=255,
        initial=", ".join(DEFAULT_FILE_TYPES),
        help_text=_("Extensions separated by commas, e.g. .pdf, .docx"),
    )
    grader_info = forms.CharField(
        label=_("Information for graders"),
        required=False,
        widget=small_html(4),
        help_text=_("A marking guide; learners never see it."),
    )
    template = forms.CharField(
        label=_("Response template"),
        required=False,
        widget=small_html(4),
        help_text=_("Text the answer box starts with."),
    )

    def initial_from(self, payload):
        if not payload:
            return {}
        return {
            **{
                key: payload.get(key)
                for key in (
                    "format",
                    "attachments",
                    "attachments_required",
                    "grader_info",
                    "template",
                )
            },
            "min_words": payload.get("min_words") or None,
            "max_words": payload.get("max_words") or None,
            "max_megabytes": Decimal(payload.get("max_bytes") or DEFAULT_MAX_BYTES) / MEGABYTE,
            "file_types": ", ".join(payload.get("file_types") or DEFAULT_FILE_TYPES),
        }

    def clean(self):
        data = super().clean()
        low, high = data.get("min_words"), data.get("max_words")
        if low and high and low > high:
            self.add_error("max_words", _("The maximum must not be below the minimum."))
        return data

    def payload(self):
        data = self.cleaned_data
        return {
            "format": data["format"],
            "attachments": data["attachments"],
            "attachments_required": data["attachments_required"],
            "max_bytes": int(data["max_megabytes"] * MEGABYTE),
            "file_types": [ext for ext in re.split(r"[,\s;]+", data["file_types"]) if ext],
            "min_words": data["min_words"] or 0,
            "max_words": data["max_words"] or 0,
            "grader_info": data["grader_info"],
            "template": data["template"],
        }


class CasePayloadForm(EssayPayloadForm):
    """An essay analysing a case study of the library (a live CaseStudyPage)."""

    qtype = "case"
    case_page = forms.ModelChoiceField(
        queryset=CaseStudyPage.objects.live(),
        label=_("Case study"),
        widget=AdminPageChooser(target_models=[CaseStudyPage]),
        error_messages={"invalid_choice": _("Choose a published case study of the library.")},
    )

    field_order = ["case_page"]

    def initial_from(self, payload):
        return {**super().initial_from(payload), "case_page": payload.get("case_page")}

    def payload(self):
        return {**super().payload(), "case_page": self.cleaned_data["case_page"].pk}


class DescriptionPayloadForm(PayloadForm):
    qtype = "description"


PAYLOAD_FORMS = {
    form.qtype: form
    for form in (
        ChoicePayloadForm,
        MultiplePayloadForm,
        TrueFalsePayloadForm,
        ShortAnswerPayloadForm,
        NumericalPayloadForm,
        MatchingPayloadForm,
        EssayPayloadForm,
        CasePayloadForm,
        DescriptionPayloadForm,
    )
}


# Preview -----------------------------------------------------------------------------------


def preview_answer(qtype, data, view):
    """A "try it" answer from a preview form, in the shape the type's ``clean_answer`` takes."""
    if qtype == "single":
        return {"choice": data.get("choice", "")}
    if qtype == "multiple":
        return {"choices": data.getlist("choices")}
    if qtype == "truefalse":
        return {"value": data.get("value", "")}
    if qtype == "numerical":
        return {"number": data.get("number", "")}
    if qtype == "matching":
        return {"pairs": {item["key"]: data.get(f"pair-{item['key']}") for item in view["items"]}}
    if qtype in ("shortanswer", "essay", "case"):
        return {"text": data.get("text", "")}
    return {}
