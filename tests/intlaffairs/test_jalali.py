"""The Jalali layer: round trips, Esfand 29/30, leap years, academic years, filters, form field."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import jdatetime
import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from intlaffairs import jalali

LANGUAGES = ["fa", "en", "ckb"]
dates = st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31))


@given(day=dates, language=st.sampled_from(LANGUAGES))
def test_a_date_written_for_the_form_reads_back_as_the_same_date(day, language):
    with translation.override(language):
        assert jalali.parse_date(jalali.format_numeric(day)) == day


@given(day=dates)
def test_parsing_accepts_every_digit_script_and_separator(day):
    jday = jdatetime.date.fromgregorian(date=day)
    ascii_text = f"{jday.year}-{jday.month}-{jday.day}"
    for text in (
        ascii_text,
        jalali.to_local_digits(ascii_text, "fa"),
        jalali.to_local_digits(ascii_text, "ckb"),
        f" \u200f{jday.year}/{jday.month:02d}/{jday.day:02d} ",
    ):
        assert jalali.parse_date(text, "fa") == day


@given(year=st.integers(min_value=1200, max_value=1600))
def test_esfand_30_exists_only_in_leap_years(year):
    assert jalali.parse_date(f"{year}/12/29", "fa") == jdatetime.date(year, 12, 29).togregorian()
    if jdatetime.date(year, 1, 1).isleap():
        following = jalali.parse_date(f"{year}/12/30", "fa") + timedelta(days=1)
        assert jdatetime.date.fromgregorian(date=following) == jdatetime.date(year + 1, 1, 1)
    else:
        with pytest.raises(ValueError):
            jalali.parse_date(f"{year}/12/30", "fa")


def test_known_leap_years():
    assert jalali.parse_date("1403/12/30", "fa") == date(2025, 3, 20)
    with pytest.raises(ValueError):
        jalali.parse_date("1404/12/30", "fa")
    with pytest.raises(ValueError):
        jalali.parse_date("1405/13/01", "fa")
    with pytest.raises(ValueError):
        jalali.parse_date("2026-02-29", "en")


@given(day=dates)
def test_academic_year_starts_on_first_of_mehr(day):
    jday = jdatetime.date.fromgregorian(date=day)
    expected = jday.year if jday.month >= 7 else jday.year - 1
    assert jalali.academic_year(day) == expected
    first, last = jalali.academic_year_bounds(expected)
    assert first <= day <= last


def test_academic_year_boundary():
    last_of_shahrivar = jdatetime.date(1405, 6, 31).togregorian()
    assert jalali.academic_year(last_of_shahrivar) == 1404
    assert jalali.academic_year(last_of_shahrivar + timedelta(days=1)) == 1405
    assert jalali.academic_year_bounds(1405) == (date(2026, 9, 23), date(2027, 9, 22))


@pytest.mark.parametrize(
    ("language", "expected_numbers"),
    [("fa", "۷ {month} ۱۴۰۵"), ("ckb", "٧ {month} ١٤٠٥"), ("en", "28 {month} 2026")],
)
def test_filters_show_the_date_in_each_language(language, expected_numbers):
    with translation.override(language):
        month = (
            translation.pgettext("Jalali month", "Azar")
            if language != "en"
            else translation.gettext("November")
        )
        rendered = Template("{{ day|jdate }}").render(Context({"day": date(2026, 11, 28)}))
    assert rendered == expected_numbers.format(month=month)
    if language != "en":
        assert month != "Azar", "the catalog is not compiled"


def test_datetime_filter_uses_local_time_and_digits():
    moment = datetime(2026, 11, 28, 20, 45, tzinfo=ZoneInfo("UTC"))  # 00:15 next day in Tehran
    with translation.override("fa"):
        text = jalali.format_datetime(moment)
    assert text.startswith("۸ ") and text.endswith("۰۰:۱۵")


def test_localdigits_filter_does_not_trust_its_input():
    with translation.override("fa"):
        rendered = Template("{{ value|localdigits }}").render(Context({"value": "<b>12</b>"}))
    assert rendered == "&lt;b&gt;۱۲&lt;/b&gt;"


class DateForm(forms.Form):
    day = jalali.JalaliDateField()


@pytest.mark.parametrize(
    ("language", "typed"),
    [("fa", "۱۴۰۵/۰۹/۰۷"), ("ckb", "١٤٠٥/٩/٧"), ("en", "2026-11-28"), ("fa", "1405-9-7")],
)
def test_form_field_reads_the_active_calendar(language, typed):
    with translation.override(language):
        form = DateForm({"day": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == date(2026, 11, 28)


@pytest.mark.parametrize("language", LANGUAGES)
def test_form_field_explains_a_bad_date_and_keeps_what_was_typed(language):
    with translation.override(language):
        form = DateForm({"day": "1404/12/30" if language != "en" else "2026-02-30"})
        assert not form.is_valid()
        html = str(form["day"])
        error = form.errors["day"][0]
        expected = translation.gettext("Enter a valid date, e.g. %(example)s.").split("%")[0]
    assert error.startswith(expected)
    assert "1404/12/30" in html or "2026-02-30" in html


def test_widget_shows_a_stored_date_in_the_active_calendar():
    with translation.override("fa"):
        html = str(DateForm(initial={"day": date(2026, 11, 28)})["day"])
    assert 'value="۱۴۰۵/۰۹/۰۷"' in html
    assert 'dir="ltr"' in html
