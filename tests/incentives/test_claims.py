"""IELTS reimbursement: the 5.0 rule in the service, once per certificate, the cap, the workflow."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from incentives import services
from incentives.models import Certificate, Claim, Policy
from intlaffairs.jalali import to_local_digits
from intlaffairs.roles import Role

from ..students.helpers import PDF_BYTES

pytestmark = pytest.mark.django_db
PDF = PDF_BYTES


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def verified_certificate(person, overall="5.0", test="ielts_academic") -> Certificate:
    item = Certificate(
        person=person,
        test=test,
        overall=Decimal(overall),
        taken_on=date(2026, 3, 1),
        verified_at=timezone.now(),
    )
    item.file.save("c.pdf", SimpleUploadedFile("c.pdf", PDF), save=True)
    return item


def submit(person, certificate=None, exam_fee=0, course_fee=0) -> Claim:
    return services.claim_submit(
        claim=Claim(
            certificate=certificate, exam_fee=Decimal(exam_fee), course_fee=Decimal(course_fee)
        ),
        upload=SimpleUploadedFile("receipt.pdf", PDF),
        by=person,
    )


def test_a_band_of_5_0_is_reimbursed_and_4_5_is_not(faculty):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        submit(faculty, verified_certificate(faculty, "4.5"), exam_fee=5_000_000)
    assert "5.0" in str(error.value) and "4.5" in str(error.value)
    claim = submit(faculty, verified_certificate(faculty, "5.0"), exam_fee=5_000_000)
    assert claim.status == "submitted"
    assert Claim.objects.count() == 1


def test_the_exam_fee_of_a_certificate_is_claimed_once(faculty):
    certificate = verified_certificate(faculty, "6.5")
    submit(faculty, certificate, exam_fee=5_000_000)
    with pytest.raises(ValidationError):
        submit(faculty, certificate, exam_fee=5_000_000)
    assert Claim.objects.count() == 1


def test_an_unverified_or_someone_elses_certificate_does_not_count(faculty, make_user):
    unverified = verified_certificate(faculty, "7.0")
    unverified.verified_at = None
    unverified.save()
    with pytest.raises(ValidationError):
        submit(faculty, unverified, exam_fee=1)
    other = make_user(Role.FACULTY)
    with pytest.raises(ValidationError):
        submit(faculty, verified_certificate(other, "7.0"), exam_fee=1)


def test_the_course_fee_is_capped_by_the_managers_policy(faculty):
    policy = Policy.current()
    policy.course_fee_cap = Decimal("10000000")
    policy.save()
    with pytest.raises(ValidationError):
        submit(faculty, course_fee=10_000_001)
    assert submit(faculty, course_fee=10_000_000).total == Decimal("10000000")
    assert policy.history.count() >= 2  # each change of the policy is kept


def test_the_workflow_roles_and_the_claimants_mail_in_their_language(
    faculty, officer, manager, django_capture_on_commit_callbacks
):
    faculty.preferred_language = "ckb"
    faculty.save()
    with django_capture_on_commit_callbacks(execute=True):
        claim = submit(faculty, verified_certificate(faculty, "6.0"), exam_fee=4_000_000)
        services.claim_advance(claim=claim, to_status="verified", by=officer)
        with pytest.raises(ValidationError):
            services.claim_advance(claim=claim, to_status="approved", by=officer)
        services.claim_advance(claim=claim, to_status="approved", by=manager)
        with pytest.raises(ValidationError):
            services.claim_advance(claim=claim, to_status="paid", by=officer)  # no reference
        services.claim_advance(
            claim=claim,
            to_status="paid",
            by=officer,
            paid_on=date(2026, 11, 1),
            reference="TRX-1405-77",
        )
    claim.refresh_from_db()
    assert claim.status == "paid" and claim.payment_reference == "TRX-1405-77"
    assert list(claim.steps.values_list("status", flat=True)) == [
        "submitted",
        "verified",
        "approved",
        "paid",
    ]
    assert len(mail.outbox) == 4
    with translation.override("ckb"):
        expected = translation.gettext("Your reimbursement claim #%(number)s: %(status)s") % {
            "number": to_local_digits(claim.pk),
            "status": Claim.Status.PAID.label,
        }
    assert mail.outbox[-1].subject == expected


def test_a_rejection_needs_a_reason(faculty, officer):
    claim = submit(faculty, course_fee=1_000_000)
    with pytest.raises(ValidationError):
        services.claim_advance(claim=claim, to_status="rejected", by=officer)
    services.claim_advance(claim=claim, to_status="rejected", by=officer, note="Receipt unreadable")
    claim.refresh_from_db()
    assert claim.rejection_reason == "Receipt unreadable"


def test_a_faculty_member_sees_only_their_own_claims(client, faculty, make_user):
    other = make_user(Role.FACULTY)
    theirs = submit(other, course_fee=1_000)
    mine = submit(faculty, course_fee=2_000)
    client.force_login(faculty)
    assert client.get(f"/en/incentives/claims/{mine.pk}/").status_code == 200
    assert client.get(f"/en/incentives/claims/{theirs.pk}/").status_code == 404
    assert client.get(f"/en/incentives/claims/{theirs.pk}/receipts/").status_code == 404
    html = client.get("/en/incentives/claims/").content.decode()
    assert f"#{mine.pk}<" in html and f"#{theirs.pk}<" not in html


def test_a_refused_claim_through_the_page_explains_itself(client, faculty):
    certificate = verified_certificate(faculty, "4.5")
    client.force_login(faculty)
    response = client.post(
        "/en/incentives/claims/new/",
        {
            "certificate": certificate.pk,
            "exam_fee": "5000000",
            "course_fee": "0",
            "upload": SimpleUploadedFile("r.pdf", PDF),
        },
    )
    assert response.status_code == 200
    assert "overall band of 5.0" in response.content.decode()
    assert not Claim.objects.exists()


def test_a_student_mentor_claims_too(mentor, officer):
    claim = submit(mentor, verified_certificate(mentor, "5.5"), exam_fee=4_000_000)
    services.claim_advance(claim=claim, to_status="verified", by=officer)
    assert Claim.objects.get().claimant == mentor
