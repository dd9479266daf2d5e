"""Language certificates: score rules, uploads checked by content, verification, the registry."""

import io
import itertools
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import translation
from PIL import Image

from incentives import services
from incentives.models import Certificate, Profile
from intlaffairs.models import Unit
from intlaffairs.roles import Role
from intlaffairs.workflow import allowed, move

from ..students.helpers import PDF_BYTES

pytestmark = pytest.mark.django_db

PDF = PDF_BYTES


@pytest.fixture(autouse=True)
def _english():
    """Refusals are matched by their English wording."""
    with translation.override("en"):
        yield


TRF_SERIAL = itertools.count(1)


def png(width=20, height=20) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, "PNG")
    return buffer.getvalue()


def certificate(person, test="ielts_academic", overall="6.5", **scores) -> Certificate:
    trf_number = f"26IR{next(TRF_SERIAL):06d}KERA001A" if test.startswith("ielts") else ""
    return Certificate(
        person=person,
        test=test,
        overall=Decimal(overall),
        taken_on=date(2026, 5, 1),
        trf_number=trf_number,
        **scores,
    )


SCALE_ERRORS = {
    "ielts_academic": "An IELTS band is between 0 and 9, in steps of 0.5.",
    "toefl_ibt": "A TOEFL iBT total is a whole number from 0 to 120.",
}


@pytest.mark.parametrize(
    ("test", "overall", "ok"),
    [
        ("ielts_academic", "5.0", True),
        ("ielts_academic", "9.0", True),
        ("ielts_general", "6.5", True),
        ("ielts_academic", "6.3", False),
        ("ielts_academic", "9.5", False),
        ("toefl_ibt", "120", True),
        ("toefl_ibt", "121", False),
        ("toefl_ibt", "95.5", False),
    ],
)
def test_scores_follow_each_tests_scale(faculty, test, overall, ok, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = certificate(faculty, test=test, overall=overall)
    upload = SimpleUploadedFile("c.pdf", PDF)
    if ok:
        services.certificate_add(certificate=item, upload=upload, by=faculty)
        assert Certificate.objects.count() == 1
    else:
        with pytest.raises(ValidationError) as refused:
            services.certificate_add(certificate=item, upload=upload, by=faculty)
        assert refused.value.message_dict == {"overall": [SCALE_ERRORS[test]]}
        assert not Certificate.objects.exists()


def test_section_scores_are_checked_too(faculty):
    with pytest.raises(ValidationError) as error:
        certificate(faculty, test="toefl_ibt", overall="100", speaking=Decimal("31")).full_clean(
            exclude=["file"]
        )
    assert error.value.message_dict == {
        "speaking": ["A TOEFL iBT section score is a whole number from 0 to 30."]
    }


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("scan.pdf", b"<html><script>alert(1)</script></html>"),  # HTML renamed .pdf
        ("scan.png", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
        ("scan.png", b"\x89PNG\r\n\x1a\n" + b"<html>not really a png"),  # polyglot header
    ],
)
def test_hostile_uploads_are_refused(faculty, name, content):
    refusal = "The image could not be read." if content.startswith(b"\x89PNG") else "Upload a PDF"
    with pytest.raises(ValidationError, match=re.escape(refusal)):
        services.certificate_add(
            certificate=certificate(faculty), upload=SimpleUploadedFile(name, content), by=faculty
        )
    assert not Certificate.objects.exists()


