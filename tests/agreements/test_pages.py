"""The agreements pages as each role uses them."""

import re
from datetime import date

import jdatetime
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.models import Agreement, SignedFile
from intlaffairs.roles import Role

from ..factories import AgreementFactory, InstitutionFactory
from ..students.helpers import PDF_BYTES

pytestmark = pytest.mark.django_db
LIST = reverse("agreements:agreement_list")


def queries_for(client, url) -> tuple[int, int]:
    """Queries of a request with the cache empty, which fills the snapshots (the charts, the
    countries of the partners) as the first view after a change does, and of the next one."""
    cache.clear()
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    return counts[0], counts[1]


def test_list_query_count_is_the_same_for_5_and_500_agreements(client, officer):
    client.force_login(officer)
    partners = InstitutionFactory.create_batch(3)
    AgreementFactory.create_batch(5, partners=partners, owner=officer)
    small = queries_for(client, "/en/agreements/")
    Agreement.objects.bulk_create(
        [Agreement(title_fa=f"ت {n}", title_en=f"A {n}", type="mou") for n in range(495)]
    )
    large = queries_for(client, "/en/agreements/")
    assert small == large
    # The warm page: session, user, groups, second factor, the menu's unread messages, the list.
    assert large[0] <= 14 and large[1] <= 11


def test_a_faculty_member_sees_only_the_agreements_they_initiated(client, faculty):
    mine = AgreementFactory(title_en="Mine")
    mine.initiators.add(faculty)
    other = AgreementFactory(title_en="Not mine")
    client.force_login(faculty)
    html = client.get("/en/agreements/").content.decode()
    assert "Mine" in html and "Not mine" not in html
    assert client.get(f"/en/agreements/{mine.pk}/").status_code == 200
    assert client.get(f"/en/agreements/{other.pk}/").status_code == 404


@pytest.mark.parametrize("role", [Role.APPLICANT, Role.MENTOR])
def test_applicants_and_mentors_see_nothing_of_agreements(client_as, role):
    agreement = AgreementFactory()
    client = client_as(role)
    assert client.get("/en/agreements/").status_code == 403
    assert client.get(f"/en/agreements/{agreement.pk}/").status_code == 403


def test_search_typed_with_arabic_letters_finds_persian_titles(client, officer):
    AgreementFactory(title_fa="تفاهم‌نامهٔ همکاری با دانشگاه کوفه", title_en="Kufa MoU")
    AgreementFactory(title_fa="قرارداد پژوهشی", title_en="Research contract")
    client.force_login(officer)
    html = client.get("/fa/agreements/", {"q": "دانشگاه كوفه"}).content.decode()
    assert "تفاهم‌نامهٔ همکاری با دانشگاه کوفه" in html
    assert "قرارداد پژوهشی" not in html


def test_search_finds_partner_names_in_any_language(client, officer):
    partner = InstitutionFactory(name_en="University of Sulaimani", name_ckb="زانکۆی سلێمانی")
    AgreementFactory(title_en="Exchange", partners=[partner])
    client.force_login(officer)
    assert "Exchange" in client.get("/en/agreements/", {"q": "سلێمانی"}).content.decode()


def test_filters_by_status_and_ending_soon(client, officer):
    today = date.today()
    AgreementFactory(
        title_en="Ends soon",
        status="active",
        signed_on=today,
        ends_on=date.fromordinal(today.toordinal() + 20),
    )
    AgreementFactory(
        title_en="Ends later", status="active", signed_on=today, ends_on=date(2035, 1, 1)
    )
    client.force_login(officer)
    html = client.get("/en/agreements/", {"expiring": 30}).content.decode()
    assert "Ends soon" in html and "Ends later" not in html
    html = client.get("/en/agreements/", {"status": "draft"}).content.decode()
    assert "Ends soon" not in html


def test_the_country_filter_offers_the_partners_countries_and_explains_a_wrong_one(
    client, officer, manager
):
    AgreementFactory(title_en="With Iraq", partners=[InstitutionFactory(country="IQ")])
    AgreementFactory(title_en="With Germany", partners=[InstitutionFactory(country="DE")])
    client.force_login(officer)
    en_list = "/en/agreements/"

    def offered() -> list[str]:
        page = client.get(en_list).content.decode()
        select = re.search(r'<select name="country".*?</select>', page, re.S).group()
        return re.findall(r'<option value="(\w*)"', select)

    assert offered() == ["", "IQ", "DE"]  # the office's first countries, then by name
    InstitutionFactory(country="TR")
    assert offered() == ["", "IQ", "TR", "DE"]  # a new partner shows at once
    html = client.get(en_list, {"country": "DE"}).content.decode()
    assert "With Germany" in html and "With Iraq" not in html
    html = client.get(en_list, {"country": "FR", "expiring": 0}).content.decode()
    assert 'id="id_country_error" class="invalid-feedback"' in html
    assert 'class="form-control is-invalid" aria-invalid="true"' in html
    assert "No agreement matches these filters." in html
    owners = re.search(r'<select name="owner".*?</select>', html, re.S).group()
    assert f">{officer.display_name}</option>" in owners
    assert f">{manager.display_name}</option>" in owners


