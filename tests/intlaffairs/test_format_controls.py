"""Invisible format characters (bidi overrides and isolates, and every other Unicode Cf character
but ZWNJ and ZWJ) are taken out of everything typed into a form: a right-to-left override in a
name would reverse what an official letter seems to say."""

import pytest
from django import forms

from intlaffairs import workflow
from intlaffairs.accounts import SignupForm
from intlaffairs.models import IssuedDocument
from students.models import Application

from ..reports.test_pdf import pdf_text
from ..students.helpers import complete_draft, make_program

pytestmark = pytest.mark.django_db

OVERRIDES = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
OTHER_FORMAT_CONTROLS = "\u200b\u200e\u200f\u2060\ufeff\u061c\u00ad"
ZWNJ, ZWJ = "\u200c", "\u200d"


def test_the_admission_letter_shows_the_name_without_the_overrides_typed_into_it(
    client, applicant, manager, officer, tmp_path
):
    application = complete_draft(applicant, make_program())
    client.force_login(applicant)
    response = client.post(
        f"/en/students/my/{application.pk}/step/1/",
        {
            "given_name": "Zahraa",
            "family_name": "Jaber",
            # A left-to-right override shows the Arabic letters backwards, where it is kept.
            "native_given_name": "\u202dزهراء\u202c",
            "native_family_name": "جابر",
            "native_father_name": f"\u2067مهدی{ZWNJ}زاده\u2069",
            "sex": "female",
            "birth_date": "2004-05-01",
            "nationality": "IQ",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    application.refresh_from_db()
    assert application.native_name == f"زهراء مهدی{ZWNJ}زاده جابر"
    assert application.native_father_name == f"مهدی{ZWNJ}زاده"

    workflow.move(application, "submit", by=applicant)
    Application.objects.filter(pk=application.pk).update(stage="faculty_review")
    workflow.move(application, "admit", by=manager)
    client.force_login(officer)
    client.post(
        f"/en/students/applications/{application.pk}/letter/admission_letter/",
        {"language": "en"},
    )
    document = IssuedDocument.objects.get(kind="admission_letter")
    assert document.holder_name_native == f"زهراء مهدی{ZWNJ}زاده جابر"
    text = pdf_text(document.file.open("rb").read(), tmp_path)
    assert "زهراء" in text and "جابر" in text, text
    assert not set(OVERRIDES) & set(text)


@pytest.mark.parametrize(
    "field",
    [forms.CharField(), forms.CharField(widget=forms.Textarea), forms.SlugField()],
    ids=["text", "textarea", "slug"],
)
def test_every_text_field_drops_format_controls(field):
    assert field.clean(f"{OVERRIDES}a{OTHER_FORMAT_CONTROLS}b-c") == "ab-c"


def test_an_email_field_drops_them_too():
    assert forms.EmailField().clean(f"ali\u202e@example.org{OVERRIDES}") == "ali@example.org"


def test_zero_width_joiner_and_non_joiner_stay():
    assert forms.CharField().clean(f"می{ZWNJ}خواهم{ZWJ}\u202e") == f"می{ZWNJ}خواهم{ZWJ}"


def test_a_value_of_only_format_controls_is_empty():
    with pytest.raises(forms.ValidationError):
        forms.CharField().clean(OVERRIDES)
    assert forms.CharField(required=False).clean(f" {OVERRIDES} ") == ""


def test_passwords_are_kept_as_typed():
    assert forms.CharField(widget=forms.PasswordInput).clean("pass\u202eword") == "pass\u202eword"


def test_the_signup_form_drops_them_from_the_full_name():
    form = SignupForm(
        data={
            "full_name": "Ali\u202e Rezaei",
            "email": "ali@example.org",
            "preferred_language": "en",
            "password1": "a-long-pass-phrase-2026",
            "password2": "a-long-pass-phrase-2026",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["full_name"] == "Ali Rezaei"
