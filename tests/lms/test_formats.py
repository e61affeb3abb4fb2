import datetime
from decimal import Decimal

from django import forms
from django.template import Context, Template
from django.utils import formats, translation


class DateForm(forms.Form):
    day = forms.DateField()
    when = forms.DateTimeField(required=False)
    score = forms.DecimalField(required=False, localize=True)


def test_dd_mm_yyyy_means_day_first():
    form = DateForm(data={"day": "05/12/2026"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == datetime.date(2026, 12, 5)


def test_day_above_twelve_is_accepted():
    form = DateForm(data={"day": "25/12/2026", "when": "25/12/2026 14:30"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == datetime.date(2026, 12, 25)
    assert form.cleaned_data["when"].hour == 14


def test_month_above_twelve_is_refused_in_vietnamese():
    form = DateForm(data={"day": "12/25/2026"})
    assert not form.is_valid()
    assert form.errors["day"] == ["Nhập một ngày hợp lệ."]


def test_dates_are_shown_as_dd_mm_yyyy():
    assert formats.date_format(datetime.date(2026, 12, 5)) == "05/12/2026"
    assert formats.date_format(datetime.date(2026, 12, 5), "SHORT_DATE_FORMAT") == "05/12/2026"
    form = DateForm(initial={"day": datetime.date(2026, 12, 5)})
    assert 'value="05/12/2026"' in str(form["day"])


def test_numbers_use_decimal_comma_and_dot_grouping():
    rendered = Template('{{ v|floatformat:"2g" }}').render(Context({"v": Decimal("1234.5")}))
    assert rendered == "1.234,50"


def test_decimal_comma_is_accepted_in_localized_fields():
    form = DateForm(data={"day": "01/01/2026", "score": "7,5"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["score"] == Decimal("7.5")


def test_week_starts_on_monday():
    assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


def test_english_keeps_day_month_order():
    with translation.override("en"):
        form = DateForm(data={"day": "05/12/2026"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == datetime.date(2026, 12, 5)
