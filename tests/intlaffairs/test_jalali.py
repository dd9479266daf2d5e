"""The Jalali layer: round trips, Esfand 29/30, leap years, academic years, filters, form field."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import jdatetime
import pytest
from django import forms
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from hypothesis import given
from hypothesis import strategies as st

from intlaffairs import jalali

LANGUAGES = ["fa", "en", "ckb", "ar"]
dates = st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31))
AZAR_7_1405 = date(2026, 11, 28)


def render(template: str, **context) -> str:
    return Template(template).render(Context(context))


@given(day=dates, language=st.sampled_from(LANGUAGES))
def test_a_date_shown_in_the_widget_reads_back_as_the_same_date(day, language):
    with translation.override(language):
        shown = jalali.JalaliDateInput().format_value(day)
        assert jalali.parse_date(shown) == day


@given(day=dates)
def test_the_widget_writes_jalali_in_local_digits_and_gregorian_in_ascii(day):
    jday = jdatetime.date.fromgregorian(date=day)
    with translation.override("fa"):
        fa = jalali.JalaliDateInput().format_value(day)
    with translation.override("ckb"):
        ckb = jalali.JalaliDateInput().format_value(day)
    with translation.override("en"):
        en = jalali.JalaliDateInput().format_value(day)
    assert jalali.to_ascii_digits(fa) == f"{jday.year:04d}/{jday.month:02d}/{jday.day:02d}"
    assert set(fa) <= set("۰۱۲۳۴۵۶۷۸۹/")
    assert set(ckb) <= set("٠١٢٣٤٥٦٧٨٩/")
    assert jalali.to_ascii_digits(ckb) == jalali.to_ascii_digits(fa)
    assert en == day.isoformat()


@given(day=dates, scripts=st.lists(st.sampled_from(["ascii", "fa", "ckb"]), min_size=1))
def test_parsing_accepts_every_digit_script_mixed_and_separator(day, scripts):
    jday = jdatetime.date.fromgregorian(date=day)

    def mixed(text: str) -> str:
        # the i-th character in the i-th drawn script
        languages = [{"ascii": "en"}.get(script, script) for script in scripts]
        return "".join(
            jalali.to_local_digits(char, languages[i % len(languages)])
            for i, char in enumerate(text)
        )

    for text in (
        mixed(f"{jday.year}-{jday.month}-{jday.day}"),
        mixed(f"{jday.year:04d}/{jday.month:02d}/{jday.day:02d}"),
        f" \u200f{jday.year}/{jday.month:02d}/{jday.day:02d}\u200e ",
        f"\u2067{jday.year} / {jday.month} / {jday.day}\u2069",
    ):
        assert jalali.parse_date(text, "fa") == day
        assert jalali.parse_date(text, "ckb") == day
    assert jalali.parse_date(mixed(day.isoformat()), "en") == day
    assert jalali.parse_date(day.isoformat().replace("-", "/"), "en") == day


@pytest.mark.parametrize(
    "text",
    ["", "1405", "1405/09", "140/09/07", "1405/09/07/01", "۱۴۰۵/۰۹/x۷", "yesterday", "1405//9/7"],
)
def test_text_that_is_not_a_date_is_refused(text):
    with pytest.raises(ValueError, match="not a Solar Hijri date"):
        jalali.parse_date(text, "fa")


@given(year=st.integers(min_value=1200, max_value=1600))
def test_esfand_30_exists_only_in_leap_years(year):
    assert jalali.parse_date(f"{year}/12/29", "fa") == jdatetime.date(year, 12, 29).togregorian()
    if jdatetime.date(year, 1, 1).isleap():
        following = jalali.parse_date(f"{year}/12/30", "fa") + timedelta(days=1)
    else:
        with pytest.raises(ValueError, match="not a valid Solar Hijri date"):
            jalali.parse_date(f"{year}/12/30", "fa")
        following = jalali.parse_date(f"{year}/12/29", "fa") + timedelta(days=1)
    # the last day of Esfand is followed by 1 Farvardin
    assert jdatetime.date.fromgregorian(date=following) == jdatetime.date(year + 1, 1, 1)


def test_known_leap_years_and_impossible_dates():
    assert jalali.parse_date("1403/12/30", "fa") == date(2025, 3, 20)
    assert jalali.parse_date("1404/12/29", "fa") == date(2026, 3, 20)
    for text in ("1404/12/30", "1405/13/01", "1405/00/10", "1405/07/31", "1405/01/32"):
        with pytest.raises(ValueError, match="not a valid Solar Hijri date"):
            jalali.parse_date(text, "fa")
    with pytest.raises(ValueError, match="not a valid Gregorian date"):
        jalali.parse_date("2026-02-29", "en")
    assert jalali.parse_date("2024-02-29", "en") == date(2024, 2, 29)


def test_parse_date_follows_the_active_language():
    with translation.override("fa"):
        assert jalali.parse_date("1405/09/07") == AZAR_7_1405
    with translation.override("ckb"):
        assert jalali.parse_date("١٤٠٥/٩/٧") == AZAR_7_1405
    with translation.override("en"):
        assert jalali.parse_date("2026-11-28") == AZAR_7_1405


@given(day=dates)
def test_academic_year_starts_on_first_of_mehr(day):
    jday = jdatetime.date.fromgregorian(date=day)
    expected = jday.year if jday.month >= 7 else jday.year - 1
    assert jalali.academic_year(day) == expected
    first, last = jalali.academic_year_bounds(expected)
    assert first <= day <= last
    assert jalali.academic_year(first - timedelta(days=1)) == expected - 1
    assert jalali.academic_year(last + timedelta(days=1)) == expected + 1


def test_academic_year_boundary():
    last_of_shahrivar = jdatetime.date(1405, 6, 31).togregorian()
    assert jalali.academic_year(last_of_shahrivar) == 1404
    assert jalali.academic_year(last_of_shahrivar + timedelta(days=1)) == 1405
    assert jalali.academic_year_bounds(1405) == (date(2026, 9, 23), date(2027, 9, 22))
    assert jalali.academic_year_label(1405, "fa") == "۱۴۰۵–۱۴۰۶"
    assert jalali.academic_year_label(1405, "ckb") == "١٤٠٥–١٤٠٦"
    assert jalali.academic_year_label(1405, "en") == "1405–1406 (2026–27)"


def test_local_digits_per_language():
    assert jalali.to_local_digits("Room 12, 2026", "fa") == "Room ۱۲, ۲۰۲۶"
    assert jalali.to_local_digits("Room 12, 2026", "ckb") == "Room ١٢, ٢٠٢٦"
    assert jalali.to_local_digits("Room 12, 2026", "en") == "Room 12, 2026"
    with translation.override("ckb"):
        assert jalali.to_local_digits("7") == "٧"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fa", "۷ {month} ۱۴۰۵"), ("ckb", "٧ {month} ١٤٠٥"), ("en", "28 {month} 2026")],
)
def test_jdate_filter_shows_the_date_in_each_language(language, expected):
    with translation.override(language):
        # whatever the catalogs hold, the month is their translation of the month's msgid
        if language == "en":
            month = translation.gettext("November")
        else:
            month = translation.pgettext("Jalali month", "Azar")
        rendered = render("{{ day|jdate }}", day=AZAR_7_1405)
    assert rendered == expected.format(month=month)


def test_format_date_with_weekday_and_explicit_language():
    with translation.override("fa"):
        weekday = translation.gettext("Saturday")
        month = translation.pgettext("Jalali month", "Azar")
    with translation.override("en"):
        assert jalali.format_date(AZAR_7_1405, with_weekday=True) == "Saturday, 28 November 2026"
        fa = jalali.format_date(AZAR_7_1405, "fa", with_weekday=True)
    assert fa == f"{weekday}، ۷ {month} ۱۴۰۵"


def test_datetime_filter_uses_local_time_and_digits():
    moment = datetime(2026, 11, 28, 20, 45, tzinfo=ZoneInfo("UTC"))
    with timezone.override("Asia/Tehran"), translation.override("fa"):
        text = render("{{ moment|jdatetime }}", moment=moment)  # 00:15 the next day in Tehran
    assert text.startswith("۸ ") and text.endswith("، ۰۰:۱۵")
    with timezone.override("UTC"), translation.override("en"):
        text = render("{{ moment|jdatetime }}", moment=moment)
    assert text == "28 November 2026, 20:45"


def test_academic_year_filter_and_today_tag():
    with translation.override("fa"):
        assert render("{{ day|academic_year }}", day=AZAR_7_1405) == "۱۴۰۵–۱۴۰۶"
        assert render("{% today_local %}") == jalali.format_date(timezone.localdate(), "fa")
    with translation.override("en"):
        assert render("{% today_local %}") == jalali.format_date(timezone.localdate(), "en")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        (name, value)
        for name in ("jdate", "jdatetime", "academic_year")
        for value in (None, "", "2026-11-28", 1405, True)
        if (name, value) != ("academic_year", 1405)  # a year: see the test below
    ],
)
def test_date_filters_show_nothing_for_what_is_not_a_date(name, value):
    assert render(f'{{{{ value|{name}|default:"—" }}}}', value=value) == "—"


def test_localdigits_filter_escapes_what_was_not_safe_and_keeps_what_was():
    with translation.override("fa"):
        assert render("{{ value|localdigits }}", value="<b>12</b>") == "&lt;b&gt;۱۲&lt;/b&gt;"
        assert render("{{ value|localdigits }}", value=mark_safe("<b>12</b>")) == "<b>۱۲</b>"
        assert render("{{ value|localdigits }}", value=None) == ""
        assert render("{{ value|localdigits }}", value=42) == "۴۲"


class DateForm(forms.Form):
    day = jalali.JalaliDateField()


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("fa", "۱۴۰۵/۰۹/۰۷"),
        ("fa", "1405-9-7"),
        ("ckb", "١٤٠٥/٩/٧"),
        ("ckb", " ۱۴۰۵/09/٠٧ "),
        ("en", "2026-11-28"),
        ("en", "۲۰۲۶/۱۱/۲۸"),
    ],
)
def test_form_field_reads_the_active_calendar(language, typed):
    with translation.override(language):
        form = DateForm({"day": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == AZAR_7_1405


@pytest.mark.parametrize(
    ("language", "typed"),
    [("fa", "۱۴۰۴/۱۲/۳۰"), ("ckb", "1405/13/01"), ("en", "2026-02-30"), ("en", "1405/09/07x")],
)
def test_form_field_explains_a_bad_date_and_keeps_what_was_typed(language, typed):
    with translation.override(language):
        form = DateForm({"day": typed})
        assert not form.is_valid()
        html = str(form["day"])
        errors = list(form.errors["day"])
        expected = translation.gettext("Enter a valid date, e.g. %(example)s.") % {
            "example": jalali.format_numeric(timezone.localdate())
        }
    assert errors == [expected]
    assert f'value="{typed}"' in html


@pytest.mark.parametrize(
    ("language", "shown"),
    [("fa", "۱۴۰۵/۰۹/۰۷"), ("ckb", "١٤٠٥/٠٩/٠٧"), ("en", "2026-11-28")],
)
def test_widget_shows_a_stored_date_in_the_active_calendar(language, shown):
    with translation.override(language):
        html = str(DateForm(initial={"day": AZAR_7_1405})["day"])
        placeholder = jalali.date_hint()
    assert f'value="{shown}"' in html
    assert f'placeholder="{placeholder}"' in html
    assert 'dir="ltr"' in html
    assert 'inputmode="numeric"' in html


@pytest.mark.parametrize("language", ["fa", "ckb"])
def test_the_date_hint_gives_year_month_day_and_todays_date_in_every_jalali_language(language):
    """The pattern's order comes from the code, and the example is today in the language's
    digits: a translation cannot put the day first in one language and the year in another."""
    with translation.override(language):
        hint = jalali.date_hint()
        year, month, day = (translation.gettext(part) for part in ("yyyy", "mm", "dd"))
        today = jalali.format_numeric(timezone.localdate())
    assert f"{year}/{month}/{day}" in hint
    assert today in hint
    assert hint.startswith("\u2067") and hint.endswith("\u2069"), "an isolated rtl run"


def test_the_date_hint_in_english_is_the_iso_pattern():
    with translation.override("en"):
        assert jalali.date_hint() == "yyyy-mm-dd"


def test_an_unchanged_hidden_initial_date_is_not_a_change():
    class HiddenInitialForm(forms.Form):
        day = jalali.JalaliDateField(show_hidden_initial=True)

    with translation.override("fa"):
        html = str(HiddenInitialForm(initial={"day": AZAR_7_1405})["day"])
        assert 'name="initial-day" value="۱۴۰۵/۰۹/۰۷"' in html
        same = HiddenInitialForm({"day": "۱۴۰۵/۰۹/۰۷", "initial-day": "۱۴۰۵/۰۹/۰۷"})
        moved = HiddenInitialForm({"day": "۱۴۰۵/۰۹/۰۸", "initial-day": "۱۴۰۵/۰۹/۰۷"})
        assert not same.has_changed()
        assert moved.has_changed()


def test_the_academic_year_filter_takes_a_date_or_a_year():
    from django.utils import translation

    from intlaffairs.templatetags.jalali import academic_year

    with translation.override("fa"):
        assert academic_year(1405) == academic_year(date(2026, 10, 1)) != ""
    assert academic_year("1405") == ""


def test_a_regional_language_code_counts_as_its_language():
    assert jalali.uses_jalali("fa-ir") and jalali.uses_jalali("ckb-iq")
    assert not jalali.uses_jalali("en-us")
    assert jalali.format_numeric(AZAR_7_1405, "fa-ir") == "۱۴۰۵/۰۹/۰۷"


def test_nothing_to_show_is_shown_as_nothing():
    for value in (None, ""):
        assert jalali.format_date(value) == ""
        assert jalali.format_datetime(value) == ""
    assert jalali.format_numeric(None) == ""


def test_an_explicit_language_wins_over_the_active_one_in_every_format():
    moment = datetime(2026, 11, 28, 20, 45, tzinfo=ZoneInfo("Asia/Tehran"))
    with translation.override("fa"):
        month = translation.pgettext("Jalali month", "Azar")
    with translation.override("en"), timezone.override("Asia/Tehran"):
        assert jalali.format_date(AZAR_7_1405, "fa") == f"۷ {month} ۱۴۰۵"
        assert jalali.format_datetime(AZAR_7_1405, "fa") == f"۷ {month} ۱۴۰۵"
        assert jalali.format_datetime(moment, "fa") == f"۷ {month} ۱۴۰۵، ۲۰:۴۵"
        assert jalali.format_numeric(AZAR_7_1405, "ckb") == "١٤٠٥/٠٩/٠٧"
    with translation.override("fa"), timezone.override("Asia/Tehran"):
        english = jalali.format_date(AZAR_7_1405, "en", with_weekday=True)
        assert english == "Saturday, 28 November 2026"
        assert jalali.format_datetime(moment, "en") == "28 November 2026, 20:45"
        assert jalali.format_datetime(AZAR_7_1405, "en") == "28 November 2026"
        assert jalali.format_numeric(AZAR_7_1405, "en") == "2026-11-28"


def test_the_date_hint_is_the_catalogs_sentence_around_the_pattern_and_today():
    """The Persian sentence itself, so that a changed msgid (untranslated, shown in English)
    does not pass."""
    with translation.override("fa"):
        hint = jalali.date_hint()
        today = jalali.format_numeric(timezone.localdate())
    assert hint == f"\u2067سال/ماه/روز (هجری شمسی)، مانند {today}\u2069"


def test_the_date_hint_is_isolated_because_the_language_is_right_to_left(settings):
    """The isolation follows Django's list of right-to-left languages, not a list of our own."""
    settings.LANGUAGES_BIDI = []
    with translation.override("fa"):
        assert not jalali.date_hint().startswith("\u2067")


