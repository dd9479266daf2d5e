"""The top bar's search box from the keyboard: "/" reaches it, Enter searches, results are links."""

import pytest

from intlaffairs.roles import Role

from ..factories import AgreementFactory, InstitutionFactory


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_officer_searches_from_the_top_bar_with_the_keyboard(new_context, make_user):
    partner = InstitutionFactory(name_fa="دانشگاه کوفه", name_en="University of Kufa")
    agreement = AgreementFactory(title_fa="تفاهم‌نامهٔ کوفه", partners=[partner])
    page = new_context(make_user(Role.OFFICER), bypass_csp=False).new_page()
    page.goto("/fa/dashboard/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "portal-search-q"
    page.keyboard.type("كوفه")  # Arabic kaf
    page.keyboard.press("Enter")
    page.wait_for_url("**/fa/search/?q=*")
    kinds = page.locator("main section[data-kind]")
    assert [kinds.nth(n).get_attribute("data-kind") for n in range(kinds.count())] == [
        "agreements",
        "institutions",
    ]
    link = page.locator(f'main a[href="/fa/agreements/{agreement.pk}/"]')
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/fa/agreements/{agreement.pk}/")
