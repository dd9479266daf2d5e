"""Generate realistic data fast: COPY for the big tables, the ORM for the few small ones.

`generate(scale)` makes `scale` × (500 agreements, 5,000 applications) with their partners,
applicants and pipeline history; programs, units and office staff do not grow with the scale
(a university does not have 100 times more programs because it has more applicants). Rows are
deterministic for a scale (a seeded random generator), so two runs are comparable.
"""

import io
import itertools
import random
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.utils import timezone

from agreements.models import Agreement, Institution
from intlaffairs.codes import ALPHABET, DOCUMENT_CODE_LENGTH
from intlaffairs.models import IssuedDocument, Message, StateChange, Unit, User
from intlaffairs.normalize import search_text_fields
from intlaffairs.roles import Role
from students.models import (
    Application,
    Currency,
    FacultyReview,
    InterviewSlot,
    Invoice,
    Payment,
    Program,
    Stage,
    Transfer,
    UnitReviewer,
)
from students.workflows import APPLICATION

AGREEMENTS_PER_SCALE = 500
APPLICATIONS_PER_SCALE = 5_000
INSTITUTIONS_PER_SCALE = 200
PROGRAMS = 60
UNITS = 8
COUNTRIES = ["IQ", "AF", "SY", "LB", "PK", "IN", "TR", "AZ", "TJ", "OM", "YE", "BH", "DE", "IT"]
# Where applications stand: most are decided or moving, a tenth still drafts.
STAGE_SHARE = {
    Stage.DRAFT: 10,
    Stage.SUBMITTED: 12,
    Stage.DOCUMENT_CHECK: 10,
    Stage.FACULTY_REVIEW: 8,
    Stage.INTERVIEW: 5,
    Stage.ADMITTED: 8,
    Stage.WAITLISTED: 4,
    Stage.REJECTED: 15,
    Stage.OFFER_ACCEPTED: 5,
    Stage.OFFER_DECLINED: 2,
    Stage.OFFER_LAPSED: 1,
    Stage.FEES_RECEIVED: 4,
    Stage.ENROLLED: 12,
    Stage.WITHDRAWN: 7,
}
# The path an application takes to reach each stage (its history rows).
PATH = [
    Stage.DRAFT,
    Stage.SUBMITTED,
    Stage.DOCUMENT_CHECK,
    Stage.FACULTY_REVIEW,
    Stage.INTERVIEW,
    Stage.ADMITTED,
    Stage.OFFER_ACCEPTED,
    Stage.FEES_RECEIVED,
    Stage.ENROLLED,
]
SIDE = {
    Stage.WAITLISTED: Stage.INTERVIEW,
    Stage.REJECTED: Stage.FACULTY_REVIEW,
    Stage.WITHDRAWN: Stage.DOCUMENT_CHECK,
    Stage.OFFER_DECLINED: Stage.ADMITTED,
    Stage.OFFER_LAPSED: Stage.ADMITTED,
}
STAFF = {
    Role.OFFICER: "bench-officer@example.org",
    Role.MANAGER: "bench-manager@example.org",
    Role.ADMINISTRATOR: "bench-admin@example.org",
    # A faculty member who reviews for every school: the files at the faculty are theirs.
    Role.FACULTY: "bench-faculty@example.org",
}


def _text(value) -> str:
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime | date | Decimal | int):
        return value.isoformat() if isinstance(value, datetime | date) else str(value)
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )


def copy_rows(model: type[models.Model], rows: Iterable[dict]) -> int:
    """Insert `rows` (dicts by attribute name, primary key included) into `model`'s table; fields
    a row leaves out get their default (search columns their text). PostgreSQL (the benchmark)
    takes them by COPY and has its id sequence moved past the largest id; other databases (a
    newcomer's SQLite test run) by bulk_create, whose explicit ids move SQLite's own counter."""
    if connection.vendor != "postgresql":
        made = model.objects.bulk_create((model(**row) for row in rows), batch_size=500)
        return len(made)
    fields = [f for f in model._meta.concrete_fields]
    defaults = {f.attname: f.get_default() for f in fields}
    searched = search_text_fields(model)  # filled as save() would (bulk_create does)
    buffer, count = io.StringIO(), 0
    for row in rows:
        for field in searched:
            row[field.attname] = field.text_of(row.get)
        buffer.write(
            "\t".join(_text(row.get(f.attname, defaults[f.attname])) for f in fields) + "\n"
        )
        count += 1
    buffer.seek(0)
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", buffer)
        pk = model._meta.pk
        if isinstance(pk, models.AutoField | models.BigAutoField):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, %s), "  # noqa: S608 - names from _meta
                f"(SELECT coalesce(max({connection.ops.quote_name(pk.column)}), 1) FROM {table}))",
                [model._meta.db_table, pk.column],
            )
    return count


