"""The pages every accessibility (axe-core) and HTML (W3C) check visits.

Adding a page to the checks is one line here: its path (with {lang}) and who can see it.
"""

from dataclasses import dataclass

from intlaffairs.roles import Role

ANONYMOUS = None
EVERY_ROLE = tuple(Role.values)


@dataclass(frozen=True)
class CheckedPage:
    name: str
    path: str  # "{lang}" is replaced by fa, en, ckb; "{agreement}" etc. by sample objects' ids
    roles: tuple[str | None, ...]

    def url(self, language: str, samples: dict | None = None) -> str:
        ids = {name: obj.pk for name, obj in (samples or {}).items()}
        return self.path.format(lang=language, **ids)


CHECKED_PAGES = [
    CheckedPage("home", "/{lang}/", (ANONYMOUS, Role.APPLICANT)),
    CheckedPage("login", "/{lang}/accounts/login/", (ANONYMOUS,)),
    CheckedPage("password-reset", "/{lang}/accounts/password/reset/", (ANONYMOUS,)),
    CheckedPage("signup-closed", "/{lang}/accounts/signup/", (ANONYMOUS,)),
    CheckedPage("not-found", "/{lang}/no-such-page/", (ANONYMOUS,)),
    CheckedPage("dashboard", "/{lang}/dashboard/", EVERY_ROLE),
    CheckedPage("change-password", "/{lang}/accounts/password/change/", (Role.OFFICER,)),
    CheckedPage("email-addresses", "/{lang}/accounts/email/", (Role.APPLICANT,)),
    CheckedPage("agreements", "/{lang}/agreements/", (Role.OFFICER, Role.MANAGER, Role.FACULTY)),
    CheckedPage("agreement", "/{lang}/agreements/{agreement}/", (Role.OFFICER, Role.MANAGER)),
    CheckedPage("agreement-new", "/{lang}/agreements/new/", (Role.OFFICER, Role.FACULTY)),
    CheckedPage("agreement-edit", "/{lang}/agreements/{agreement}/edit/", (Role.OFFICER,)),
    CheckedPage("agreement-import", "/{lang}/agreements/import/", (Role.OFFICER,)),
    CheckedPage("institutions", "/{lang}/agreements/institutions/", (Role.OFFICER,)),
    CheckedPage("institution", "/{lang}/agreements/institutions/{institution}/", (Role.OFFICER,)),
    CheckedPage("institution-new", "/{lang}/agreements/institutions/new/", (Role.OFFICER,)),
    CheckedPage("reports", "/{lang}/reports/", (Role.MANAGER, Role.ADMINISTRATOR)),
    CheckedPage("report-ready", "/{lang}/reports/{report}/", (Role.MANAGER,)),
    CheckedPage("report-queued", "/{lang}/reports/{queued_report}/", (Role.MANAGER,)),
    CheckedPage("outbox", "/{lang}/outbox/", (Role.MANAGER, Role.ADMINISTRATOR)),
]

LANGUAGES = ("fa", "en", "ckb")


def audiences() -> list[str | None]:
    """Every audience some checked page is shown to, anonymous first."""
    seen: list[str | None] = []
    for page in CHECKED_PAGES:
        for role in page.roles:
            if role not in seen:
                seen.append(role)
    return sorted(seen, key=lambda role: (role is not None, role or ""))


def sample_content(officer) -> dict:
    """Realistic objects for the pages to show: a filled page can hide errors an empty one can't."""
    from datetime import date

    from agreements import services
    from agreements.models import Agreement, Contact, Institution, Quota, Scope

    institution = Institution.objects.create(
        name_fa="دانشگاه سلیمانیه",
        name_en="University of Sulaimani",
        name_ckb="زانکۆی سلێمانی",
        country="IQ",
        city="Sulaymaniyah",
        website="https://univsul.edu.iq",
    )
    Contact.objects.create(
        institution=institution, name="Dr. Karwan Ali", position="Director", email="k@example.org"
    )
    agreement = Agreement.objects.create(
        title_fa="تفاهم‌نامهٔ تبادل دانشجو با دانشگاه سلیمانیه",
        title_en="Student exchange MoU with the University of Sulaimani",
        title_ckb="یاداشتی تێگەیشتن بۆ ئاڵوگۆڕی خوێندکار لەگەڵ زانکۆی سلێمانی",
        type="student_exchange",
        signed_on=date(2026, 3, 1),
        starts_on=date(2026, 3, 1),
        ends_on=date(2027, 2, 28),
        owner=officer,
        signatories="Dr. A, President\nDr. B, Rector",
    )
    agreement.partners.add(institution)
    agreement.scopes.set(Scope.objects.filter(code__in=["education", "student_mobility"]))
    services.agreement_transition(agreement=agreement, to_status="negotiation", by=officer)
    Quota.objects.create(
        agreement=agreement, academic_year=1405, direction="students_in", people=3, duration=6
    )
    from intlaffairs.models import ReportRequest

    ready = ReportRequest.objects.create(
        kind="agreements", language="fa", requested_by=officer, status="done", pages=4
    )
    queued = ReportRequest.objects.create(
        kind="agreements", language="en", requested_by=officer, progress=35
    )
    from intlaffairs.models import OutgoingMail

    OutgoingMail.objects.create(
        to="gone@example.org",
        subject="یادآوری تمدید",
        body_text="-",
        language="fa",
        status="failed",
        last_error="SMTPRecipientsRefused: 550",
    )
    return {
        "agreement": agreement,
        "institution": institution,
        "report": ready,
        "queued_report": queued,
    }
