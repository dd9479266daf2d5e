"""An officer signs in by the form (password, then the app's code) in each language, sees a
Jalali date, switches language."""

import re

import pytest

from intlaffairs.roles import Role

from ..factories import PASSWORD, totp_code

PERSIAN_DIGITS = re.compile("[\u06f0-\u06f9]")
ARABIC_INDIC_DIGITS = re.compile("[\u0660-\u0669]")
ASCII_DIGITS = re.compile("[0-9]")

EXPECTED = {
    "fa": ("rtl", PERSIAN_DIGITS, "ckb"),
    "en": ("ltr", ASCII_DIGITS, "fa"),
    "ckb": ("rtl", ARABIC_INDIC_DIGITS, "ar"),
    "ar": ("rtl", ARABIC_INDIC_DIGITS, "en"),
}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("language", ["fa", "en", "ckb", "ar"])
def test_officer_signs_in_sees_jalali_date_and_switches_language(
    language, new_context, make_user, screenshot
):
    direction, digits, switch_to = EXPECTED[language]
    officer = make_user(Role.OFFICER, preferred_language=language)
    page = new_context().new_page()

    page.goto(f"/{language}/accounts/login/")
    page.fill("input[name=login]", officer.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action$='/accounts/login/'] button[type=submit]")
    page.wait_for_url(f"**/{language}/accounts/2fa/authenticate/")
    page.fill("input[name=code]", totp_code(officer.totp_secret))
    page.click("form[action$='/2fa/authenticate/'] button[type=submit]")
    page.wait_for_url(f"**/{language}/dashboard/")

    html = page.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == direction
    today = page.get_by_test_id("today").inner_text()
    assert digits.search(today), today
    other_scripts = {PERSIAN_DIGITS, ARABIC_INDIC_DIGITS, ASCII_DIGITS} - {digits}
    assert not any(pattern.search(today) for pattern in other_scripts), today
    screenshot(page, f"officer-dashboard-{language}")

    page.click("#language-menu")
    page.click(f"button[name=language][value={switch_to}]")
    page.wait_for_url(f"**/{switch_to}/dashboard/")
    assert page.locator("html").get_attribute("lang") == switch_to
    officer.refresh_from_db()
    assert officer.preferred_language == switch_to


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_numbered_lists_count_in_the_pages_digits_and_bootstraps_lists_stay_unnumbered(
    new_context, make_user
):
    page = new_context(make_user(Role.OFFICER)).new_page()
    expected = {"fa": "persian", "ckb": "arabic-indic", "ar": "arabic-indic", "en": "decimal"}
    for language, numbers in expected.items():
        page.goto(f"/{language}/dashboard/")
        styles = page.evaluate(
            """() => ['', 'breadcrumb', 'list-unstyled'].map(name => {
                const list = document.createElement('ol');
                list.className = name;
                document.querySelector('main').append(list);
                return getComputedStyle(list).listStyleType;
            })"""
        )
        assert styles == [numbers, "none", "none"], language
