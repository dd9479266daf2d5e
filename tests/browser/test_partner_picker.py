"""The agreement form's partner picker under the portal's strict CSP: search on the server
(letters in any form), pick with the keyboard, add a missing institution from the dialog
(its errors shown, what was typed kept), save; and a manager's already signed agreement
recorded in one step."""

import pytest

from agreements.models import Agreement, Institution
from intlaffairs.models import StateChange
from intlaffairs.roles import Role

from ..factories import InstitutionFactory
from ..students.helpers import PDF_BYTES
from .test_lists_people_work_in import axe_violations

PDF = PDF_BYTES


def csp_violations(page) -> list[str]:
    """The page's console errors about the Content Security Policy, as they come."""
    found: list[str] = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


def pick(page, typed: str, shown: str) -> None:
    """Type into the picker, wait for the server's option and take it with the keyboard."""
    control = page.locator("#id_partners-ts-control")
    control.click()
    control.fill(typed)
    page.locator(".ts-dropdown .option", has_text=shown).wait_for()
    page.keyboard.press("Enter")
    page.locator(".ts-control .item", has_text=shown).wait_for()
    page.keyboard.press("Escape")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_officer_picks_a_partner_and_adds_a_missing_one_without_leaving_the_form(
    new_context, make_user, screenshot
):
    officer = make_user(Role.OFFICER)
    kufa = InstitutionFactory(name_fa="دانشگاه كوفه", name_en="University of Kufa")  # Arabic kaf
    InstitutionFactory(name_fa="دانشکده موصل", name_en="Mosul College")
    page = new_context(officer, bypass_csp=False).new_page()
    violations = csp_violations(page)
    page.goto("/en/agreements/new/")
    page.fill("#id_title_en", "Research with Kufa and Basra")
    page.fill("#id_title_fa", "پژوهش با کوفه و بصره")
    page.select_option("#id_type", "research")
    pick(page, "کوفه", "University of Kufa")  # typed with the Persian keh
    assert page.locator(".ts-dropdown .option", has_text="Mosul College").count() == 0

    page.click("[data-picker-opens=id_partners]")
    dialog = page.locator("#institution-dialog")
    dialog.wait_for(state="visible")
    # Shown: the dialog has put the focus on its first box (typing before would land there).
    page.locator("#id_institution-name_fa:focus").wait_for()
    page.fill("#id_institution-name_en", "University of Basra")
    page.fill("#id_institution-city", "Basra")
    dialog.locator("button[type=submit]").click()
    dialog.locator("#id_institution-name_fa-error", has_text="This field is required.").wait_for()
    assert page.locator("#id_institution-name_fa").get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "id_institution-name_fa"
    assert page.input_value("#id_institution-city") == "Basra"  # what was typed stays
    assert not Institution.objects.filter(city="Basra").exists()
    screenshot(page, "partner-picker-dialog-errors")
    page.fill("#id_institution-name_fa", "دانشگاه بصره")
    page.select_option("#id_institution-country", "IQ")
    dialog.locator("button[type=submit]").click()
    dialog.wait_for(state="hidden")
    page.locator(".ts-control .item", has_text="University of Basra").wait_for()
    screenshot(page, "partner-picker-picked")

    page.click("form.card button[type=submit]")
    page.wait_for_url("**/en/agreements/*/")
    agreement = Agreement.objects.get(title_en="Research with Kufa and Basra")
    basra = Institution.objects.get(name_en="University of Basra", city="Basra")
    assert set(agreement.partners.all()) == {kufa, basra}
    assert violations == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_manager_records_an_already_signed_agreement_in_one_step(
    new_context, make_user, screenshot, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    manager = make_user(Role.MANAGER)
    InstitutionFactory(name_fa="دانشگاه بغداد", name_en="University of Baghdad")
    page = new_context(manager, bypass_csp=False).new_page()
    violations = csp_violations(page)
    page.goto("/en/agreements/")
    page.get_by_role("link", name="Record a signed agreement").click()
    page.wait_for_url("**/en/agreements/new/signed/")
    page.fill("#id_title_en", "Signed MoU with Baghdad")
    page.fill("#id_title_fa", "تفاهم‌نامهٔ امضاشده با بغداد")
    page.select_option("#id_type", "mou")
    pick(page, "baghdad", "University of Baghdad")
    page.fill("#id_signed_on", "2026-01-05")
    page.fill("#id_ends_on", "2029-01-04")
    page.fill("#id_file_title", "The signed MoU")
    page.set_input_files(
        "#id_file", files=[{"name": "mou.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    screenshot(page, "agreement-signed-form")
    page.click("form.card button[type=submit]")
    page.wait_for_url("**/en/agreements/*/")
    assert "The signed agreement has been recorded as active." in page.inner_text("main")
    agreement = Agreement.objects.get(title_en="Signed MoU with Baghdad")
    assert agreement.status == Agreement.Status.ACTIVE
    steps = StateChange.objects.filter(
        content_type__model="agreement", object_id=agreement.pk
    ).exclude(from_state="")
    assert steps.count() == 3
    assert agreement.files.get().title == "The signed MoU"
    assert violations == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_picker_reads_right_to_left_works_from_the_keyboard_and_passes_axe(
    new_context, make_user, axe_source, screenshot
):
    officer = make_user(Role.OFFICER)
    for name in ["دانشگاه بغداد", "دانشگاه بصره", "دانشگاه کوفه"]:
        InstitutionFactory(name_fa=name)
    page = new_context(officer).new_page()  # axe is injected: the CSP is bypassed here only
    page.goto("/fa/agreements/new/")
    assert page.locator(".ts-wrapper.rtl").count() == 1
    control = page.locator("#id_partners-ts-control")
    control.focus()
    page.keyboard.type("دانشگاه")
    page.locator(".ts-dropdown .option", has_text="دانشگاه کوفه").wait_for()
    assert page.locator(".ts-dropdown .option").count() == 3
    assert control.get_attribute("aria-expanded") == "true"
    screenshot(page, "partner-picker-open-fa")
    failures = axe_violations(page, axe_source)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.locator(".ts-control .item").first.wait_for()
    page.keyboard.press("Escape")
    chosen = page.locator("#id_partners option:checked").all_inner_texts()
    assert len(chosen) == 1 and chosen[0].startswith("دانشگاه")
    page.click("[data-picker-opens=id_partners]")
    page.locator("#institution-dialog").wait_for(state="visible")
    page.locator("#id_institution-name_fa:focus").wait_for()
    failures += axe_violations(page, axe_source)
    page.keyboard.press("Escape")
    page.locator("#institution-dialog").wait_for(state="hidden")
    assert not failures, "\n".join(failures)