def test_a_real_image_is_accepted_and_served_as_an_attachment(client, faculty, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(faculty)
    response = client.post(
        "/en/incentives/certificates/new/",
        {
            "test": "ielts_academic",
            "trf_number": "26IR000001KERA001A",
            "overall": "7.0",
            "taken_on": "2026-05-01",
            "upload": SimpleUploadedFile("scan.png", png()),
        },
    )
    item = Certificate.objects.get()
    assert response.headers["Location"] == f"/en/incentives/certificates/{item.pk}/"
    assert item.person == faculty
    download = client.get(f"/en/incentives/certificates/{item.pk}/file/")
    assert download["Content-Type"] == "image/png"
    assert download["Content-Disposition"].startswith("attachment")


def test_a_bad_score_is_explained_and_nothing_is_saved(client, faculty):
    client.force_login(faculty)
    response = client.post(
        "/en/incentives/certificates/new/",
        {
            "test": "ielts_academic",
            "trf_number": "26IR000001KERA001A",
            "overall": "6.3",
            "taken_on": "2026-05-01",
            "upload": SimpleUploadedFile("scan.pdf", PDF),
        },
    )
    assert "An IELTS band is between 0 and 9, in steps of 0.5." in response.content.decode()
    assert not Certificate.objects.exists()


def test_staff_verify_but_not_their_own(officer, make_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    own = services.certificate_add(
        certificate=certificate(officer), upload=SimpleUploadedFile("c.pdf", PDF), by=officer
    )
    for step in ("verify", "reject"):
        with pytest.raises(ValidationError, match="Nobody verifies their own certificate"):
            move(own, step, by=officer, note="looks fine")
    assert allowed(own, officer) == []  # not theirs: no button at all
    colleague = make_user(Role.OFFICER)
    own = move(own, "verify", by=colleague)
    assert own.status == "verified"
    assert list(own.moves.values_list("from_state", "to_state", "by")) == [
        ("", "pending", officer.pk),
        ("pending", "verified", colleague.pk),
    ]


def test_a_certificate_can_be_rejected_and_its_owner_reads_why(
    client, faculty, officer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    item = services.certificate_add(
        certificate=certificate(faculty), upload=SimpleUploadedFile("c.pdf", PDF), by=faculty
    )
    client.force_login(officer)
    url = f"/en/move/incentives.certificate/{item.pk}/reject/"
    assert url in client.get(item.get_absolute_url()).content.decode()
    prefix = f"certificate-{item.pk}-reject"
    assert client.post(url, {f"{prefix}-note": ""}).status_code == 200  # a reason is needed
    item.refresh_from_db()
    assert item.status == "pending"
    response = client.post(url, {f"{prefix}-note": "The test centre has no such result."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "rejected"
    client.force_login(faculty)
    page = client.get(item.get_absolute_url()).content.decode()
    assert "The test centre has no such result." in page
    assert url not in page  # the owner reads it, and takes no step


def test_a_verification_goes_back_to_review_only_while_no_claim_rests_on_it(
    faculty, officer, manager, settings, tmp_path
):
    from incentives.models import Claim

    settings.MEDIA_ROOT = tmp_path
    item = services.certificate_add(
        certificate=certificate(faculty), upload=SimpleUploadedFile("c.pdf", PDF), by=faculty
    )
    item = move(item, "verify", by=officer)
    claim = services.claim_submit(
        claim=Claim(certificate=item, exam_fee=Decimal(4_000_000)),
        upload=SimpleUploadedFile("r.pdf", PDF),
        by=faculty,
    )
    with pytest.raises(ValidationError, match="A claim rests on this certificate"):
        move(item, "back_to_review", by=manager, note="stray click")
    move(claim, "reject", by=officer, note="Wrong receipt")
    item = move(item, "back_to_review", by=manager, note="stray click")
    assert item.status == "pending"


def test_a_faculty_member_sees_only_their_own_certificates(
    client, faculty, make_user, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    other = make_user(Role.FACULTY)
    theirs = services.certificate_add(
        certificate=certificate(other), upload=SimpleUploadedFile("c.pdf", PDF), by=other
    )
    client.force_login(faculty)
    assert client.get(f"/en/incentives/certificates/{theirs.pk}/").status_code == 404
    assert client.get(f"/en/incentives/certificates/{theirs.pk}/file/").status_code == 404


def test_the_registry_filters_by_unit_and_score_and_counts_by_unit(
    client, officer, make_user, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    medicine = Unit.objects.create(name_fa="دانشکدهٔ پزشکی", name_en="School of Medicine")
    dentistry = Unit.objects.create(name_fa="دانشکدهٔ دندان‌پزشکی", name_en="School of Dentistry")
    for unit, score, email in (
        (medicine, "7.0", "a@x.org"),
        (medicine, "5.5", "b@x.org"),
        (dentistry, "6.5", "c@x.org"),
    ):
        person = make_user(Role.FACULTY, email=email, full_name=email)
        Profile.objects.create(user=person, unit=unit, rank="assistant")
        services.certificate_add(
            certificate=certificate(person, overall=score),
            upload=SimpleUploadedFile("c.pdf", PDF),
            by=person,
        )
    client.force_login(officer)
    response = client.get("/en/incentives/certificates/", {"unit": medicine.pk, "minimum": "6.5"})
    rows = [str(c.person) for c in response.context["page"].object_list]
    assert rows == ["a@x.org"]
    everyone = client.get("/fa/incentives/certificates/")
    assert dict(everyone.context["by_unit"]) == {medicine: 2, dentistry: 1}
    assert "دانشکدهٔ دندان‌پزشکی" in everyone.content.decode()


# --- The IELTS Test Report Form number


def test_an_ielts_certificate_needs_its_trf_number_and_other_tests_do_not(
    faculty, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    ielts = certificate(faculty)
    ielts.trf_number = ""
    with pytest.raises(ValidationError) as error:
        services.certificate_add(
            certificate=ielts, upload=SimpleUploadedFile("c.pdf", PDF), by=faculty
        )
    assert "Enter the Test Report Form number" in str(error.value.message_dict["trf_number"])
    toefl = certificate(faculty, test="toefl_ibt", overall="100")
    services.certificate_add(certificate=toefl, upload=SimpleUploadedFile("c.pdf", PDF), by=faculty)
    assert toefl.trf_number == ""


def test_a_trf_number_is_stored_as_printed(faculty, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = certificate(faculty)
    item.trf_number = "۲۶ir ۰۰۰۰۴۲ kera001a"
    services.certificate_add(certificate=item, upload=SimpleUploadedFile("c.pdf", PDF), by=faculty)
    assert Certificate.objects.get().trf_number == "26IR000042KERA001A"


def test_a_trf_number_is_recorded_once(client, faculty, make_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    first = certificate(faculty)
    services.certificate_add(certificate=first, upload=SimpleUploadedFile("c.pdf", PDF), by=faculty)
    other = make_user(Role.FACULTY)
    client.force_login(other)
    assert 'name="trf_number"' in client.get("/en/incentives/certificates/new/").content.decode()
    response = client.post(
        "/en/incentives/certificates/new/",
        {
            "test": "ielts_general",
            "overall": "6.0",
            "taken_on": "2026-05-01",
            "trf_number": first.trf_number.lower(),
            "upload": SimpleUploadedFile("scan.pdf", PDF),
        },
    )
    page = response.content.decode()
    assert "A certificate with this Test Report Form number is already recorded." in page
    assert Certificate.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            person=other,
            test="ielts_general",
            overall=Decimal("6.0"),
            taken_on=date(2026, 5, 1),
            trf_number=first.trf_number,
        )
