"""An agreement already signed, recorded by a manager in one step: created, its signed copy
attached and moved to active through the workflow, one history row a step."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from agreements import services
from agreements.models import Agreement
from intlaffairs.models import StateChange

from ..factories import InstitutionFactory
from ..students.helpers import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """The signed copies go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path


URL = "/en/agreements/new/signed/"
PDF = PDF_BYTES


def form_data(partner, **changes) -> dict:
    data = {
        "title_en": "Joint research with Baghdad",
        "title_fa": "پژوهش مشترک با بغداد",
        "title_ckb": "",
        "partners": [partner.pk],
        "type": "mou",
        "signed_on": "2026-01-05",
        "starts_on": "2026-01-05",
        "ends_on": "2029-01-04",
        "file_title": "Signed MoU",
        "file": SimpleUploadedFile("mou.pdf", PDF, content_type="application/pdf"),
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def test_a_manager_records_a_signed_agreement_as_active_with_a_history_row_a_step(client, manager):
    partner = InstitutionFactory()
    client.force_login(manager)
    assert "Record a signed agreement" in client.get("/en/agreements/").content.decode()
    response = client.post(URL, form_data(partner))
    agreement = Agreement.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{agreement.pk}/")
    assert agreement.status == Agreement.Status.ACTIVE
    assert list(agreement.partners.all()) == [partner]
    assert agreement.files.get().title == "Signed MoU"
    rows = StateChange.objects.filter(object_id=agreement.pk, content_type__model="agreement")
    moves = list(
        rows.exclude(from_state="").order_by("at", "pk").values_list("from_state", "to_state", "by")
    )
    assert moves == [
        ("draft", "negotiation", manager.pk),
        ("negotiation", "awaiting_signature", manager.pk),
        ("awaiting_signature", "active", manager.pk),
    ]


def test_an_officer_cannot_record_a_signed_agreement(client, officer):
    partner = InstitutionFactory()
    client.force_login(officer)
    assert "Record a signed agreement" not in client.get("/en/agreements/").content.decode()
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data(partner)).status_code == 403
    assert not Agreement.objects.exists()


def test_the_service_records_each_step_as_already_signed(manager):
    with translation.override("en"):
        agreement = services.agreement_record_signed(
            agreement=Agreement(
                title_en="x", type="mou", signed_on=date(2026, 1, 5), ends_on=date(2029, 1, 4)
            ),
            partners=[InstitutionFactory()],
            scopes=[],
            initiators=[],
            upload=SimpleUploadedFile("mou.pdf", PDF),
            file_title="Signed MoU",
            by=manager,
        )
    assert agreement.status == Agreement.Status.ACTIVE
    steps = agreement.moves.exclude(from_state="").order_by("at", "id")
    notes = list(steps.values_list("to_state", "note"))
    assert notes == [
        (state, "Recorded as already signed.")
        for state in ("negotiation", "awaiting_signature", "active")
    ]


def test_the_service_refuses_an_officer_too(officer):
    with (
        translation.override("en"),
        pytest.raises(
            ValidationError,
            match=r"^\['Only an office manager can activate or terminate an agreement\.'\]$",
        ),
    ):
        services.agreement_record_signed(
            agreement=Agreement(title_en="x", type="mou"),
            partners=[],
            scopes=[],
            initiators=[],
            upload=SimpleUploadedFile("mou.pdf", PDF),
            file_title="x",
            by=officer,
        )
    assert not Agreement.objects.exists()


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"signed_on": ""}, "This field is required."),
        ({"file": None}, "This field is required."),
        ({"ends_on": "2025-01-01"}, "The end date must not be before the signing date."),
        (
            {"file": SimpleUploadedFile("mou.pdf", b"not a pdf", content_type="application/pdf")},
            "PDF",
        ),
    ],
)
def test_a_bad_signed_agreement_changes_nothing_and_keeps_what_was_typed(
    client, manager, changes, error
):
    partner = InstitutionFactory()
    client.force_login(manager)
    response = client.post(URL, form_data(partner, **changes))
    assert response.status_code == 200
    page = response.content.decode()
    assert error in page
    assert "Joint research with Baghdad" in page  # what was typed is still there
    assert not Agreement.objects.exists()
    assert not StateChange.objects.filter(content_type__model="agreement").exists()