def test_an_officer_creates_an_agreement_with_jalali_dates(client, officer):
    partner = InstitutionFactory()
    client.force_login(officer)
    response = client.post(
        "/fa/agreements/new/",
        {
            "title_fa": "تفاهم‌نامهٔ آزمایشی",
            "title_en": "Test MoU",
            "partners": [partner.pk],
            "type": "mou",
            "signed_on": "۱۴۰۵/۰۹/۰۷",
            "starts_on": "1405/09/07",
            "ends_on": "١٤٠٨/٠٩/٠٦",
        },
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get(title_en="Test MoU")
    assert agreement.signed_on == date(2026, 11, 28)
    assert agreement.ends_on == jdatetime.date(1408, 9, 6).togregorian()
    assert agreement.owner == officer


def test_a_bad_form_explains_itself_and_saves_nothing(client, officer):
    client.force_login(officer)
    response = client.post(
        "/en/agreements/new/",
        {
            "title_fa": "x",
            "title_en": "Bad",
            "type": "mou",
            "starts_on": "2027-01-01",
            "ends_on": "2026-01-01",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The end date must not be before the start date." in html
    assert not Agreement.objects.filter(title_en="Bad").exists()


def upload(client, agreement, name, content):
    return client.post(
        f"/en/agreements/{agreement.pk}/files/",
        {"title": "Signed copy", "file": SimpleUploadedFile(name, content)},
    )


def test_signed_copies_must_be_real_pdfs(client, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agreement = AgreementFactory()
    client.force_login(officer)
    upload(client, agreement, "fake.pdf", b"<html><script>alert(1)</script></html>")
    assert not SignedFile.objects.exists()
    upload(client, agreement, "signed.pdf", PDF_BYTES)
    signed = SignedFile.objects.get()
    response = client.get(f"/en/agreements/files/{signed.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_signed_copies_are_not_served_to_faculty_even_their_own(
    client, officer, faculty, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    agreement = AgreementFactory()
    agreement.initiators.add(faculty)
    client.force_login(officer)
    upload(client, agreement, "signed.pdf", PDF_BYTES)
    signed = SignedFile.objects.get()
    client.force_login(faculty)
    assert client.get(f"/en/agreements/files/{signed.pk}/").status_code == 403


def test_status_change_through_the_page_respects_the_managers_rule(client, officer, manager):
    agreement = AgreementFactory(
        status="awaiting_signature", signed_on=date(2026, 1, 1), ends_on=date(2028, 1, 1)
    )
    url = f"/en/move/agreements.agreement/{agreement.pk}/activate/"
    client.force_login(officer)
    page = client.get(f"/en/agreements/{agreement.pk}/").content.decode()
    assert url not in page  # the officer sees activation as the manager's, with no form
    assert "Only an office manager can activate" in page
    refused = client.post(url, {"next": f"/en/agreements/{agreement.pk}/"})
    assert "Only an office manager can activate" in refused.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == "awaiting_signature"
    client.force_login(manager)
    assert url in client.get(f"/en/agreements/{agreement.pk}/").content.decode()
    prefix = f"agreement-{agreement.pk}-activate"
    response = client.post(url, {f"{prefix}-note": "signed"})
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == "active"
    assert agreement.moves.get().note == "signed"


def test_a_refused_step_keeps_what_was_typed(client, manager):
    agreement = AgreementFactory(status="active")
    url = f"/en/move/agreements.agreement/{agreement.pk}/terminate/"
    client.force_login(manager)
    prefix = f"agreement-{agreement.pk}-terminate"
    response = client.post(url, {f"{prefix}-note": "   "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == "active"


def test_the_history_shows_labels_in_the_reading_direction(client, officer):
    from intlaffairs.workflow import move

    agreement = AgreementFactory(status="negotiation")
    move(agreement, "send_for_signature", by=officer)
    client.force_login(officer)
    english = client.get(f"/en/agreements/{agreement.pk}/").content.decode()
    assert 'Under negotiation</span> <span aria-hidden="true">→' in english
    persian = client.get(f"/fa/agreements/{agreement.pk}/").content.decode()
    assert "awaiting_signature" not in persian.split("workflow-history")[1].split("</ol>")[0]
    assert "←</span>" in persian


def test_dashboard_shows_agreements_ending_soon_to_the_office(client, officer, faculty):
    today = date.today()
    AgreementFactory(
        title_en="Ending in a month",
        status="active",
        signed_on=today,
        ends_on=date.fromordinal(today.toordinal() + 30),
    )
    client.force_login(officer)
    assert "Ending in a month" in client.get("/en/dashboard/").content.decode()
    client.force_login(faculty)
    assert "Ending in a month" not in client.get("/en/dashboard/").content.decode()


def test_institution_list_query_count_is_the_same_for_5_and_500(client, officer):
    client.force_login(officer)
    InstitutionFactory.create_batch(5)
    small = queries_for(client, "/en/agreements/institutions/")
    InstitutionFactory.create_batch(495)
    assert queries_for(client, "/en/agreements/institutions/") == small


def test_a_contact_is_added_under_its_institution_and_a_bad_one_explains_itself(client, officer):
    institution = InstitutionFactory()
    client.force_login(officer)
    url = f"/en/agreements/institutions/{institution.pk}/contacts/"
    response = client.post(url, {"name": "Dr. Karim", "email": "not-an-address"}, follow=True)
    assert not institution.contacts.exists()
    assert "Enter a valid email address." in response.content.decode()
    response = client.post(url, {"name": "Dr. Karim", "email": "karim@example.org"}, follow=True)
    assert list(institution.contacts.values_list("email", flat=True)) == ["karim@example.org"]
    assert "The contact has been added." in response.content.decode()
