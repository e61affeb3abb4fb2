"""A lecturer imports a GIFT file with a broken question into the question bank.

Selectors use element ids and links, not texts: the screens' texts are
translated separately.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from quizzes.models import Question, QuestionImport
from tests.factories import PASSWORD, ProfileFactory, TrainingUnitFactory, lecturer
from tests.quizzes.builders import make_category

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

GIFT = """::Thủ đô::Thủ đô của Việt Nam là {=Hà Nội ~Huế ~Đà Nẵng}

::Hỏng::Câu này hỏng {=Một ~Hai

::Đúng sai::Hà Nội là thủ đô của Việt Nam {T}
"""


def _log_in(page, live_server, user):
    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()


def test_lecturer_imports_the_valid_questions_of_a_gift_file(page, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    unit = TrainingUnitFactory(name="Học viện Hành chính", code="hv-hc")
    teacher = lecturer()
    ProfileFactory(user=teacher, unit=unit)
    bank = make_category(name="Quản lý nhà nước", unit=unit)
    _log_in(page, live_server, teacher)

    index = reverse("quizzes_bank:index")
    page.goto(f"{live_server.url}{index}?category={bank.pk}")
    with page.expect_navigation():
        page.locator(
            f"header a[href='{reverse('quizzes_bank:import')}?category={bank.pk}']"
        ).click()
    expect(page.locator("#id_category")).to_have_value(str(bank.pk))
    page.locator("#id_file").set_input_files(
        {"name": "de-thi.gift", "mimeType": "text/plain", "buffer": GIFT.encode()}
    )
    with page.expect_navigation():
        page.locator("#import-form button[type=submit]").click()

    # The preview: one error at line 3, and nothing imported in "all or nothing" mode.
    expect(page.locator("#import-errors tbody tr[data-line='3']")).to_contain_text("Hỏng")
    expect(page.locator("#import-outcome")).to_have_attribute("data-will-import", "0")
    expect(page.locator("#import-submit")).to_have_count(0)
    assert not Question.objects.exists()

    with page.expect_navigation():
        page.locator("#import-mode-switch").click()
    expect(page.locator("#import-outcome")).to_have_attribute("data-will-import", "2")
    with page.expect_navigation():
        page.locator("#import-submit").click()

    assert page.url.endswith(f"{index}?category={bank.pk}")
    rows = page.locator("#bank-questions tbody")
    expect(rows).to_contain_text("Thủ đô")
    expect(rows).to_contain_text("Đúng sai")
    assert set(bank.questions.values_list("name", flat=True)) == {"Thủ đô", "Đúng sai"}
    assert QuestionImport.objects.get().finished_at is not None
    assert page.csp_violations == []
