"""Promotion points: weights by agreement type, the signing year, adjustments, who sees what."""

from datetime import date
from decimal import Decimal

import jdatetime
import pytest

from incentives import points
from incentives.models import PointAdjustment, PointWeight
from intlaffairs.roles import Role

from ..factories import AgreementFactory

pytestmark = pytest.mark.django_db
IN_1405 = jdatetime.date(1405, 8, 1).togregorian()
IN_1404 = jdatetime.date(1405, 6, 31).togregorian()  # still academic year 1404


def signed(person, kind="research", on=IN_1405, status="active"):
    agreement = AgreementFactory(type=kind, signed_on=on, ends_on=date(2030, 1, 1), status=status)
    agreement.initiators.add(person)
    return agreement


def test_points_follow_the_type_weights_and_the_signing_year(faculty):
    signed(faculty, "research")  # 3 by default
    signed(faculty, "mou")  # 1
    signed(faculty, "mou", on=IN_1404)
    signed(faculty, "research", status="draft")  # not concluded: no points
    assert points.statement(faculty, 1405).total == Decimal("4")
    assert points.statement(faculty, 1404).total == Decimal("1")


def test_points_change_when_initiators_or_the_signing_date_change(faculty, make_user):
    agreement = signed(faculty, "joint_program")
    assert points.statement(faculty, 1405).total == Decimal("4")
    agreement.signed_on = IN_1404
    agreement.save()
    assert points.statement(faculty, 1405).total == 0
    assert points.statement(faculty, 1404).total == Decimal("4")
    colleague = make_user(Role.FACULTY)
    agreement.initiators.set([colleague])
    assert points.statement(faculty, 1404).total == 0
    assert points.totals([faculty, colleague], 1404) == {colleague.pk: Decimal("4")}


def test_managers_change_weights_with_history_and_add_adjustments(client, manager, faculty):
    signed(faculty, "mou")
    client.force_login(manager)
    data = {kind: str(value) for kind, value in points.DEFAULT_WEIGHTS.items()} | {"mou": "2.5"}
    client.post("/en/incentives/points/weights/", data)
    assert PointWeight.objects.get(agreement_type="mou").history.count() == 1
    client.post(
        f"/en/incentives/points/{faculty.pk}/1405/adjust/",
        {"points": "-0.5", "reason": "Agreement counted by another unit"},
    )
    assert PointAdjustment.objects.get().by == manager
    assert points.statement(faculty, 1405).total == Decimal("2.0")


def test_a_faculty_member_sees_only_their_own_statement(client, faculty, make_user):
    other = make_user(Role.FACULTY)
    client.force_login(faculty)
    response = client.get("/en/incentives/points/?year=1405")
    assert [person for person, _total in response.context["rows"]] == [faculty]
    assert client.get(f"/en/incentives/points/{faculty.pk}/1405/").status_code == 200
    assert client.get(f"/en/incentives/points/{other.pk}/1405/").status_code == 404


def test_an_officer_cannot_change_weights(client, officer):
    client.force_login(officer)
    assert client.get("/en/incentives/points/weights/").status_code == 403


def test_the_statement_and_the_unit_summary_render_as_pdf(manager, faculty):
    from intlaffairs import documents, reports

    signed(faculty, "research")
    statement = documents.document_issue(
        kind="points_statement", record=faculty, scope="1405", language="fa", by=manager
    )
    assert statement.file.open("rb").read().startswith(b"%PDF-")
    summary = reports.report_request(
        kind="points_summary",
        language="ckb",
        by=manager,
        period=jalali_bounds(1405),
    )
    assert reports.report_render(request_id=summary.pk).status == "done"


def jalali_bounds(year):
    from intlaffairs.jalali import academic_year_bounds

    return academic_year_bounds(year)


def test_the_weights_are_the_managers_where_set_and_the_defaults_elsewhere():
    assert points.weights() == points.DEFAULT_WEIGHTS
    PointWeight.objects.create(agreement_type="mou", points=Decimal("1.25"))
    assert points.weights() == {**points.DEFAULT_WEIGHTS, "mou": Decimal("1.25")}


