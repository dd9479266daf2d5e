"""IELTS reimbursement: the 5.0 rule in the service, once per certificate, the cap, the workflow."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from incentives import services
from incentives.models import Certificate, Claim, Policy
from intlaffairs import held_uploads
from intlaffairs.jalali import to_local_digits
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


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def verified_certificate(person, overall="5.0", test="ielts_academic") -> Certificate:
    item = Certificate(
        person=person,
        test=test,
        overall=Decimal(overall),
        taken_on=date(2026, 3, 1),
        status=Certificate.Status.VERIFIED,
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
    with pytest.raises(
        ValidationError,
        match=r"Exam fees are paid from an overall band of 5\.0; this one has 4\.5\.",
    ):
        submit(faculty, verified_certificate(faculty, "4.5"), exam_fee=5_000_000)
    claim = submit(faculty, verified_certificate(faculty, "5.0"), exam_fee=5_000_000)
    assert claim.status == "submitted"
    assert Claim.objects.count() == 1


def test_the_exam_fee_of_a_certificate_is_claimed_once(faculty):
    certificate = verified_certificate(faculty, "6.5")
    submit(faculty, certificate, exam_fee=5_000_000)
    with pytest.raises(ValidationError, match="The exam fee of this certificate has already been"):
        submit(faculty, certificate, exam_fee=5_000_000)
    assert Claim.objects.count() == 1


def test_an_unverified_or_someone_elses_certificate_does_not_count(faculty, make_user):
    unverified = verified_certificate(faculty, "7.0")
    unverified.status = Certificate.Status.PENDING
    unverified.save()
    with pytest.raises(ValidationError, match="The certificate must be verified by the office"):
        submit(faculty, unverified, exam_fee=1)
    other = make_user(Role.FACULTY)
    with pytest.raises(ValidationError, match="An exam fee needs one of your own certificates"):
        submit(faculty, verified_certificate(other, "7.0"), exam_fee=1)


def test_the_course_fee_is_capped_by_the_managers_policy(client, faculty, manager):
    policy = Policy.current()
    rows_before = policy.history.count()
    client.force_login(manager)
    response = client.post(
        "/en/incentives/claims/policy/", {"course_fee_cap": "10000000"}, follow=True
    )
    assert "The policy has been saved." in response.content.decode()
    # Each change of the policy is kept: one new row, by the manager, holding the new cap.
    assert policy.history.count() == rows_before + 1
    row = policy.history.latest()
    assert (row.history_type, row.history_user, row.course_fee_cap) == (
        "~",
        manager,
        Decimal("10000000"),
    )
    with pytest.raises(
        ValidationError, match=r"The course fee is reimbursed up to 10,000,000 rials\."
    ):
        submit(faculty, course_fee=10_000_001)
    assert submit(faculty, course_fee=10_000_000).total == Decimal("10000000")


def test_the_workflow_roles_and_the_claimants_mail_in_their_language(
    faculty, officer, manager, django_capture_on_commit_callbacks
):
    faculty.preferred_language = "ckb"
    faculty.save()
    with django_capture_on_commit_callbacks(execute=True):
        claim = submit(faculty, verified_certificate(faculty, "6.0"), exam_fee=4_000_000)
        move(claim, "verify", by=officer)
        with pytest.raises(ValidationError, match="Only an office manager can approve"):
            move(claim, "approve", by=officer)
        move(claim, "approve", by=manager)
        with pytest.raises(ValidationError, match="Enter payment reference"):
            move(claim, "pay", by=officer, paid_on=date(2026, 11, 1))
        move(claim, "pay", by=officer, paid_on=date(2026, 11, 1), payment_reference="TRX-1405-77")
    claim.refresh_from_db()
    assert claim.status == "paid" and claim.payment_reference == "TRX-1405-77"
    assert claim.paid_on == date(2026, 11, 1)
    assert list(claim.moves.values_list("from_state", "to_state", "by")) == [
        ("", "submitted", faculty.pk),
        ("submitted", "verified", officer.pk),
        ("verified", "approved", manager.pk),
        ("approved", "paid", officer.pk),
    ]
    assert claim.moves.last().data == {"paid_on": "2026-11-01", "payment_reference": "TRX-1405-77"}
    assert len(mail.outbox) == 4
    with translation.override("ckb"):
        expected = translation.gettext("Your reimbursement claim #%(number)s: %(status)s") % {
            "number": to_local_digits(claim.pk),
            "status": Claim.Status.PAID.label,
        }
    assert mail.outbox[-1].subject == expected


def test_a_rejection_needs_a_reason(faculty, officer):
    claim = submit(faculty, course_fee=1_000_000)
    with pytest.raises(ValidationError, match="Enter reason"):
        move(claim, "reject", by=officer)
    move(claim, "reject", by=officer, note="Receipt unreadable")
    claim.refresh_from_db()
    assert claim.rejection_reason == "Receipt unreadable"
    assert claim.moves.last().note == "Receipt unreadable"


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
    move(claim, "verify", by=officer)
    assert Claim.objects.get().claimant == mentor


def test_nobody_decides_on_their_own_claim(make_user, officer):
    """Four eyes: a manager who also claims may not verify, approve or pay their own claim."""
    claimant = make_user(Role.MANAGER)
    claimant.groups.add(Group.objects.get_or_create(name=Role.FACULTY)[0])
    claimant.__dict__.pop("roles", None)  # the roles are cached
    claim = submit(claimant, course_fee=1_000_000)
    with pytest.raises(ValidationError, match="own claim"):
        move(claim, "verify", by=claimant)
    claim = move(claim, "verify", by=officer)
    with pytest.raises(ValidationError, match="own claim"):
        move(claim, "approve", by=claimant)
    with pytest.raises(ValidationError, match="own claim"):
        move(claim, "unverify", by=claimant, note="I changed my mind")
    assert [option.name for option in allowed(claim, claimant) if option.ok] == []


def test_a_verification_is_reversed_with_a_reason_before_the_managers_decision(
    faculty, officer, manager
):
    claim = submit(faculty, course_fee=1_000_000)
    claim = move(claim, "verify", by=officer)
    with pytest.raises(ValidationError, match="Enter why the verification is reversed"):
        move(claim, "unverify", by=officer)
    with pytest.raises(ValidationError, match="You cannot take this step"):
        move(claim, "unverify", by=faculty, note="mine")
    claim = move(claim, "unverify", by=manager, note="The receipt is for another course")
    assert claim.status == "submitted"
    assert claim.moves.last().note == "The receipt is for another course"
    # It waits for a verification again.
    with pytest.raises(ValidationError, match="This cannot go from “Submitted” to “Approved”"):
        move(claim, "approve", by=manager)
    claim = move(move(claim, "verify", by=officer), "approve", by=manager)
    # The manager has decided.
    with pytest.raises(ValidationError, match="This cannot go from “Approved” to “Submitted”"):
        move(claim, "unverify", by=officer, note="too late")


def test_approval_checks_the_rules_again(faculty, officer, manager):
    """A certificate sent back to review after the claim was verified stops the approval."""
    certificate = verified_certificate(faculty, "6.0")
    claim = move(submit(faculty, certificate, exam_fee=4_000_000), "verify", by=officer)
    Certificate.objects.filter(pk=certificate.pk).update(status=Certificate.Status.PENDING)
    with translation.override("en"), pytest.raises(ValidationError, match="verified by the office"):
        move(claim, "approve", by=manager)


def test_the_claim_form_offers_only_the_persons_verified_certificates(client, faculty, make_user):
    verified = verified_certificate(faculty, "6.5")
    waiting = verified_certificate(faculty, "7.0")
    waiting.status = Certificate.Status.PENDING
    waiting.save()
    someone_elses = verified_certificate(make_user(Role.FACULTY), "7.5")
    client.force_login(faculty)
    form = client.get("/en/incentives/claims/new/").context["form"]
    assert list(form.fields["certificate"].queryset) == [verified]
    response = client.post(
        "/en/incentives/claims/new/",
        {
            "certificate": waiting.pk,
            "exam_fee": "5000000",
            "course_fee": "0",
            "upload": SimpleUploadedFile("r.pdf", PDF),
        },
    )
    assert "Select a valid choice" in response.content.decode()
    assert someone_elses not in form.fields["certificate"].queryset
    assert not Claim.objects.exists()


def test_the_claim_page_offers_each_person_their_steps(client, faculty, officer, manager):
    claim = submit(faculty, course_fee=1_000_000)
    verify = f"/en/move/incentives.claim/{claim.pk}/verify/"
    client.force_login(faculty)
    page = client.get(claim.get_absolute_url()).content.decode()
    assert verify not in page
    assert client.post(verify).status_code == 200  # refused, with the reason
    claim.refresh_from_db()
    assert claim.status == "submitted"
    client.force_login(officer)
    assert verify in client.get(claim.get_absolute_url()).content.decode()
    assert client.post(verify).status_code == 302
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "Only an office manager can approve a claim." in page  # shown, not offered
    assert f"/en/move/incentives.claim/{claim.pk}/approve/" not in page
    client.force_login(manager)
    assert client.post(f"/en/move/incentives.claim/{claim.pk}/approve/").status_code == 302
    claim.refresh_from_db()
    assert claim.status == "approved"


def test_the_claim_page_shows_claimed_cap_and_payable(client, faculty):
    """The cap may be lowered after a claim went in: the page pays the course fee up to it."""
    claim = submit(faculty, course_fee=120_000_000)
    policy = Policy.current()
    policy.course_fee_cap = Decimal(100_000_000)
    policy.save()
    client.force_login(faculty)
    page = client.get(f"/en/incentives/claims/{claim.pk}/").content.decode()
    assert "Amount payable" in page
    assert 'data-amount="payable-course">100,000,000<' in page
    assert 'data-amount="payable">100,000,000<' in page
    with translation.override("fa"):
        page = client.get(f"/fa/incentives/claims/{claim.pk}/").content.decode()
    assert 'data-amount="payable">۱۰۰' in page  # in the page's digits


# --- The receipt is kept when the form is refused for another field


def held_token(page: str) -> str:
    match = re.search(r'name="held_receipt" value="([^"]+)"', page)
    return match[1] if match else ""


def test_a_refused_claim_keeps_its_receipt_for_the_next_try(client, faculty, settings):
    client.force_login(faculty)
    url = "/en/incentives/claims/new/"
    refused = client.post(
        url, {"course_fee": "not a number", "upload": SimpleUploadedFile("my-receipt.pdf", PDF)}
    )
    page = refused.content.decode()
    assert "Your receipts are kept" in page and "my-receipt.pdf" in page
    token = held_token(page)
    # Refused again, by the rules this time (nothing to reimburse): still kept.
    page = client.post(
        url, {"course_fee": "0", "exam_fee": "0", "held_receipt": token}
    ).content.decode()
    assert "Enter the course fee, the exam fee, or both." in page
    assert held_token(page) == token
    response = client.post(url, {"course_fee": "50000000", "exam_fee": "0", "held_receipt": token})
    claim = Claim.objects.get()
    assert response.status_code == 302 and response["Location"] == claim.get_absolute_url()
    with claim.receipt.open("rb") as stored:
        assert stored.read() == PDF
    assert held_uploads.held_file(client.session, token) is None  # released once used


def test_a_held_receipt_serves_only_the_session_that_chose_it(client, faculty, make_user):
    client.force_login(faculty)
    url = "/en/incentives/claims/new/"
    page = client.post(
        url, {"course_fee": "x", "upload": SimpleUploadedFile("r.pdf", PDF)}
    ).content.decode()
    token = held_token(page)
    client.force_login(make_user(Role.FACULTY))  # a new session
    page = client.post(
        url, {"course_fee": "50000000", "exam_fee": "0", "held_receipt": token}
    ).content.decode()
    assert not Claim.objects.exists() and "Your receipts are kept" not in page


def test_a_file_that_would_be_refused_is_not_held(client, faculty, tmp_path):
    client.force_login(faculty)
    page = client.post(
        "/en/incentives/claims/new/",
        {"course_fee": "x", "upload": SimpleUploadedFile("r.pdf", b"<html>not a receipt")},
    ).content.decode()
    assert held_token(page) == "" and "Your receipts are kept" not in page
    assert not (tmp_path / held_uploads.FOLDER).exists()


def test_receipts_held_for_abandoned_forms_are_purged_after_a_day(client, faculty, tmp_path):
    client.force_login(faculty)
    client.post("/en/incentives/claims/new/", {"upload": SimpleUploadedFile("r.pdf", PDF)})
    assert len(list((tmp_path / held_uploads.FOLDER).iterdir())) == 1
    assert held_uploads.held_uploads_purge() == 0
    later = timezone.now() + timedelta(days=2)
    assert held_uploads.held_uploads_purge(now=later) == 1
    assert not list((tmp_path / held_uploads.FOLDER).iterdir())


def refused(claim: Claim) -> list[str]:
    with pytest.raises(ValidationError) as error:
        services.check_claim_rules(claim)
    return error.value.messages


def test_each_reimbursement_rule_says_in_full_what_is_wrong(faculty, make_user):
    def claim(certificate=None, exam_fee=0, course_fee=0):
        return Claim(
            claimant=faculty,
            certificate=certificate,
            exam_fee=Decimal(exam_fee),
            course_fee=Decimal(course_fee),
        )

    assert refused(claim()) == ["Enter the course fee, the exam fee, or both."]
    cap = Policy.current().course_fee_cap
    assert refused(claim(exam_fee=1, course_fee=cap + 1)) == [
        "An exam fee needs one of your own certificates.",
        f"The course fee is reimbursed up to {cap:,.0f} rials.",
    ]
    toefl = verified_certificate(faculty, "100", test="toefl_ibt")
    assert refused(claim(toefl, exam_fee=1)) == ["Only IELTS exam fees are reimbursed."]
    general = verified_certificate(faculty, "4.5", test="ielts_general")
    assert refused(claim(general, exam_fee=1)) == [
        "Exam fees are paid from an overall band of 5.0; this one has 4.5."
    ]
    assert services.check_claim_rules(claim(course_fee=cap)) is None
    assert services.check_claim_rules(claim(verified_certificate(faculty), exam_fee=1)) is None
    # a certificate is not needed for a course fee alone, and one given is then not checked
    assert services.check_claim_rules(claim(toefl, course_fee=1)) is None


def test_a_rejected_claim_leaves_the_exam_fee_to_claim_again(faculty, officer):
    certificate = verified_certificate(faculty, "6.0")
    first = submit(faculty, certificate, exam_fee=5_000_000)
    # The claim itself is not "another claim" of its certificate (approval checks it again).
    assert services.check_claim_rules(first) is None
    # A course-fee-only claim on the same certificate does not use its exam fee either.
    submit(faculty, certificate, course_fee=1_000_000)
    move(first, "reject", by=officer, note="wrong receipt")
    second = submit(faculty, certificate, exam_fee=5_000_000)
    assert second.claimant == faculty
    assert list(second.moves.values_list("from_state", "to_state", "by")) == [
        ("", "submitted", faculty.pk)
    ]


def test_a_certificate_is_recorded_with_its_checked_scan_and_its_creation(faculty):
    certificate = Certificate(
        person=faculty,
        test="ielts_academic",
        overall=Decimal("6.5"),
        taken_on=date(2026, 3, 1),
        trf_number="23IR012345ABCD001A",
    )
    with pytest.raises(ValidationError, match="Upload a PDF, JPEG or PNG file"):
        services.certificate_add(
            certificate=certificate, upload=SimpleUploadedFile("c.pdf", b"hello"), by=faculty
        )
    assert not Certificate.objects.exists()
    saved = services.certificate_add(
        certificate=certificate, upload=SimpleUploadedFile("c.pdf", PDF), by=faculty
    )
    saved.refresh_from_db()
    assert saved.file.read() == PDF
    assert list(saved.moves.values_list("from_state", "to_state", "by")) == [
        ("", saved.status, faculty.pk)
    ]
