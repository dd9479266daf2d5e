"""The lists the office works in, in the browser: stage tabs that stay on a phone's screen,
rows ticked and moved together, the confirmation and the result pages accessible (axe) in
every language."""

import pytest

from intlaffairs import workflow
from intlaffairs.models import StateChange
from intlaffairs.roles import Role
from students.models import Application

from ..students.helpers import complete_draft, make_program
from .pages import LANGUAGES, sample_content
from .test_layout import INSIDE, assert_fits

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 360, "height": 800}


def axe_violations(page, axe_source) -> list[str]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{page.url}: {v['id']} {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_stage_tabs_stay_on_a_phones_screen(language, new_context, make_user, screenshot):
    officer = make_user(Role.OFFICER)
    sample_content(officer)
    page = new_context(officer).new_page()
    page.set_viewport_size(PHONE)
    page.goto(f"/{language}/students/applications/?stage=enrolled")
    screenshot(page, f"tabs-{language}-360")
    assert_fits(page, "applications")
    tabs = page.locator("main .portal-tabs .nav-link").all()
    assert len(tabs) == 5 + 12  # the recruitment sections, "All" and the 11 stages
    for tab in tabs:
        assert tab.evaluate(INSIDE), tab.inner_text()
    assert page.locator("main .portal-tabs .nav-link.active").count() == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_officer_ticks_rows_and_moves_them_together(
    language, new_context, make_user, axe_source, screenshot
):
    officer = make_user(Role.OFFICER)
    program = make_program()
    for _ in range(3):
        applicant = make_user(Role.APPLICANT)
        workflow.move(complete_draft(applicant, program), "submit", by=applicant)
    page = new_context(officer).new_page()
    page.goto(f"/{language}/students/applications/?stage=submitted")
    page.locator("[data-select-all='record']").check()
    boxes = page.locator("input[name='record']")
    assert boxes.count() == 3
    assert all(box.is_checked() for box in boxes.all())
    page.get_by_test_id("bulk-transition").select_option("start_check")
    page.get_by_test_id("bulk-continue").click()
    page.get_by_test_id("bulk-confirm").wait_for()
    screenshot(page, f"bulk-confirm-{language}")
    failures = axe_violations(page, axe_source)
    assert StateChange.objects.filter(transition="start_check").count() == 0
    page.get_by_test_id("bulk-confirm").click()
    page.get_by_test_id("bulk-result").wait_for()
    screenshot(page, f"bulk-result-{language}")
    failures += axe_violations(page, axe_source)
    assert page.get_by_test_id("bulk-done").locator("li").count() == 3
    assert page.get_by_test_id("bulk-refused").count() == 0
    assert Application.objects.filter(stage="document_check").count() == 3
    assert StateChange.objects.filter(transition="start_check", by=officer).count() == 3
    assert not failures, "\n".join(failures)
