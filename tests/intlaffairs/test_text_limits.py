"""Every text a user types has a maximum length: the form refuses a longer one with Django's
translated message and nothing is saved (before, a 100,000-character statement went in)."""

import importlib
import inspect

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.db import models

from exchanges.models import CourseApplication
from intlaffairs.models import Unit
from intlaffairs.normalize import SearchTextField
from intlaffairs.roles import Role
from mentoring.models import Mentor

from ..exchanges.helpers import short_course
from ..students.helpers import complete_draft, make_program, pdf

pytestmark = pytest.mark.django_db

TOO_LONG = "ا" * 100_000
# Django's own message, in Persian: "Ensure this value has at most %(limit_value)d characters".
REFUSED = "طول این مقدار باید حداکثر"

# Text the portal writes itself (e-mails it sends, errors it records); nobody types into it.
WRITTEN_BY_THE_PORTAL = {
    ("intlaffairs", "outgoingmail", "body_text"),
    ("intlaffairs", "outgoingmail", "body_html"),
    ("intlaffairs", "outgoingmail", "last_error"),
    ("intlaffairs", "reportrequest", "error"),
}


# allauth's one-time codes and tokens: typed, compared with what it stored, never stored.
COMPARED_NOT_STORED = {"code", "key", "uidb36", "username"}


def project_apps():
    """The portal's own apps (the virtualenv may sit inside the project folder too)."""
    return [
        app
        for app in apps.get_app_configs()
        if app.path.startswith(str(settings.BASE_DIR)) and "site-packages" not in app.path
    ]


def test_every_text_field_users_type_into_has_a_maximum_length():
    unbounded = [
        (model._meta.app_label, model._meta.model_name, field.name)
        for app in project_apps()
        for model in app.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField)
        and field.max_length is None
        # the search column: written by the portal from fields that have their limits
        and not isinstance(field, SearchTextField)
    ]
    assert set(unbounded) == WRITTEN_BY_THE_PORTAL


def test_every_text_field_of_every_form_has_a_maximum_length():
    """Form fields of their own too (a note with a move), not only those made from the models."""
    modules = ["intlaffairs.accounts"] + [
        f"{app.name}.forms"
        for app in project_apps()
        if importlib.util.find_spec(f"{app.name}.forms")
    ]
    unbounded = []
    for module in map(importlib.import_module, modules):
        for name, form in inspect.getmembers(module, inspect.isclass):
            if not issubclass(form, forms.BaseForm) or form.__module__ != module.__name__:
                continue
            unbounded += [
                f"{module.__name__}.{name}.{field_name}"
                for field_name, field in form.base_fields.items()
                if type(field) in (forms.CharField, forms.RegexField)
                and not isinstance(field.widget, forms.HiddenInput | forms.PasswordInput)
                and field_name not in COMPARED_NOT_STORED
                and field.max_length is None
            ]
    assert unbounded == [], unbounded


def test_a_very_long_personal_statement_is_refused_and_not_saved(client, applicant):
    application = complete_draft(applicant, make_program())
    client.force_login(applicant)
    response = client.post(
        f"/fa/students/my/{application.pk}/step/4/",
        {"program": application.program_id, "channel": "website", "statement": TOO_LONG},
    )
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    application.refresh_from_db()
    assert len(application.statement) < 100


def test_a_very_long_motivation_for_a_short_course_is_refused_and_not_saved(client, applicant):
    course = short_course()
    client.force_login(applicant)
    response = client.post(
        f"/fa/exchanges/courses/{course.pk}/apply/",
        {
            "name_latin": "Zahraa Jaber",
            "home_institution": "University of Baghdad",
            "country": "IQ",
            "field": "Medicine",
            "motivation": TOO_LONG,
            "cv": pdf(),
        },
    )
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert not CourseApplication.objects.exists()


def test_a_very_long_mentor_bio_is_refused_and_not_saved(client, make_user):
    school = Unit.objects.create(name_en="School of Medicine", name_fa="دانشکدهٔ پزشکی")
    client.force_login(make_user(Role.APPLICANT))
    response = client.post(
        "/fa/mentoring/become-a-mentor/",
        {
            "unit": school.pk,
            "year_of_study": "3",
            "gender": "male",
            "capacity": "2",
            "bio": TOO_LONG,
            "languages-TOTAL_FORMS": "1",
            "languages-INITIAL_FORMS": "0",
            "languages-MIN_NUM_FORMS": "1",
            "languages-MAX_NUM_FORMS": "6",
            "languages-0-language": "ku",
            "languages-0-level": "native",
        },
    )
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert not Mentor.objects.exists()


def test_the_textarea_says_its_maximum_to_the_browser(client, applicant):
    application = complete_draft(applicant, make_program())
    client.force_login(applicant)
    page = client.get(f"/fa/students/my/{application.pk}/step/4/").content.decode()
    assert 'maxlength="5000"' in page