def test_a_date_box_is_left_to_right_numeric_without_autocomplete_and_keeps_its_attributes():
    # The widget is built here, not taken from a form class made when the module was imported.
    widget = jalali.JalaliDateInput(attrs={"class": "form-control", "autocomplete": "bday"})
    with translation.override("fa"):
        html = widget.render("day", AZAR_7_1405, attrs={"id": "id_day"})
    assert 'name="day"' in html and 'id="id_day"' in html and 'class="form-control"' in html
    assert 'dir="ltr"' in html and 'inputmode="numeric"' in html
    assert 'autocomplete="bday"' in html  # the caller's attribute wins over the default
    assert 'value="۱۴۰۵/۰۹/۰۷"' in html
    assert 'autocomplete="off"' in jalali.JalaliDateInput().render("day", None)


def test_the_date_field_keeps_a_date_and_takes_a_datetimes_day():
    field = jalali.JalaliDateField()
    assert field.clean(AZAR_7_1405) == AZAR_7_1405
    moment = datetime(2026, 11, 28, 22, 0, tzinfo=ZoneInfo("UTC"))  # 1:30 on the 29th in Tehran
    with timezone.override("Asia/Tehran"):
        assert field.clean(moment) == date(2026, 11, 29)


def test_a_bad_date_is_refused_with_the_invalid_code():
    with translation.override("en"):
        with pytest.raises(forms.ValidationError) as refused:
            jalali.JalaliDateField().clean("1405/13/01")
        assert refused.value.messages == [
            f"Enter a valid date, e.g. {timezone.localdate().isoformat()}."
        ]
    assert [error.code for error in refused.value.error_list] == ["invalid"]