def _next_id(model: type[models.Model]) -> int:
    return (model.objects.aggregate(top=models.Max("pk"))["top"] or 0) + 1


def staff_users() -> dict[str, User]:
    """One office user per role the key pages need, with a confirmed address."""
    users = {}
    for role, email in STAFF.items():
        user, created = User.objects.get_or_create(
            email=email, defaults={"full_name": f"Bench {role}", "full_name_native": "کاربر آزمون"}
        )
        if created:
            user.set_unusable_password()
            user.is_staff = user.is_superuser = role == Role.ADMINISTRATOR
            user.save()
            user.groups.add(Group.objects.get(name=role))
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        if not Authenticator.objects.filter(user=user).exists():
            TOTP.activate(user, generate_totp_secret())  # staff sign in with a second factor
        users[role] = user
    return users


def admission_letters(applications: list[dict], rng: random.Random, *, by: User, at) -> int:
    """A letter of admission in the register for every application admitted or further on (the
    rows only: the check of a code reads no file)."""
    admitted = [row for row in applications if Application(stage=row["stage"]).is_admitted]
    content_type = ContentType.objects.get_for_model(Application).pk
    first = _next_id(IssuedDocument)
    return copy_rows(
        IssuedDocument,
        (
            {
                "id": first + n,
                "kind": IssuedDocument.Kind.ADMISSION_LETTER,
                "number": f"ADM-1405-{first + n:05d}",
                "year": 1405,
                "sequence": first + n,
                "content_type_id": content_type,
                "object_id": row["id"],
                "holder_id": row["applicant_id"],
                "holder_name": f"{row['given_name']} {row['family_name']}",
                "holder_name_native": row["native_name"],
                "language": "en",
                "issued_at": at,
                "issued_by_id": by.pk,
                "file": f"documents/bench/{first + n}.pdf",
                "code": "".join(rng.choice(ALPHABET) for _ in range(DOCUMENT_CODE_LENGTH)),
            }
            for n, row in enumerate(admitted)
        ),
    )


def interview_slots(
    applications: list[dict], interviewing: set[int], rng: random.Random, *, by: User, now
) -> int:
    """Interviews: two times offered to each application at the interview stage (one of them
    booked on every other file), and the held interview, with the panel's report, of every
    application of a program that interviews (`interviewing`, program ids) that went past it."""
    first = _next_id(InterviewSlot)
    slots = []

    def past_interview(stage: str) -> bool:
        return stage != Stage.INTERVIEW and PATH.index(SIDE.get(stage, stage)) >= PATH.index(
            Stage.INTERVIEW
        )

    def slot(row: dict, state: str, starts_at, **report) -> dict:
        online = rng.random() < 0.5
        return {
            "id": first + len(slots),
            "application_id": row["id"],
            "state": state,
            "starts_at": starts_at,
            "duration_minutes": 30,
            "mode": InterviewSlot.Mode.ONLINE if online else InterviewSlot.Mode.IN_PERSON,
            "link": "https://meet.example.org/kums" if online else "",
            "place": "" if online else "School of Medicine, room 12",
            "panel": "Dr. Rahimi, Dr. Karimi",
            "sequence": 0,
            "offered_by_id": by.pk,
            "created_at": row["stage_since"],
            "recommendation": "",
            "report_notes": "",
            **report,
        }

    for row in applications:
        if row["stage"] == Stage.INTERVIEW:
            for n in range(2):
                booked = n == 0 and row["id"] % 2 == 0
                state = InterviewSlot.State.BOOKED if booked else InterviewSlot.State.OFFERED
                slots.append(slot(row, state, now + timedelta(days=3 + n, hours=row["id"] % 8)))
        elif row["program_id"] in interviewing and past_interview(row["stage"]):
            slots.append(
                slot(
                    row,
                    InterviewSlot.State.HELD,
                    row["stage_since"] - timedelta(days=7),
                    score_knowledge=rng.randrange(4, 11),
                    score_communication=rng.randrange(4, 11),
                    score_motivation=rng.randrange(4, 11),
                    recommendation=InterviewSlot.Recommendation.ADMIT,
                    report_notes="Well prepared.",
                )
            )
    return copy_rows(InterviewSlot, slots)


