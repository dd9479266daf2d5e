"""The plan's PDF: linked from the plans register and the edit form to a view that checks the
user's role, downloaded under a name built from the record, never from /media."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from intlaffairs.roles import Role
from strategy.models import Plan

from ..students.helpers import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = Plan(
        title_en="Plan 1406", title_fa="سند ۱۴۰۶", version=3, first_year=1406, last_year=1410
    )
    plan.file.save("my plan.pdf", SimpleUploadedFile("my plan.pdf", PDF_BYTES), save=True)
    return plan


def links_to_the_file(page: str, plan: Plan) -> list[str]:
    return re.findall(rf'href="([^"]*/plans/{plan.pk}/file/)"', page)


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.MANAGER, Role.OFFICER])
def test_office_staff_download_the_plan_pdf_from_the_links_on_the_register_and_the_form(
    role, client_as, plan
):
    client = client_as(role)
    listed = links_to_the_file(client.get("/en/strategy/plans/").content.decode(), plan)
    form = client.get(f"/en/strategy/plans/{plan.pk}/").content.decode()
    assert "/media" not in form and plan.file.name not in form
    assert listed and links_to_the_file(form, plan) == listed[:1]
    response = client.get(listed[0])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="internationalization-plan-v3-1406-1410.pdf"'
    )
    assert b"".join(response.streaming_content) == PDF_BYTES


@pytest.mark.parametrize(
    "role, status", [(None, 302), (Role.FACULTY, 403), (Role.MENTOR, 403), (Role.APPLICANT, 403)]
)
def test_others_cannot_download_the_plan_pdf(role, status, client_as, plan):
    response = client_as(role).get(f"/en/strategy/plans/{plan.pk}/file/")
    assert response.status_code == status
    assert not getattr(response, "streaming", False)


def test_a_plan_without_a_document_has_no_link_and_its_url_is_a_404(client_as):
    plan = Plan.objects.create(title_en="Draft", version=4, first_year=1406, last_year=1410)
    client = client_as(Role.MANAGER)
    assert not links_to_the_file(client.get("/en/strategy/plans/").content.decode(), plan)
    assert client.get(f"/en/strategy/plans/{plan.pk}/file/").status_code == 404
