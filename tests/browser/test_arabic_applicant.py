"""An applicant from Iraq, on a phone set to Arabic (Accept-Language ar-IQ): lands on /ar/,
signs up, confirms, applies with dates and numbers typed in Arabic-Indic digits, and gets every
e-mail in Arabic. With SCREENSHOTS=1 each step leaves a 390 px picture to look at."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from intlaffairs import jalali
from intlaffairs.models import OutgoingMail, Unit
from students.models import Application, Education, Program

from .test_recruitment_journey import document_types, messages_to, write_files

PHONE = {"width": 390, "height": 844}
EMAIL = "ali.tamimi@example.org"


def arabic(page) -> None:
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_arabic_applicant_signs_up_applies_and_reads_every_email_in_arabic(
    new_context, screenshot, tmp_path
):
    passport, photo = document_types()
    program = Program.objects.create(
        name_fa="پزشکی عمومی",
        name_en="Medicine (MD)",
        name_ar="الطب العام",
        unit=Unit.objects.create(name_fa="دانشکدهٔ پزشکی", name_en="School of Medicine"),
        degree="md",
        duration_years=7,
        tuition=6500,
        intake=1405,
        capacity=40,
        deadline=timezone.localdate() + timedelta(days=30),
    )
    program.required_documents.set([passport, photo])
    scan, picture = write_files(tmp_path)
    page = new_context(locale="ar-IQ", viewport=PHONE, is_mobile=True, has_touch=True).new_page()

    # The browser asks for Arabic of Iraq: the site answers in Arabic.
    page.goto("/")
    assert re.search(r"/ar/$", page.url), page.url
    arabic(page)
    screenshot(page, "arabic-phone-1-home")
    page.goto(f"/ar/students/programs/{program.pk}/")
    assert "الطب العام" in page.inner_text("main")
    screenshot(page, "arabic-phone-2-program")
    page.click("main a[href*='/accounts/signup/']")
    arabic(page)
    assert page.locator("#id_preferred_language").input_value() == "ar"
    page.fill("#id_full_name", "Ali Hassan Mohammed Al-Tamimi")
    page.fill("#id_email", EMAIL)
    page.fill("#id_password1", "a-long-passphrase-42")
    page.fill("#id_password2", "a-long-passphrase-42")
    screenshot(page, "arabic-phone-3-signup")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/ar/accounts/confirm-email/")

    confirmation = messages_to(EMAIL)[-1]
    assert confirmation.subject == "أكِّد عنوان بريدك الإلكتروني"
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", confirmation.body)[0]
    assert "/ar/accounts/confirm-email/" in link
    page.goto(link)
    arabic(page)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/ar/students/my/*/step/1/")

    # The name in four parts, twice; the date of birth in Arabic-Indic digits, day first.
    for field, value in {
        "given_name": "Ali",
        "father_name": "Hassan",
        "grandfather_name": "Mohammed",
        "family_name": "Al-Tamimi",
        "native_given_name": "علي",
        "native_father_name": "حسن",
        "native_grandfather_name": "محمد",
        "native_family_name": "التميمي",
        "birth_date": "١٥/٠٣/٢٠٠٤",
    }.items():
        page.fill(f"#id_{field}", value)
    page.select_option("#id_sex", "male")
    page.select_option("#id_nationality", "IQ")
    # Arabic country names, in Arabic order.
    assert page.locator("#id_nationality option[value=IQ]").first.inner_text() == "العراق"
    screenshot(page, "arabic-phone-4-person")
    page.click("button[name=next]")
    page.wait_for_url("**/step/2/")
    application = Application.objects.get(applicant__email=EMAIL)
    assert application.birth_date == date(2004, 3, 15)
    assert application.native_name == "علي حسن محمد التميمي"

    expiry = timezone.localdate() + timedelta(days=1500)
    page.fill("#id_passport_number", "A1234567")
    with translation.override("ar"):
        page.fill("#id_passport_expires_on", jalali.format_numeric(expiry))
    page.fill("#id_phone", "+964 770 123 4567")
    screenshot(page, "arabic-phone-5-passport")
    page.click("button[name=next]")
    page.wait_for_url("**/step/3/")
    page.fill("#id_education-0-qualification", "Secondary school diploma")
    page.fill("#id_education-0-institution", "Baghdad College")
    page.select_option("#id_education-0-country", "IQ")
    page.fill("#id_education-0-graduated_in", "٢٠٢٣")
    screenshot(page, "arabic-phone-6-education")
    page.click("button[name=next]")
    page.wait_for_url("**/step/4/")
    page.select_option("#id_program", str(program.pk))
    page.select_option("#id_channel", "website")
    page.click("button[name=next]")
    page.wait_for_url("**/documents/")
    for doc_type, path in ((passport, scan), (photo, picture)):
        page.set_input_files(f"#file-{doc_type.pk}", str(path))
        page.locator("form", has=page.locator(f"#file-{doc_type.pk}")).locator("button").click()
        page.wait_for_load_state()
    screenshot(page, "arabic-phone-7-documents")
    page.click(f"main a[href$='/students/my/{application.pk}/']")
    page.locator("form[action*='/submit/'] button[type=submit]").click()
    page.wait_for_load_state()
    application.refresh_from_db()
    assert application.stage == "submitted"
    assert application.passport_expires_on == expiry
    assert Education.objects.get(application=application).graduated_in == 2023
    arabic(page)
    screenshot(page, "arabic-phone-8-submitted")

    # Every e-mail she got is Arabic: the language, the HTML part's lang and dir, the subject.
    to_her = OutgoingMail.objects.filter(to=EMAIL)
    assert to_her.count() >= 2
    assert set(to_her.values_list("language", flat=True)) == {"ar"}
    for message in to_her.exclude(body_html=""):
        assert '<html lang="ar" dir="rtl">' in message.body_html
    assert f"تسلّمنا طلبك {application.reference}" in [m.subject for m in messages_to(EMAIL)]
