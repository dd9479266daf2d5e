"""The lists the office works in, in the browser: stage tabs that stay on a phone's screen,
rows ticked and moved together, the confirmation and the result pages accessible (axe) in
every language."""

import json
import subprocess

import pytest
from django.test import Client

from intlaffairs import workflow
from intlaffairs.models import StateChange
from intlaffairs.roles import Role
from students.models import Application, Stage

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
    # The six recruitment sections (applications, programs, fees, agents, procedures,
    # recognition), "All" and every stage but the draft (which the office never sees).
    assert len(tabs) == 6 + 1 + len(Stage.values) - 1
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
    # The menu's badge, loaded after the page: three new applications, their documents to check.
    page.get_by_test_id("desk-count").wait_for()
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


@pytest.mark.django_db
def test_w3c_checker_finds_no_error_in_the_confirmation_and_result_pages(
    make_user, vnu_command, tmp_path
):
    """The bulk pages answer a POST, so the checked pages' list (pages.py, GET) cannot hold
    them: their HTML in each language goes to the checker here."""
    officer = make_user(Role.OFFICER)
    program = make_program()
    chosen = []
    for _ in range(2):
        applicant = make_user(Role.APPLICANT)
        chosen.append(workflow.move(complete_draft(applicant, program), "submit", by=applicant))
    client = Client()
    client.force_login(officer)
    files = []
    for language in LANGUAGES:
        url = f"/{language}/move/students.application/selected/"
        posted = {"transition": "withdraw", "record": [a.pk for a in chosen], "next": "/"}
        for name, data in [("confirm", posted), ("result", {**posted, "confirm": "1"})]:
            response = client.post(url, data)
            assert response.status_code == 200
            path = tmp_path / f"bulk-{name}-{language}.html"
            path.write_bytes(response.content)
            files.append(path)
    # The first language withdrew them: the others show the refusals and their reasons.
    assert Application.objects.filter(stage="withdrawn").count() == 2
    result = subprocess.run(
        [*vnu_command, "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    assert not [
        f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
    ]
