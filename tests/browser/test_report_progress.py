"""The report page polls with htmx under the portal's real CSP and shows the download when ready."""

import pytest
from django.core.files.base import ContentFile

from intlaffairs.models import ReportRequest
from intlaffairs.roles import Role


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_progress_bar_turns_into_a_download_link(new_context, make_user, screenshot):
    manager = make_user(Role.MANAGER)
    report = ReportRequest.objects.create(
        kind="agreements", language="fa", requested_by=manager, status="running", progress=40
    )
    context = new_context(manager, bypass_csp=False)  # htmx must work under our CSP
    violations = []
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"/fa/reports/{report.pk}/")
    assert page.locator("progress#report-bar").get_attribute("value") == "40"
    screenshot(page, "report-progress-fa")

    ReportRequest.objects.filter(pk=report.pk).update(progress=80)
    page.wait_for_selector("progress#report-bar[value='80']", timeout=10_000)
    report.file.save("r.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    ReportRequest.objects.filter(pk=report.pk).update(
        status="done", progress=100, pages=3, file=report.file.name
    )
    page.wait_for_selector(f"a[href='/fa/reports/{report.pk}/download/']", timeout=10_000)
    screenshot(page, "report-ready-fa")
    assert violations == []
