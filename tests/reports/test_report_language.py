"""Every report speaks its own language and lists workflow states in the pipeline's order."""

from datetime import date

import pytest
from django.utils import timezone, translation

from intlaffairs.models import ReportRequest
from students.models import Application, Stage
from students.reports import build_recruitment

from ..students.helpers import make_program

pytestmark = pytest.mark.django_db


def submitted(applicant, program, stage, n=1):
    # Rows built directly: the report counts what is there, however it got there.
    for i in range(n):
        Application.objects.create(
            applicant=applicant,
            program=program,
            stage=stage,
            reference=f"R-{program.pk}-{stage[:8]}-{i}",  # at most 20 characters
            submitted_at=timezone.now(),
            channel="website",
        )


def test_the_english_recruitment_report_names_programs_in_english_and_stages_in_pipeline_order(
    applicant, manager
):
    medicine = make_program()
    dentistry = make_program(name_fa="دندان‌پزشکی", name_en="Dentistry (DDS)", degree="dds")
    submitted(applicant, medicine, Stage.SUBMITTED)
    submitted(applicant, medicine, Stage.ADMITTED, n=3)
    submitted(applicant, dentistry, Stage.DOCUMENT_CHECK, n=2)
    today = timezone.localdate()
    request = ReportRequest(
        kind="recruitment",
        language="en",
        period_start=date(today.year - 1, 1, 1),
        period_end=today,
        requested_by=manager,
    )
    with translation.override("en"):
        context = build_recruitment(request, lambda value: None)
        sections = {str(title): [row.label for row in rows] for title, rows in context["sections"]}
    assert sections["By program"] == ["Medicine (MD)", "Dentistry (DDS)"]
    assert sections["By stage"] == ["Submitted", "Document check", "Admitted"]
    with translation.override("fa"):
        context = build_recruitment(request, lambda value: None)
        sections = {str(title): [row.label for row in rows] for title, rows in context["sections"]}
    assert [row.label for row in context["sections"][2][1]] == ["پزشکی عمومی", "دندان‌پزشکی"]


def test_the_research_report_lists_statuses_in_the_workflows_order(manager):
    from research.models import Project
    from research.reports import build

    for title, status in (("Closed one", "closed"), ("Funded one", "funded"), ("New", "proposed")):
        Project.objects.create(title_en=title, title_fa=title, kind="joint_project", status=status)
    request = ReportRequest(kind="research", language="en", requested_by=manager)
    request.created_at = timezone.now()
    with translation.override("en"):
        context = build(request, lambda value: None)
    assert [row.label for row in context["by_status"]] == ["Proposed", "Funded", "Closed"]
    assert [project.status for project in context["projects"]] == ["proposed", "funded", "closed"]
