"""An officer working in Persian records an agreement with Jalali dates, then finds it by a
search typed with Arabic letters."""

import jdatetime
import pytest

from agreements.models import Agreement
from intlaffairs.roles import Role

from ..factories import InstitutionFactory


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_officer_creates_an_agreement_in_persian_and_finds_it_with_arabic_letters(
    new_context, make_user, screenshot
):
    officer = make_user(Role.OFFICER)
    partner = InstitutionFactory(name_fa="دانشگاه کوفه", name_en="University of Kufa")
    page = new_context(officer).new_page()

    page.goto("/fa/agreements/new/")
    page.fill("#id_title_fa", "تفاهم‌نامهٔ همکاری پژوهشی با دانشگاه کوفه")
    page.fill("#id_title_en", "Research cooperation with the University of Kufa")
    page.select_option("#id_partners", str(partner.pk))
    page.select_option("#id_type", "research")
    page.fill("#id_signed_on", "۱۴۰۵/۰۹/۰۷")
    page.fill("#id_starts_on", "۱۴۰۵/۱۰/۰۱")
    page.fill("#id_ends_on", "۱۴۰۸/۰۹/۳۰")
    screenshot(page, "agreement-form-fa")
    page.click("form.card button[type=submit]")
    page.wait_for_url("**/fa/agreements/*/")

    agreement = Agreement.objects.get(title_en__startswith="Research cooperation")
    assert agreement.signed_on == jdatetime.date(1405, 9, 7).togregorian()
    assert agreement.ends_on == jdatetime.date(1408, 9, 30).togregorian()
    assert "۷ آذر ۱۴۰۵" in page.inner_text("main")
    screenshot(page, "agreement-detail-fa")

    page.goto("/fa/agreements/")
    page.fill("#id_q", "همكاري پژوهشي با دانشگاه كوفه")  # Arabic kaf and yeh
    page.click("form[role=search] button[type=submit]")
    page.wait_for_load_state()
    rows = page.locator("table tbody tr")
    assert rows.count() == 1
    assert "دانشگاه کوفه" in rows.first.inner_text()
    screenshot(page, "agreement-search-fa")
