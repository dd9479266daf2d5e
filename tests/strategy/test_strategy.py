"""The plan: each computed indicator against data built here, targets and hand-entered values,
the dashboard's fixed query count, the trilingual board PDF, reminders for overdue actions."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from exchanges.models import CourseApplication, Delegation, Mobility, ShortCourse
from incentives.models import Certificate, Claim
from intlaffairs.jalali import academic_year_bounds
from intlaffairs.models import OutgoingMail, StateChange, TargetCountry, Unit
from intlaffairs.roles import Role
from mentoring.models import Mentee, Mentor, Pairing
from strategy import indicators, services
from strategy.models import Action, Goal, Indicator, ManualValue, Plan, Target
from students.models import Application
from tests.queries import warm

from ..factories import AgreementFactory, InstitutionFactory
from ..reports.test_pdf import pdf_text
from ..students.helpers import PDF_BYTES, make_program

pytestmark = pytest.mark.django_db
YEAR = 1405
FIRST, LAST = academic_year_bounds(YEAR)  # 2026-09-23 .. 2027-09-22
IN_YEAR = FIRST + timedelta(days=30)
BEFORE = FIRST - timedelta(days=30)


def value(key: str) -> Decimal | None:
    return indicators.value(key, YEAR)


def test_the_plan_and_its_sixteen_goals_come_in_three_languages():
    plan = Plan.current()
    goals = list(plan.goals.all())
    assert [goal.number for goal in goals] == list(range(1, 17))
    assert all(goal.title_fa and goal.title_en and goal.title_ckb for goal in goals)
    sources = set(Indicator.objects.exclude(source="").values_list("source", flat=True))
    assert sources <= {key for key, _label in indicators.choices()}


def test_agreement_indicators():
    AgreementFactory(status="active", signed_on=IN_YEAR, ends_on=LAST + timedelta(days=400))
    AgreementFactory(status="active", signed_on=BEFORE, ends_on=LAST)
    AgreementFactory(status="expired", signed_on=BEFORE - timedelta(days=900), ends_on=BEFORE)
    AgreementFactory(status="draft")
    assert value("agreements_new") == 1
    assert value("agreements_active") == 2


def test_every_indicator_gives_all_its_years_in_one_query(django_assert_num_queries):
    """The dashboard asks for three years at once; each year's figure is the one asked alone."""
    AgreementFactory(status="active", signed_on=IN_YEAR, ends_on=LAST + timedelta(days=400))
    AgreementFactory(status="active", signed_on=BEFORE, ends_on=LAST)
    AgreementFactory(status="expired", signed_on=BEFORE - timedelta(days=900), ends_on=BEFORE)
    years = [YEAR - 2, YEAR - 1, YEAR]
    for key, _label in indicators.choices():
        alone = {year: indicators.value(key, year) for year in years}
        with django_assert_num_queries(1):
            together = indicators.values(key, years)
        assert together == alone, key
    assert indicators.values("agreements_active", years) == {1403: 1, 1404: 2, 1405: 2}
    assert indicators.values("no-such-indicator", years) == dict.fromkeys(years)


def test_recruitment_indicators(make_user):
    program = make_program()

    def application(country, stages, when, n):
        item = Application.objects.create(
            applicant=make_user(Role.APPLICANT),
            program=program,
            nationality=country,
            stage=stages[-1],
            reference=f"KUMS-{YEAR}-{n:05d}",
            submitted_at=timezone.make_aware(
                timezone.datetime.combine(when, timezone.datetime.min.time())
            ),
        )
        for stage in stages:
            StateChange.objects.create(
                subject=item,
                from_state="draft",
                to_state=stage,
                at=timezone.make_aware(
                    timezone.datetime.combine(when, timezone.datetime.min.time())
                ),
            )

    application("IQ", ["submitted", "admitted", "enrolled"], IN_YEAR, 1)
    application("AF", ["submitted", "admitted", "enrolled"], IN_YEAR, 2)
    application("IQ", ["submitted", "admitted"], IN_YEAR, 3)
    application("SY", ["submitted"], IN_YEAR, 4)
    application("TR", ["submitted", "admitted", "enrolled"], BEFORE, 5)
    assert value("applications") == 4
    assert value("admitted") == 3
    assert value("enrolled") == 2
    assert value("enrolled_nationalities") == 2