def test_an_agreement_counts_from_the_first_to_the_last_day_of_the_year_once_concluded(faculty):
    first = jdatetime.date(1405, 7, 1).togregorian()
    last = jdatetime.date(1406, 6, 31).togregorian()
    signed(faculty, "mou", on=first)
    signed(faculty, "research", on=last, status="awaiting_signature")
    signed(faculty, "joint_program", on=first, status="negotiation")  # not concluded
    signed(faculty, "mou", on=first, status="draft")
    signed(faculty, "clinical", on=jdatetime.date(1406, 7, 1).togregorian())  # the next year
    assert points.statement(faculty, 1405).total == Decimal("4")
    assert points.totals([faculty], 1405) == {faculty.pk: Decimal("4")}


def test_a_statement_lists_the_years_agreements_by_date_and_its_adjustments(faculty, make_user):
    manager = make_user(Role.MANAGER)
    later = signed(faculty, "research", on=jdatetime.date(1405, 11, 1).togregorian())
    earlier = signed(faculty, "mou", on=jdatetime.date(1405, 8, 1).togregorian())
    PointWeight.objects.create(agreement_type="research", points=Decimal("5"))
    kept = PointAdjustment.objects.create(
        person=faculty, academic_year=1405, points=Decimal("-1.5"), reason="r", by=manager
    )
    PointAdjustment.objects.create(
        person=faculty, academic_year=1404, points=Decimal("9"), reason="r", by=manager
    )
    PointAdjustment.objects.create(
        person=manager, academic_year=1405, points=Decimal("9"), reason="r", by=manager
    )
    statement = points.statement(faculty, 1405)
    assert (statement.person, statement.year) == (faculty, 1405)
    assert statement.agreements == [(earlier, Decimal("1")), (later, Decimal("5"))]
    assert statement.adjustments == [kept]
    assert statement.total == Decimal("4.5")
    assert points.Statement(person=faculty, year=1405).total == Decimal("0")


def test_a_statement_names_who_made_each_adjustment_in_its_three_queries(
    faculty, make_user, django_assert_num_queries
):
    managers = [make_user(Role.MANAGER, full_name=f"Manager {n}") for n in range(3)]
    for manager in managers:
        PointAdjustment.objects.create(
            person=faculty, academic_year=1405, points=Decimal("1"), reason="r", by=manager
        )
    # the weights, the agreements and the adjustments with their authors: not one per author
    with django_assert_num_queries(3):
        statement = points.statement(faculty, 1405)
        assert [adjustment.by.full_name for adjustment in statement.adjustments] == [
            "Manager 0",
            "Manager 1",
            "Manager 2",
        ]


def test_totals_add_each_persons_agreements_and_adjustments_for_the_year(faculty, make_user):
    manager, colleague, outsider = (
        make_user(Role.MANAGER),
        make_user(Role.FACULTY),
        make_user(Role.FACULTY),
    )
    shared = signed(faculty, "research")
    shared.initiators.add(colleague)
    signed(faculty, "mou")
    signed(outsider, "mou")
    for person, year, value in [
        (faculty, 1405, "0.5"),
        (faculty, 1405, "1"),
        (faculty, 1404, "7"),
        (colleague, 1405, "-1"),
        (outsider, 1405, "3"),
    ]:
        PointAdjustment.objects.create(
            person=person, academic_year=year, points=Decimal(value), reason="r", by=manager
        )
    assert points.totals([faculty, colleague], 1405) == {
        faculty.pk: Decimal("5.5"),
        colleague.pk: Decimal("2"),
    }
    only_adjusted = make_user(Role.FACULTY)
    PointAdjustment.objects.create(
        person=only_adjusted, academic_year=1405, points=Decimal("2"), reason="r", by=manager
    )
    assert points.totals([only_adjusted], 1405) == {only_adjusted.pk: Decimal("2")}
    assert points.totals([make_user(Role.FACULTY)], 1405) == {}
