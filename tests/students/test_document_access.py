"""Who downloads an application's documents: the same rule as the application page
(`Application.objects.visible_to`), and a replaced upload only from the history of its document."""

import pytest

from intlaffairs import workflow
from students import services
from students.models import Document

from .helpers import complete_draft, make_program, pdf

pytestmark = pytest.mark.django_db


def passport_of(application) -> Document:
    return application.documents.get(type__code="passport", replaced=False)


def download(pk: int) -> str:
    return f"/en/students/documents/{pk}/"


def earlier(pk: int) -> str:
    return f"/en/students/documents/earlier/{pk}/"


def test_an_officer_cannot_download_a_drafts_documents_but_the_applicant_can(
    client, applicant, officer
):
    draft = complete_draft(applicant, make_program())
    document = passport_of(draft)
    client.force_login(officer)
    assert client.get(f"/en/students/applications/{draft.pk}/").status_code == 404
    assert client.get(download(document.pk)).status_code == 404
    assert client.get(download(document.pk) + "?preview=1").status_code == 404
    response = client.post(f"{download(document.pk)}review/", {"verified": "True"})
    assert response.status_code == 404
    document.refresh_from_db()
    assert document.status == Document.Status.PENDING
    client.force_login(applicant)
    response = client.get(download(document.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_a_drafts_replaced_upload_is_the_applicants_alone(client, applicant, officer):
    draft = complete_draft(applicant, make_program())
    old = passport_of(draft)
    services.document_add(application=draft, doc_type=old.type, upload=pdf(), by=applicant)
    client.force_login(officer)
    assert client.get(earlier(old.pk)).status_code == 404
    client.force_login(applicant)
    assert client.get(earlier(old.pk)).status_code == 200


def test_a_replaced_upload_is_reached_only_from_the_history_of_its_document(
    client, applicant, officer
):
    application = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    old = passport_of(application)
    workflow.move(old, "reject", by=officer, note="Cut off.")
    new = services.document_add(
        application=application, doc_type=old.type, upload=pdf(), by=applicant
    )
    pages = {
        officer: f"/en/students/applications/{application.pk}/",
        applicant: f"/en/students/my/{application.pk}/documents/",
    }
    for user, page in pages.items():
        client.force_login(user)
        html = client.get(page).content.decode()
        assert f'href="{earlier(old.pk)}"' in html and f'href="{download(old.pk)}"' not in html
        assert client.get(download(old.pk)).status_code == 404
        assert client.get(earlier(old.pk)).status_code == 200
        assert client.get(earlier(new.pk)).status_code == 404
        response = client.get(download(new.pk))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