def test_exchange_indicators(make_user):
    institution = InstitutionFactory()
    common = {"institution": institution, "kind": "research", "person_kind": "faculty"}
    Mobility.objects.create(
        person_name="A", direction="outgoing", starts_on=IN_YEAR, ends_on=IN_YEAR, **common
    )
    Mobility.objects.create(
        person_name="B",
        direction="outgoing",
        starts_on=IN_YEAR,
        ends_on=IN_YEAR,
        status="cancelled",
        **common,
    )
    Mobility.objects.create(
        person_name="C", direction="incoming", starts_on=IN_YEAR, ends_on=IN_YEAR, **common
    )
    Mobility.objects.create(
        person_name="D", direction="incoming", starts_on=BEFORE, ends_on=BEFORE, **common
    )
    unit = Unit.objects.create(name_fa="پزشکی", name_en="Medicine")
    course = ShortCourse.objects.create(
        title_fa="د",
        title_en="C",
        kind="summer_school",
        unit=unit,
        starts_on=IN_YEAR,
        ends_on=IN_YEAR,
        deadline=IN_YEAR,
        capacity=5,
    )
    for status in ("accepted", "accepted", "waitlisted"):
        CourseApplication.objects.create(
            course=course,
            applicant=make_user(Role.APPLICANT),
            name_latin="x",
            home_institution="u",
            country="IQ",
            field="f",
            motivation="m",
            status=status,
        )
    TargetCountry.objects.create(country="AF")
    for country in ("AF", "DE"):
        Delegation.objects.create(
            title="V",
            direction="incoming",
            country=country,
            purpose="-",
            starts_on=IN_YEAR,
            ends_on=IN_YEAR,
        )
    assert value("mobilities_out") == 1
    assert value("mobilities_in") == 1
    assert value("course_participants") == 2
    assert value("delegations") == 2
    assert value("delegations_target") == 1


def test_mentoring_and_incentive_indicators(make_user):
    unit = Unit.objects.create(name_fa="پزشکی", name_en="Medicine")
    mentor = Mentor.objects.create(
        user=make_user(Role.MENTOR),
        unit=unit,
        year_of_study=3,
        gender="female",
        status="approved",
    )
    mentees = [Mentee.objects.create(name=f"M{n}", unit=unit, gender="female") for n in range(4)]
    Pairing.objects.create(
        mentor=mentor, mentee=mentees[0], status="active", confirmed_at=timezone.now()
    )
    assert indicators.value("mentoring_coverage", 1500) == Decimal("25.0")
    verifier = make_user(Role.OFFICER)
    for score, verified in (
        (Decimal("5.0"), True),
        (Decimal("6.5"), True),
        (Decimal("4.5"), True),
        (Decimal("7"), False),
    ):
        Certificate.objects.create(
            person=make_user(Role.FACULTY),
            test="ielts_academic",
            overall=score,
            taken_on=IN_YEAR,
            status="verified" if verified else "pending",
        )
    Claim.objects.create(claimant=verifier, status="paid", paid_on=IN_YEAR, course_fee=1)
    Claim.objects.create(claimant=verifier, status="approved", course_fee=1)
    assert value("ielts_5") == 2
    assert value("claims_paid") == 1


def test_targets_and_hand_entered_values_give_the_percent(client, manager):
    goal = Goal.objects.get(number=6)
    rank = Indicator.objects.create(
        goal=goal, name_en="Rank", name_fa="رتبه", higher_is_better=False
    )
    client.force_login(manager)
    client.post(
        f"/en/strategy/goals/{goal.pk}/figures/",
        {"indicator": rank.pk, "year": "1405", "target": "3500", "actual": "3800"},
    )
    assert ManualValue.objects.get(indicator=rank).value == 3800
    figure = next(f for f in services.figures([goal], 1405)[goal.pk] if f.indicator == rank)
    assert figure.percent == 92 and not figure.met  # lower is better: 3500 / 3800
    bad = client.post(
        f"/en/strategy/goals/{goal.pk}/figures/",
        {"indicator": rank.pk, "year": "2026"},
        follow=True,
    )
    assert "Solar Hijri year" in bad.content.decode()
    computed = Indicator.objects.filter(goal__number=2).first()
    refused = client.post(
        f"/en/strategy/goals/{computed.goal_id}/figures/",
        {"indicator": computed.pk, "year": "1405", "actual": "5"},
        follow=True,
    )
    assert "computed from the portal" in refused.content.decode()
    assert not ManualValue.objects.filter(indicator=computed).exists()


def test_the_dashboard_query_count_does_not_grow_with_data(client, manager, make_user):
    def queries() -> int:
        warm(client, "/en/strategy/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/strategy/").status_code == 200
        return len(captured)

    client.force_login(manager)
    few = queries()
    for n in range(15):
        AgreementFactory(status="active", signed_on=timezone.localdate())
        Mobility.objects.create(
            person_name=f"P{n}",
            direction="outgoing",
            kind="research",
            person_kind="faculty",
            institution=InstitutionFactory(),
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate(),
        )
        Action.objects.create(
            goal=Goal.objects.get(number=2), title=f"A{n}", owner=manager, due_on=date(2026, 1, 1)
        )
    for indicator in Indicator.objects.all():
        Target.objects.create(indicator=indicator, year=1405, value=10)
    assert queries() == few


