"""The pages changed for issue 20, seen in a browser in fa, en and ckb: the cross-field flag on
the proposals, the mentee's contact as their mentor sees it and the consent form, the claim's
payable amounts and the kept receipt, the TRF box, the plan's year selects."""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile

from incentives.models import Claim, Policy
from intlaffairs.models import Unit
from intlaffairs.roles import Role
from mentoring.models import Mentee, Mentor, MentorLanguage, Pairing
from strategy.models import Goal

from ..students.helpers import PDF_BYTES

LANGUAGES = ["fa", "en", "ckb", "ar"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pages_of_issue_20(language, new_context, make_user, screenshot, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    medicine = Unit.objects.create(name_en="School of Medicine", name_fa="دانشکده پزشکی")
    dentistry = Unit.objects.create(name_en="School of Dentistry", name_fa="دانشکده دندانپزشکی")
    mentor = Mentor.objects.create(
        user=make_user(Role.MENTOR, preferred_language=language),
        unit=medicine,
        year_of_study=4,
        gender="female",
        capacity=3,
        status="approved",
    )
    MentorLanguage.objects.create(mentor=mentor, language="en", level="fluent")
    mentee_user = make_user(Role.APPLICANT, preferred_language=language)
    mentee = Mentee.objects.create(
        user=mentee_user,
        name="Amina Yusuf",
        email="amina@mentee.example",
        phone="+964 750 123 4567",
        share_phone=True,
        unit=medicine,
        gender="female",
        languages=["en", "ar"],
    )
    Pairing.objects.create(mentor=mentor, mentee=mentee, status="active")
    other = Mentee.objects.create(
        name="Omar Saleh", unit=dentistry, gender="male", languages=["en"]
    )
    Pairing.objects.create(mentor=mentor, mentee=other, score=20, reasons=["language"])
    officer = make_user(Role.OFFICER, preferred_language=language)

    page = new_context(officer).new_page()
    page.goto(f"/{language}/mentoring/proposals/")
    assert page.locator(".list-group-item-warning .badge.text-bg-warning").is_visible()
    screenshot(page, f"issue20-proposals-{language}")

    page = new_context(mentor.user).new_page()
    page.goto(f"/{language}/mentoring/my-mentees/")
    assert page.locator("a[href^='mailto:amina@']").is_visible()
    assert page.locator("a[href^='tel:']").is_visible()
    screenshot(page, f"issue20-my-mentees-{language}")

    page = new_context(mentee_user).new_page()
    page.goto(f"/{language}/mentoring/my-mentor/")
    assert page.locator("#contact-heading").is_visible()
    screenshot(page, f"issue20-my-mentor-{language}")

    faculty = make_user(Role.FACULTY, preferred_language=language)
    claim = Claim(claimant=faculty, course_fee=Decimal(120_000_000), exam_fee=Decimal(0))
    claim.receipt.save("r.pdf", ContentFile(PDF_BYTES), save=True)
    policy = Policy.current()
    policy.course_fee_cap = Decimal(100_000_000)
    policy.save()
    page = new_context(faculty).new_page()
    page.goto(f"/{language}/incentives/claims/{claim.pk}/")
    assert page.locator("#claim-payable").is_visible()
    screenshot(page, f"issue20-claim-{language}")

    receipt = tmp_path / "my-receipt.pdf"
    receipt.write_bytes(PDF_BYTES)
    page.goto(f"/{language}/incentives/claims/new/")
    page.fill("input[name=course_fee]", "0")
    page.fill("input[name=exam_fee]", "0")
    page.set_input_files("input[name=upload]", str(receipt))
    page.click("form button[type=submit].btn-primary")
    page.wait_for_load_state()
    assert page.locator("input[name=held_receipt]").count() == 1
    screenshot(page, f"issue20-claim-kept-{language}")

    page.goto(f"/{language}/incentives/certificates/new/")
    assert page.locator("input[name=trf_number]").is_visible()
    screenshot(page, f"issue20-certificate-{language}")

    manager = make_user(Role.MANAGER, preferred_language=language)
    page = new_context(manager).new_page()
    goal = Goal.objects.get(number=12)
    page.goto(f"/{language}/strategy/goals/{goal.pk}/")
    # open the figure, indicator and review forms (and the actions' steps)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    assert page.locator("select[name=review-year]").is_visible()
    screenshot(page, f"issue20-goal-{language}")
    page.goto(f"/{language}/strategy/")
    assert page.locator("select[name=year]").is_visible()
    screenshot(page, f"issue20-dashboard-{language}")