def test_the_solar_year_turns_at_nowruz_in_the_local_time_zone():
    assert jalali.solar_year(date(2026, 3, 20)) == 1404
    assert jalali.solar_year(date(2026, 3, 21)) == 1405
    # 22:00 UTC on 20 March is already 21 March (Nowruz) in Tehran
    assert jalali.solar_year(datetime(2026, 3, 20, 22, 0, tzinfo=ZoneInfo("UTC"))) == 1405


@pytest.mark.parametrize(
    ("language", "months", "days", "digits"),
    [
        (
            "fa",
            "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند",
            ["ش", "ی", "د", "س", "چ", "پ", "ج"],
            "۰۱۲۳۴۵۶۷۸۹",
        ),
        (
            "ckb",
            "خاکەلێوە گوڵان جۆزەردان پووشپەڕ گەلاوێژ خەرمانان ڕەزبەر گەڵاڕێزان سەرماوەز"
            " بەفرانبار ڕێبەندان ڕەشەمە",
            ["ش", "ی", "د", "س", "چ", "پ", "ه"],
            "٠١٢٣٤٥٦٧٨٩",
        ),
    ],
)
def test_the_date_picker_gets_the_months_weekdays_and_digits_of_the_language_asked(
    language, months, days, digits
):
    with translation.override("en"):
        options = jalali.date_picker_options(language)
        assert jalali.date_picker_options() == {}
    assert options == {"months": months.split(" "), "days": days, "digits": digits}