@pytest.mark.parametrize("language", ["fa", "en", "ckb", "ar"])
def test_the_entrance_board_carries_the_three_names(
    client, officer, language, tmp_path, django_capture_on_commit_callbacks
):
    from intlaffairs.models import ReportRequest

    unit = Unit.objects.create(
        name_fa="دانشکده پزشکی", name_en="School of Medicine", name_ckb="کۆلێژی پزیشکی"
    )
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/{language}/strategy/boards/{unit.pk}/pdf/")
    report = ReportRequest.objects.get()
    assert report.status == "done", report.error
    text = pdf_text(report.file.read(), tmp_path)
    # pdftotext drops ZWNJ and may split the Kurdish lam-alef ligature: compare without them.
    for name in ("دانشکده پزشکی", "School of Medicine", "کۆلێژی پزیشکی"):
        assert name.replace("\u200c", "") in text, name


def test_the_annual_report_lists_goals_and_figures(
    manager, tmp_path, django_capture_on_commit_callbacks
):
    from intlaffairs import reports

    indicator = Indicator.objects.filter(source="agreements_new").first()
    Target.objects.create(indicator=indicator, year=YEAR, value=4)
    AgreementFactory(status="active", signed_on=IN_YEAR)
    Action.objects.create(
        goal=indicator.goal,
        title="Signed with Sulaimani",
        owner=manager,
        due_on=IN_YEAR,
        status="done",
        done_on=IN_YEAR,
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = reports.report_request(
            kind="strategy", language="en", by=manager, period=(FIRST, LAST)
        )
    report.refresh_from_db()
    assert report.status == "done", report.error
    text = pdf_text(report.file.read(), tmp_path)
    for fragment in (
        "Annual internationalization report",
        "Agreements signed in the year",
        "25%",
        "Signed with Sulaimani",
    ):
        assert fragment in text


def test_overdue_actions_remind_their_owner_weekly(officer):
    goal = Goal.objects.get(number=4)
    Action.objects.create(goal=goal, title="Visit Kabul", owner=officer, due_on=date(2026, 5, 1))
    Action.objects.create(
        goal=goal, title="Done", owner=officer, due_on=date(2026, 5, 1), status="done"
    )
    today = date(2026, 6, 1)
    assert services.action_reminders_send(today=today) == 1
    assert services.action_reminders_send(today=today + timedelta(days=2)) == 0
    assert services.action_reminders_send(today=today + timedelta(days=7)) == 1
    assert OutgoingMail.objects.filter(to=officer.email).first().language == "fa"


def test_an_action_reminder_goes_to_each_overdue_owner_with_the_action_and_its_goal(make_user):
    goal = Goal.objects.get(number=4)
    today = date(2026, 6, 1)
    owners = [
        make_user(Role.OFFICER, full_name=f"Owner {n}", preferred_language="en") for n in range(4)
    ]

    def action(n: int, due_on: date, **kwargs) -> Action:
        return Action.objects.create(
            goal=goal, title=f"Action {n}", owner=owners[n], due_on=due_on, **kwargs
        )

    # Read in order of due date: reminded two days ago (skipped, the rest still go), one in
    # progress, one planned, and one due today (not overdue yet).
    action(0, date(2026, 5, 1), reminded_on=today - timedelta(days=2))
    action(1, date(2026, 5, 5), status="in_progress")
    action(2, date(2026, 5, 10))
    action(3, today)
    assert services.action_reminders_send(today=today) == 2
    assert {mail.to for mail in OutgoingMail.objects.all()} == {owners[1].email, owners[2].email}
    mail = OutgoingMail.objects.get(to=owners[1].email)
    assert mail.subject == "Overdue: Action 1"
    for body in (mail.body_text, mail.body_html):
        assert "Dear Owner 1," in body and f"/en/strategy/goals/{goal.pk}/" in body
        assert "The action “Action 1” of goal 4 of the internationalization plan" in body


def test_every_register_lists_and_offers_its_form(client, officer):
    from strategy.views import REGISTERS

    client.force_login(officer)
    for kind in REGISTERS:
        assert client.get(f"/en/strategy/{kind}/").status_code == 200, kind
        assert client.get(f"/en/strategy/{kind}/new/").status_code == 200, kind


def test_the_registers_validate(client, officer):
    client.force_login(officer)
    response = client.post(
        "/en/strategy/centers/new/", {"name": "Center", "country": "IQ", "city": "Erbil"}
    )
    assert "This field is required." in response.content.decode()  # when it was proposed
    assert client.get("/en/strategy/no-such-register/").status_code == 404


def test_a_plan_version_takes_only_a_real_pdf(client, manager):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(manager)
    data = {
        "title_fa": "سند ۱۴۰۶",
        "title_en": "Plan 1406",
        "version": "2",
        "first_year": "1406",
        "last_year": "1410",
        "is_current": "",
    }
    fake = SimpleUploadedFile("plan.pdf", b"<html>not a pdf</html>")
    response = client.post("/en/strategy/plans/new/", {**data, "file": fake})
    assert response.status_code == 200 and "PDF" in response.content.decode()
    assert not Plan.objects.filter(version=2).exists()
    real = SimpleUploadedFile("plan.pdf", PDF_BYTES)
    response = client.post("/en/strategy/plans/new/", {**data, "file": real})
    assert response.status_code == 302
    assert Plan.objects.get(version=2).file