def payments(invoices: list[dict], applicants: dict[int, int], *, by: User, now) -> dict[str, int]:
    """What was paid on the invoices: a transfer the applicant uploaded and the payment the
    office confirmed from it for every amount paid; and on a fifth of the invoices still open,
    a transfer uploaded that nobody has confirmed yet (the desk's "transfers to confirm").
    `applicants`: the applicant's id by application id (who uploaded the transfer)."""
    first_transfer, first_payment = _next_id(Transfer), _next_id(Payment)
    transfers, confirmed = [], []
    for invoice in invoices:
        unconfirmed = invoice["status"] == Invoice.Status.OPEN and invoice["id"] % 5 == 0
        if not invoice["paid"] and not unconfirmed:
            continue
        transfer = first_transfer + len(transfers)
        transfers.append(
            {
                "id": transfer,
                "invoice_id": invoice["id"],
                "file": f"transfers/bench/{transfer}.pdf",
                "kind": "pdf",
                "original_name": "bank-receipt.pdf",
                "size": 48_213,
                "note": "",
                "uploaded_at": now - timedelta(days=3),
                "uploaded_by_id": applicants[invoice["application_id"]],
                "confirmed": bool(invoice["paid"]),
            }
        )
        if invoice["paid"]:
            confirmed.append(
                {
                    "id": first_payment + len(confirmed),
                    "invoice_id": invoice["id"],
                    "transfer_id": transfer,
                    "amount": invoice["paid"],
                    "confirmed_at": now - timedelta(days=2),
                    "confirmed_by_id": by.pk,
                }
            )
    copy_rows(Transfer, transfers)
    copy_rows(Payment, confirmed)
    return {"transfers": len(transfers), "payments": len(confirmed)}


def tuition_invoices(applications: list[dict], rng: random.Random, *, today, now) -> list[dict]:
    """The tuition invoice of every admitted application: settled once the tuition is received,
    open or partly paid (some overdue) before, so that every filter of the finance list finds
    rows. Returns the rows."""
    first = _next_id(Invoice)
    invoices = []
    for row in applications:
        if not Application(stage=row["stage"]).is_admitted:
            continue
        amount = Decimal(rng.randrange(2_000, 9_000, 500))
        settled = row["stage"] in (Stage.FEES_RECEIVED, Stage.ENROLLED)
        paid = amount if settled else rng.choice([Decimal(0), amount / 2])
        invoices.append(
            {
                "id": first + len(invoices),
                "application_id": row["id"],
                "kind": Invoice.Kind.TUITION,
                "amount": amount,
                "currency": rng.choice(Currency.values),
                "due_on": today + timedelta(days=rng.randrange(-60, 60)),
                "status": Invoice.Status.PAID
                if settled
                else (Invoice.Status.PARTLY_PAID if paid else Invoice.Status.OPEN),
                "paid": paid,
                "granted": Decimal(0),
                "issued_at": now,
            }
        )
    copy_rows(Invoice, invoices)
    return invoices


