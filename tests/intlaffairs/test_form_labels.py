"""Field labels start with a capital in English, on every form, whoever wrote the label."""

import importlib
import inspect

import pytest
from django import forms
from django.utils import translation

from intlaffairs.roles import Role

APPS = ["agreements", "students", "exchanges", "mentoring", "incentives", "strategy", "research"]


def forms_needing_no_argument():
    for app in APPS:
        module = importlib.import_module(f"{app}.forms")
        for name, form_class in inspect.getmembers(module, inspect.isclass):
            if (
                not issubclass(form_class, forms.BaseForm)
                or form_class.__module__ != module.__name__
            ):
                continue
            required = [
                parameter
                for parameter in inspect.signature(form_class.__init__).parameters.values()
                if parameter.kind is parameter.KEYWORD_ONLY and parameter.default is parameter.empty
            ]
            if not required:
                yield f"{app}.{name}", form_class


@pytest.mark.django_db
def test_every_forms_labels_start_with_a_capital_in_english():
    lower_case = []
    checked = 0
    with translation.override("en"):
        for name, form_class in forms_needing_no_argument():
            form = form_class()
            for field in form:
                label = str(field.label or "")
                checked += 1
                if label[:1].isalpha() and label[:1].islower():
                    lower_case.append(f"{name}.{field.name}: {label!r}")
    assert checked > 100
    assert not lower_case, "\n".join(lower_case)


def test_the_short_course_forms_translated_fields_are_labelled_with_a_capital(client_as):
    html = client_as(Role.OFFICER).get("/en/exchanges/courses/new/").content.decode()
    for label in ["Title (فارسی)", "Title (English)", "Eligibility (کوردی)", "Description ("]:
        assert label in html, label
    assert "title (" not in html and "eligibility (" not in html


def test_a_persian_label_is_left_as_it_is(client_as):
    with translation.override("fa"):
        expected = translation.gettext("title")
    html = client_as(Role.OFFICER).get("/fa/exchanges/courses/new/").content.decode()
    assert f"{expected} (فارسی)" in html
