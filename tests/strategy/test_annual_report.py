"""The annual internationalization report: the dashboard's charts, a written section per goal
(the year's actions, the PDCA review), and Latin words kept in order inside Persian lines."""

import re
import subprocess
from datetime import date, timedelta

import pytest

from intlaffairs import pdf, reports
from intlaffairs.jalali import academic_year_bounds
from intlaffairs.models import ReportRequest
from strategy.models import Action, Indicator, Review, Target
from strategy.reports import build_annual

from ..factories import AgreementFactory
from ..reports.test_pdf import pdf_text

pytestmark = pytest.mark.django_db
FIRST, LAST = academic_year_bounds(1405)
DONE_ON = date(2026, 12, 3)  # 12 Azar 1405
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>')


@pytest.fixture
def goal(manager):
    indicator = Indicator.objects.filter(source="agreements_new").first()
    Target.objects.create(indicator=indicator, year=1405, value=4)
    AgreementFactory(status="active", signed_on=FIRST + timedelta(days=30))
    Action.objects.create(
        goal=indicator.goal,
        title="Visit to Bologna",
        owner=manager,
        due_on=DONE_ON,
        status="done",
        done_on=DONE_ON,
    )
    Action.objects.create(
        goal=indicator.goal, title="Call Sulaimani", owner=manager, due_on=FIRST + timedelta(60)
    )
    Review.objects.create(
        goal=indicator.goal,
        year=1405,
        phase="check",
        date=FIRST + timedelta(days=90),
        reviewer=manager,
        findings="One of four agreements signed by December.",
    )
    return indicator.goal


def rendered(language: str, manager) -> ReportRequest:
    request = reports.report_request(
        kind="strategy", language=language, by=manager, period=(FIRST, LAST)
    )
    return reports.report_render(request_id=request.pk)


def test_each_goal_has_the_dashboards_trend_charts(goal, manager):
    request = ReportRequest(kind="strategy", language="en", period_start=FIRST, period_end=LAST)
    context = build_annual(request, lambda value: None)
    html = pdf.render_html("strategy/pdf/annual.html", context, language="en")
    section = next(s for s in context["goals"] if s.goal == goal)
    assert [bar.label for bar in section.figures[0].bars] == ["1403", "1404", "1405"]
    assert html.count("<svg") >= 3 * len(section.figures)


def test_each_goal_tells_the_years_actions_and_its_pdca_review(goal, manager, tmp_path):
    text = pdf_text(rendered("en", manager).file.read(), tmp_path)
    for fragment in (
        "The year's actions",
        "1 of 2 actions of the year done.",
        "Visit to Bologna — Done (3 December 2026)",
        "Call Sulaimani — Planned (due",
        "PDCA review",
        "Check (22 December 2026): One of four agreements signed by December.",
        "No review was recorded for the year.",  # the goals without one
    ):
        assert fragment in text, fragment


def test_a_latin_action_title_keeps_the_persian_date_after_it(goal, manager, tmp_path):
    path = tmp_path / "annual.pdf"
    path.write_bytes(rendered("fa", manager).file.read())
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = [(float(x), float(y), text) for x, y, text in WORD.findall(boxes)]
    line = next(y for x, y, text in words if text == "Bologna")
    x = {text: left for left, y, text in words if y == line}
    day = next(left for text, left in x.items() if "۱۲" in text)
    year = next(left for text, left in x.items() if "۱۴۰۵" in text)
    # A right-to-left line: the title first (rightmost), then the day, then the year.
    assert x["Bologna"] > day > year


def test_the_dashboard_offers_the_report_in_every_language_and_arabic_is_made(
    client, manager, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    html = client.get("/en/strategy/").content.decode()
    for code in ("fa", "en", "ckb", "ar"):
        assert f'<option value="{code}" lang="{code}">' in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/strategy/report/", {"year": "1405", "language": "ar"})
    report = ReportRequest.objects.get()
    assert (report.language, report.status) == ("ar", "done"), report.error
    context = build_annual(report, lambda value: None)
    html = pdf.render_html("strategy/pdf/annual.html", context, language="ar")
    assert "إبرام مزيد من الاتفاقيات البحثية والتعليمية" in html  # goal 2, in Arabic
