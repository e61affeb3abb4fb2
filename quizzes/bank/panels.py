"""Editor pieces for QuizPage; they import no models at load time, so pages.py may use them.

- ``QuizTotalMarksPanel()``: add to ``QuizPage.content_panels`` after the slots.
- ``QuizPageForm``: set as ``QuizPage.base_form_class``, so a slot can only
  take a question or category its editor may see.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import Panel


class QuizTotalMarksPanel(Panel):
    """The most an attempt can score, from the slots of the version being edited."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Total marks"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "quizzes/bank/total_marks_panel.html"

        def get_context_data(self, parent_context=None):
            from quizzes.bank.listing import quiz_total_marks

            context = super().get_context_data(parent_context)
            slots = self.instance.slots.all() if self.instance.pk else []
            context["total"] = quiz_total_marks(slots=slots)
            return context


class QuizPageForm(WagtailAdminPageForm):
    """Slots choose among the questions and categories the editor sees.

    What a slot already holds stays valid, so a quiz built by a colleague
    with other rights can still be edited and saved.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None or "slots" not in self.formsets:
            return
        from quizzes.bank.listing import questions_visible_to, visible_categories
        from quizzes.models import Question, QuestionCategory

        questions = questions_visible_to(user=self.for_user)
        categories = visible_categories(user=self.for_user)
        for form in self.formsets["slots"].forms:
            slot = form.instance
            if "question" in form.fields:
                form.fields["question"].queryset = questions | Question.objects.filter(
                    pk=slot.question_id
                )
            if "category" in form.fields:
                form.fields["category"].queryset = categories | QuestionCategory.objects.filter(
                    pk=slot.category_id
                )