def generate(scale: float, *, seed: int = 1405) -> dict[str, int]:
    """Add `scale` × the base amounts to the (migrated, empty) database; returns row counts."""
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    now = timezone.now()
    today = timezone.localdate()
    staff = staff_users()
    owners = [staff[Role.OFFICER].pk, staff[Role.MANAGER].pk, None]

    units = Unit.objects.bulk_create(
        Unit(
            name=f"School {n}",
            name_en=f"School {n}",
            name_fa=f"دانشکدهٔ {n}",
            name_ckb=f"کۆلێژی {n}",
        )
        for n in range(1, UNITS + 1)
    )
    programs = Program.objects.bulk_create(
        Program(
            name=f"Program {n}",
            name_en=f"Program {n}",
            name_fa=f"برنامهٔ آموزشی {n}",
            name_ckb=f"بەرنامەی {n}",
            unit=units[n % UNITS],
            degree=rng.choice(Program.Degree.values),
            duration_years=Decimal(rng.choice([2, 4, 6])),
            tuition=Decimal(rng.randrange(2_000, 9_000, 500)),
            intake=1403 + n % 3,
            capacity=rng.randrange(5, 60),
            deadline=today + timedelta(days=rng.randrange(-200, 200)),
            is_published=n % 10 != 0,
        )
        for n in range(1, PROGRAMS + 1)
    )

    n_institutions = max(1, round(INSTITUTIONS_PER_SCALE * scale))
    first_institution = _next_id(Institution)
    copy_rows(
        Institution,
        (
            {
                "id": first_institution + n,
                "name": f"University number {n}",
                "name_en": f"University number {n}",
                "name_fa": f"دانشگاه شماره {n}",
                "name_ckb": f"زانکۆی ژمارە {n}",
                "country": COUNTRIES[n % len(COUNTRIES)],
                "city": "City",
                "created_at": now,
            }
            for n in range(n_institutions)
        ),
    )

    n_agreements = max(1, round(AGREEMENTS_PER_SCALE * scale))
    first_agreement = _next_id(Agreement)
    statuses = [s for s in Agreement.Status.values]
    agreements, partners = [], []
    for n in range(n_agreements):
        signed = today - timedelta(days=rng.randrange(0, 3650))
        ends = signed + timedelta(days=rng.choice([365, 730, 1095, 1825]))
        status = rng.choice(statuses)
        agreements.append(
            {
                "id": first_agreement + n,
                "title": f"Cooperation agreement {n}",
                "title_en": f"Cooperation agreement {n}",
                "title_fa": f"تفاهم‌نامهٔ همکاری {n}",
                "title_ckb": f"ڕێککەوتنی هاوکاری {n}",
                "type": rng.choice(Agreement.Type.values),
                "status": status,
                "signed_on": None if status in ("draft", "negotiation") else signed,
                "starts_on": signed,
                "ends_on": ends,
                "owner_id": rng.choice(owners),
                "created_at": now - timedelta(days=rng.randrange(0, 3650)),
                "updated_at": now,
            }
        )
        for institution in rng.sample(range(n_institutions), k=min(n_institutions, 1 + n % 2)):
            partners.append((first_agreement + n, first_institution + institution))
    copy_rows(Agreement, agreements)
    through = Agreement.partners.through
    first_link = _next_id(through)
    copy_rows(
        through,
        (
            {"id": first_link + i, "agreement_id": a, "institution_id": p}
            for i, (a, p) in enumerate(partners)
        ),
    )

    n_applications = max(1, round(APPLICATIONS_PER_SCALE * scale))
    first_user = _next_id(User)
    copy_rows(
        User,
        (
            {
                "id": first_user + n,
                "password": "!bench",
                "email": f"applicant{first_user + n}@bench.example.org",
                "full_name": f"Applicant {n}",
                "full_name_native": f"متقاضی {n}",
                "preferred_language": "en",
                "is_active": True,
                "date_joined": now,
            }
            for n in range(n_applications)
        ),
    )
    stages, weights = list(STAGE_SHARE), list(STAGE_SHARE.values())
    first_application = _next_id(Application)
    first_step = _next_id(StateChange)
    application_type = ContentType.objects.get_for_model(Application).pk
    step_to = {transition.target: name for name, transition in APPLICATION.transitions.items()}
    applications, steps = [], []
    for n in range(n_applications):
        stage = rng.choices(stages, weights)[0]
        submitted = now - timedelta(days=rng.randrange(0, 1000), minutes=rng.randrange(0, 1440))
        draft = stage == Stage.DRAFT
        pk = first_application + n
        path = PATH[: PATH.index(SIDE.get(stage, stage)) + 1]
        if stage in SIDE:
            path.append(stage)
        at = submitted
        for before, after in itertools.pairwise(path):
            steps.append(
                {
                    "id": first_step + len(steps),
                    "content_type_id": application_type,
                    "object_id": pk,
                    "transition": step_to[after],
                    "from_state": before,
                    "to_state": after,
                    "by_id": None if after == Stage.SUBMITTED else staff[Role.OFFICER].pk,
                    "at": at,
                }
            )
            at += timedelta(days=rng.randrange(1, 20))
        program = programs[n % PROGRAMS]
        applications.append(
            {
                "id": pk,
                "reference": None if draft else f"KUMS-B-{pk:07d}",
                "applicant_id": first_user + n,
                "stage": stage,
                "stage_since": at,
                "given_name": f"Given{n}",
                "family_name": f"Family{n}",
                "native_name": f"نام {n}",
                "sex": rng.choice(["female", "male"]),
                "birth_date": date(1995, 1, 1) + timedelta(days=rng.randrange(0, 3000)),
                "nationality": COUNTRIES[rng.randrange(len(COUNTRIES))],
                "passport_number": f"P{pk:08d}",
                "program_id": program.pk,
                "channel": rng.choice(Application.Channel.values),
                "statement": "I would like to study medicine in Kermanshah.",
                "residence_expires_on": today + timedelta(days=rng.randrange(0, 700))
                if stage == Stage.ENROLLED
                else None,
                "created_at": submitted,
                "submitted_at": None if draft else submitted,
                "updated_at": at,
            }
        )
    copy_rows(Application, applications)
    copy_rows(StateChange, steps)
    # The bench's faculty member reviews for every school: a review asked of them for each file
    # at the faculty, dated from the referral (the older ones overdue).
    UnitReviewer.objects.bulk_create(
        UnitReviewer(unit=unit, user=staff[Role.FACULTY]) for unit in units
    )
    first_review = _next_id(FacultyReview)
    faculty_reviews = [
        {
            "id": first_review + n,
            "application_id": row["id"],
            "reviewer_id": staff[Role.FACULTY].pk,
            "requested_at": row["stage_since"],
        }
        for n, row in enumerate(r for r in applications if r["stage"] == Stage.FACULTY_REVIEW)
    ]
    copy_rows(FacultyReview, faculty_reviews)
    letters = admission_letters(applications, rng, by=staff[Role.OFFICER], at=now)
    # Each submitted application's thread: a question and the office's answer, the answer
    # read on every other one (the menu's unread counts read these rows).
    first_message = _next_id(Message)
    messages = []
    for row in applications:
        if row["stage"] == Stage.DRAFT:
            continue
        for from_office in (False, True):
            messages.append(
                {
                    "id": first_message + len(messages),
                    "content_type_id": application_type,
                    "object_id": row["id"],
                    "author_id": staff[Role.OFFICER].pk if from_office else row["applicant_id"],
                    "from_office": from_office,
                    "body": "When will the faculty decide?" if not from_office else "Next week.",
                    "sent_at": row["updated_at"],
                    "read_at": row["updated_at"] if from_office or row["id"] % 2 else None,
                }
            )
    copy_rows(Message, messages)
    invoices = tuition_invoices(applications, rng, today=today, now=now)
    applicants = {row["id"]: row["applicant_id"] for row in applications}
    paid = payments(invoices, applicants, by=staff[Role.OFFICER], now=now)
    interviewing = {program.pk for program in programs if program.interviews}
    interviews = interview_slots(applications, interviewing, rng, by=staff[Role.OFFICER], now=now)
    # What autovacuum does on a running server after a bulk load (the bench's may have it off):
    # the statistics, the visibility map, and the GIN indexes' pending lists merged. Left
    # pending, every trigram search scanned the rows added since, one by one (8 ms for the
    # institutions' 1,880 at ×100, whatever the word). VACUUM is PostgreSQL's, and cannot run
    # in a transaction (a test's): there, the statistics only.
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
    return {
        "institutions": n_institutions,
        "agreements": n_agreements,
        "agreement partners": len(partners),
        "applicants": n_applications,
        "applications": n_applications,
        "steps": len(steps),
        "faculty reviews": len(faculty_reviews),
        "messages": len(messages),
        "programs": len(programs),
        "issued documents": letters,
        "invoices": len(invoices),
        **paid,
        "interview slots": interviews,
    }
