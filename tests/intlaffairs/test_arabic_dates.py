"""Dates in Arabic: Gregorian, the months as Iraq and the Levant name them, Arabic-Indic digits,
day first; typed in any digits, they save the right day."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from intlaffairs import jalali

IDES_OF_MARCH = date(2027, 3, 15)
LEVANTINE = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
]


class DayForm(forms.Form):
    day = jalali.JalaliDateField()


@pytest.mark.parametrize(("month", "name"), list(enumerate(LEVANTINE, start=1)))
def test_each_month_has_its_levantine_name_in_arabic_indic_digits(month, name):
    assert jalali.format_date(date(2027, month, 15), "ar") == f"١٥ {name} ٢٠٢٧"


def test_arabic_dates_are_gregorian_everywhere_the_calendar_layer_formats():
    with translation.override("ar"):
        assert not jalali.uses_jalali()
        assert jalali.format_numeric(IDES_OF_MARCH) == "١٥/٠٣/٢٠٢٧"
        moment = datetime(2027, 3, 15, 14, 30, tzinfo=ZoneInfo("Asia/Tehran"))
        assert jalali.format_datetime(moment) == "١٥ آذار ٢٠٢٧، ١٤:٣٠"
        assert jalali.format_both_calendars(IDES_OF_MARCH)["gregorian"] == "١٥ آذار ٢٠٢٧"
        assert jalali.academic_year_label(1405) == "١٤٠٥–١٤٠٦ (٢٠٢٦–٢٧)"
        assert jalali.date_picker_options() == {}
        hint = jalali.date_hint()
        assert jalali.format_numeric(date.today())[-4:] in hint
        shown = Template("{{ day|jdate }}").render(Context({"day": IDES_OF_MARCH}))
    assert shown == "١٥ آذار ٢٠٢٧"


@pytest.mark.parametrize(
    "typed", ["١٥/٠٣/٢٠٢٧", "15/3/2027", "٢٠٢٧/٠٣/١٥", "2027-03-15", "\u200f١٥-٣-2027\u200e"]
)
def test_a_date_typed_in_arabic_in_any_digits_and_either_order_saves_the_right_day(typed):
    with translation.override("ar"):
        form = DayForm({"day": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == IDES_OF_MARCH


@pytest.mark.parametrize("typed", ["٣١/٠٢/٢٠٢٧", "15/13/2027", "١٥/٠٣/٢٧", "tomorrow"])
def test_a_date_that_is_not_one_is_refused_in_arabic_with_the_arabic_example(typed):
    with translation.override("ar"):
        form = DayForm({"day": typed})
        assert not form.is_valid()
        assert "٢٠" in form.errors["day"][0]


def test_day_first_is_read_only_in_arabic():
    with pytest.raises(ValueError):
        jalali.parse_date("15/03/2027", "en")


@given(day=st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31)))
def test_the_arabic_box_reads_back_what_it_shows(day):
    with translation.override("ar"):
        shown = jalali.JalaliDateInput().format_value(day)
        assert set(shown) <= set("٠١٢٣٤٥٦٧٨٩/")
        assert jalali.parse_date(shown) == day


def test_an_explicit_language_wins_over_the_active_one_in_both_calendars_and_numbers():
    with translation.override("en"):
        assert jalali.format_both_calendars(IDES_OF_MARCH, "ar") == {
            "solar_hijri": "٢٤ إسفند ١٤٠٥",
            "gregorian": "١٥ آذار ٢٠٢٧",
        }
        assert jalali.format_both_calendars(IDES_OF_MARCH, "fa") == {
            "solar_hijri": "۲۴ اسفند ۱۴۰۵",
            "gregorian": "۱۵ مارس ۲۰۲۷",
        }
        assert jalali.format_numeric(IDES_OF_MARCH, "ar") == "١٥/٠٣/٢٠٢٧"
        assert jalali.parse_date("١٥/٠٣/٢٠٢٧", "ar") == IDES_OF_MARCH
    with translation.override("ar"):
        assert jalali.format_both_calendars(IDES_OF_MARCH, "en") == {
            "solar_hijri": "24 Esfand 1405",
            "gregorian": "15 March 2027",
        }
        assert jalali.format_numeric(IDES_OF_MARCH, "en") == "2027-03-15"
        with pytest.raises(ValueError, match="year/month/day"):
            jalali.parse_date("15/03/2027", "en")


def test_the_arabic_date_hint_is_day_month_year_in_arabic_with_today_in_arabic_indic_digits():
    with translation.override("ar"):
        today = jalali.format_numeric(date.today())
        assert jalali.date_hint() == f"\u2067يوم/شهر/سنة (ميلادي)، مثل {today}\u2069"
