"""Time the agreements report through the portal against plain WeasyPrint on the same HTML.

    manage.py bench_report --agreements 1100 --runs 3

Works in a transaction that is rolled back, so the database is left as it was. Prints the
median seconds of each, the page count and the ratio (the target: the portal adds <= 10%).
"""

import statistics
import time
from datetime import date

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from weasyprint import HTML

from agreements.models import Agreement, Institution
from intlaffairs import pdf, reports
from intlaffairs.models import ReportRequest, User


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Benchmark the agreements PDF report against plain WeasyPrint (no data is kept)."

    def add_arguments(self, parser):
        parser.add_argument("--agreements", type=int, default=1100)
        parser.add_argument("--runs", type=int, default=3)
        parser.add_argument("--language", default="fa")

    def handle(self, *args, agreements, runs, language, **options):
        try:
            with transaction.atomic():
                self._run(agreements, runs, language)
                raise Rollback
        except Rollback:
            pass

    def _run(self, count, runs, language):
        partner = Institution.objects.create(
            name_fa="دانشگاه نمونه", name_en="Benchmark University", country="IQ"
        )
        created = Agreement.objects.bulk_create(
            Agreement(
                title_fa=f"تفاهم‌نامهٔ همکاری پژوهشی شمارهٔ {n}",
                title_en=f"Research cooperation agreement number {n}",
                title_ckb=f"ڕێککەوتنی هاوکاریی توێژینەوە ژمارە {n}",
                type="research",
                signed_on=date(2025, 1, 1),
                starts_on=date(2025, 1, 1),
                ends_on=date(2028, 1, 1),
            )
            for n in range(count)
        )
        Agreement.partners.through.objects.bulk_create(
            Agreement.partners.through(agreement_id=a.pk, institution_id=partner.pk)
            for a in created
        )
        user = User.objects.filter(is_active=True).first() or User.objects.create_user(
            "bench@example.org"
        )
        app_times, plain_times, pages = [], [], 0
        for _ in range(runs):
            request = ReportRequest.objects.create(
                kind="agreements",
                language=language,
                requested_by=user,
                period_start=date(2025, 1, 1),
                period_end=timezone.localdate(),
            )
            started = time.perf_counter()
            done = reports.report_render(request_id=request.pk)
            app_times.append(time.perf_counter() - started)
            pages = done.pages
            kind = reports.get_kind("agreements")
            html = pdf.render_html(
                kind.template,
                {
                    **kind.build(done, lambda value: None),
                    "report_title": kind.title,
                    "generated_at": timezone.now(),
                },
                language=language,
            )
            started = time.perf_counter()
            HTML(string=html, base_url=str(pdf.asset_roots()[0])).write_pdf()
            plain_times.append(time.perf_counter() - started)
            done.file.delete(save=False)
        app, plain = statistics.median(app_times), statistics.median(plain_times)
        self.stdout.write(
            f"pages={pages} portal={app:.2f}s plain_weasyprint={plain:.2f}s "
            f"ratio={app / plain:.3f} pages_per_second={pages / app:.1f} runs={runs}"
        )
