"""The tables made once per process in place of work Django and django-countries redo on
every call: choice labels, country names, formatted dates. Each must answer as the original
does, in the language of the moment."""

from datetime import date, datetime
from functools import partialmethod

import pytest
from django.db.models import Model
from django.template import Context, Template
from django.utils import timezone, translation
from django_countries import countries

from agreements.models import Agreement, Institution
from intlaffairs import choices, jalali
from intlaffairs.countries import country_names
from students.models import Application, Stage


def test_choice_labels_follow_the_language_and_fall_back_to_the_value():
    application = Application(stage=Stage.INTERVIEW)
    for language in ("fa", "en", "ckb", "ar"):
        with translation.override(language):
            expected = str(dict(Stage.choices)[Stage.INTERVIEW])
            assert application.get_stage_display() == expected
    with translation.override("fa"):
        fa = application.get_stage_display()
    with translation.override("en"):
        assert application.get_stage_display() == "Interview" != fa
    application.stage = "not-a-stage"
    assert application.get_stage_display() == "not-a-stage"


def test_only_fixed_choices_get_a_table_and_a_models_own_method_is_kept():
    assert isinstance(Agreement.__dict__["get_status_display"], partialmethod)
    assert Agreement.__dict__["get_status_display"].func is choices._display
    # A country field's choices follow the language: Django's own method stays.
    assert Institution.__dict__["get_country_display"].func is Model._get_FIELD_display
    assert choices.use_choice_tables() == 0  # all installed at start-up, none twice


def test_country_names_match_django_countries_in_each_language():
    for language in ("fa", "en", "ckb", "ar"):
        with translation.override(language):
            assert dict(country_names()) == dict(countries)
            assert country_names()["IQ"] == str(countries.name("IQ"))
    with pytest.raises(TypeError):
        country_names()["IQ"] = "changed"  # the shared table is read-only


def test_country_name_filter_takes_a_country_or_a_code():
    template = Template("{{ institution.country|country_name }}|{{ code|country_name }}")
    institution = Institution(country="DE")
    with translation.override("en"):
        text = template.render(Context({"institution": institution, "code": "IT"}))
        assert text == "Germany|Italy"
    with translation.override("fa"):
        assert template.render(Context({"institution": institution, "code": "XX"})) == "آلمان|"
    assert Template("{{ none|country_name }}").render(Context({"none": None})) == ""


def test_dates_are_formatted_once_per_day_and_language():
    jalali._format_day.cache_clear()
    day = date(2026, 11, 28)
    moment = timezone.make_aware(datetime(2026, 11, 28, 23, 0))
    assert jalali.format_date(day, "fa") == "۷ آذر ۱۴۰۵"
    assert jalali.format_date(moment, "fa") == "۷ آذر ۱۴۰۵"  # the same day in Tehran
    assert jalali.format_date(day, "en") == "28 November 2026"
    assert jalali.format_date(day, "fa", with_weekday=True).startswith("شنبه")
    info = jalali._format_day.cache_info()
    assert (info.hits, info.misses) == (1, 3)
