"""Arabic as the fourth language: the browser's Arabic finds /ar/, the switcher offers it, the
pages are right to left with Arabic country names, and an applicant may read e-mails in it."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from intlaffairs.countries import country_names
from intlaffairs.roles import Role
from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("accept", ["ar", "ar-IQ", "ar-SY", "ar-LB,en;q=0.5", "ar-BH"])
def test_a_browser_asking_for_any_arabic_lands_on_the_arabic_site(client, accept):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response.headers["Location"] == "/ar/"


def test_the_office_still_defaults_to_persian_and_arabic_reads_right_to_left(client):
    assert settings.LANGUAGE_CODE == "fa"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de")["Location"] == "/fa/"
    html = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "vendor/bootstrap/css/bootstrap.rtl.min." in html


def test_the_language_switcher_offers_arabic(client):
    html = client.get("/en/").content.decode()
    assert 'name="language" value="ar" lang="ar">العربية</button>' in html


def test_an_arabic_title_not_yet_typed_falls_back_to_english_before_persian():
    assert settings.MODELTRANSLATION_FALLBACK_LANGUAGES["ar"] == ("en", "fa")


def test_arabic_pages_show_arabic_country_names(client, officer):
    InstitutionFactory(country="IQ")
    client.force_login(officer)
    page = client.get("/ar/agreements/institutions/").content.decode()
    assert "العراق" in page
    assert "عراق</" not in page.replace("العراق</", "")  # not the Persian name
    with translation.override("ar"):
        assert country_names()["SY"] == "سوريا"


def test_an_applicant_chooses_arabic_for_their_emails_and_they_are_written_in_arabic(
    client, make_user, django_capture_on_commit_callbacks
):
    person = make_user(Role.APPLICANT, preferred_language="fa")
    client.force_login(person)
    response = client.post(reverse("set_language"), {"language": "ar", "next": "/en/"})
    assert response.headers["Location"] == "/ar/"
    person.refresh_from_db()
    assert person.preferred_language == "ar"
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/fa/accounts/password/reset/", {"email": person.email})
    message = mail.outbox[-1]
    with translation.override("ar"):
        assert message.subject == translation.gettext("Choose a new password")
    assert "/ar/accounts/password/reset/key/" in message.body


def test_the_catalog_forms_take_each_title_and_description_in_arabic_too():
    # The office fills the Arabic catalog on the portal's own pages, not only in the admin.
    from exchanges.forms import CourseForm
    from students.forms import CriterionForm, ProcedureForm, ProgramForm

    expected = {
        ProgramForm: ["name_ar", "description_ar"],
        CourseForm: ["title_ar", "description_ar", "eligibility_ar"],
        CriterionForm: ["name_ar"],
        ProcedureForm: ["title_ar"],
    }
    for form_class, names in expected.items():
        form = form_class()
        for name in names:
            attrs = form.fields[name].widget.attrs
            assert (attrs["lang"], attrs["dir"]) == ("ar", "rtl"), (form_class, name)
            assert form.fields[name].label.endswith("(العربية)")


def test_the_office_forms_take_each_name_and_title_in_arabic_too():
    # Agreements, partners, research projects, the plan and its indicators, units and the
    # letterhead are typed in the portal too: none of them stops at three languages.
    from agreements.forms import AgreementForm, InstitutionForm, InstitutionQuickForm
    from intlaffairs.document_forms import LetterheadForm
    from research.forms import ProjectForm
    from strategy.forms import IndicatorForm, PlanForm, UnitNamesForm

    expected = {
        InstitutionForm: ["name_ar"],
        InstitutionQuickForm: ["name_ar"],
        AgreementForm: ["title_ar", "description_ar"],
        ProjectForm: ["title_ar"],
        PlanForm: ["title_ar"],
        IndicatorForm: ["name_ar"],
        UnitNamesForm: ["name_ar"],
    }
    for form_class, names in expected.items():
        form = form_class()
        for name in names:
            attrs = form.fields[name].widget.attrs
            assert (attrs["lang"], attrs["dir"]) == ("ar", "rtl"), (form_class, name)
            assert form.fields[name].label.endswith("(العربية)")
    # The letterhead's form is the admin's, which labels the languages its own way.
    assert {"signatory_name_ar", "signatory_title_ar"} <= set(LetterheadForm().fields)


def test_a_units_board_needs_its_three_sign_languages_and_arabic_is_optional():
    from strategy.forms import UnitNamesForm

    names = {
        "name_fa": "دانشکده پزشکی",
        "name_en": "School of Medicine",
        "name_ckb": "کۆلێژی پزیشکی",
    }
    assert UnitNamesForm(data=names).is_valid()
    assert not UnitNamesForm(data={**names, "name_ckb": ""}).is_valid()
    unit = UnitNamesForm(data={**names, "name_ar": "كلية الطب"}).save()
    assert unit.name_ar == "كلية الطب"


def test_the_public_sites_forms_take_every_language():
    from website.forms import PageForm, PostForm

    assert {"title_ar", "body_ar"} <= set(PageForm().fields)
    assert {"title_ar", "summary_ar", "body_ar", "place_ar"} <= set(PostForm().fields)


def test_the_demo_names_partners_agreements_projects_and_the_plan_in_arabic(
    client, settings, officer
):
    from django.core.management import call_command

    from agreements.models import Agreement, Institution
    from research.models import Project
    from strategy.models import Goal, Indicator, Plan

    settings.ALLOW_DEMO_DATA = True
    call_command("seed_demo")
    for model, column in (
        (Institution, "name_ar"),
        (Agreement, "title_ar"),
        (Project, "title_ar"),
        (Plan, "title_ar"),
        (Goal, "title_ar"),
        (Indicator, "name_ar"),
    ):
        untranslated = model.objects.filter(**{f"{column}__isnull": True}) | model.objects.filter(
            **{column: ""}
        )
        assert model.objects.exists() and not untranslated.exists(), model
    assert Institution.objects.get(name_en="University of Kufa").name_ar == "جامعة الكوفة"
    client.force_login(officer)  # the demo's officer would first be asked to set up MFA
    html = client.get("/ar/search/", {"q": "جامعة الكوفة"}).content.decode()
    assert 'data-kind="institutions"' in html and 'data-kind="agreements"' in html
    html = client.get("/ar/search/", {"q": "الليشمانيات"}).content.decode()
    assert 'data-kind="projects"' in html