FA_CALENDAR_HELP = (
    "آن را بنویسید یا در تقویمی که باز می‌شود برگزینید؛ با صفحه‌کلید، پیکان‌های"
    " بالا و پایین روز را و Page Up و Page Down ماه را تغییر می‌دهند و Enter تقویم را"
    " می‌بندد."
)


def test_the_help_under_a_date_box_explains_the_calendar_only_where_there_is_one():
    with translation.override("fa"):
        assert jalali.date_help() == f"{jalali.date_hint()} {FA_CALENDAR_HELP}"
    with translation.override("en"):
        assert jalali.date_help() == "yyyy-mm-dd"


def test_a_date_field_explains_itself_in_the_language_of_the_page_unless_given_a_help_text():
    with translation.override("en"):
        field = jalali.JalaliDateField()
        own = jalali.JalaliDateField(help_text="The day it was signed.")
    with translation.override("fa"):
        assert str(field.help_text) == f"{jalali.date_hint()} {FA_CALENDAR_HELP}"
        assert field.help_text.endswith(FA_CALENDAR_HELP)  # it behaves as a str
        assert own.help_text == "The day it was signed."
    with translation.override("en"):
        assert str(field.help_text) == "yyyy-mm-dd"


@pytest.mark.parametrize(("language", "marked"), [("fa", True), ("ckb", True), ("en", False)])
def test_only_a_jalali_date_box_carries_the_pickers_marker(language, marked):
    with translation.override(language):
        attrs = jalali.JalaliDateInput().get_context("day", None, {})["widget"]["attrs"]
        html = jalali.JalaliDateInput().render("day", None)
    assert attrs.get("data-jdp") is (True if marked else None)
    assert (" data-jdp " in html or " data-jdp>" in html) is marked
    assert 'data-jdp="' not in html
