"""The recruitment panel on the dashboard: the pipeline's counts and what is waiting too long."""

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from intlaffairs.access import OFFICE_ROLES
from intlaffairs.dashboard import Panel
from intlaffairs.snapshot import snapshot, table_version

from . import services
from .models import Application, Stage


def _pipeline(request) -> dict:
    figures, counted_at = snapshot(
        "students-pipeline-panel", _pipeline_figures, version=table_version(Application)
    )
    stages = [(stage, Stage(stage).label, count) for stage, count in figures["stages"]]
    return {**figures, "stages": stages, "counted_at": counted_at}


def _pipeline_figures() -> dict:
    counts = dict(
        Application.objects.filter(stage__in=services.OFFICE_STAGES)
        .values_list("stage")
        .annotate(n=Count("id"))
        .order_by("stage")
    )
    today = timezone.localdate()
    return {
        "stages": [(stage, counts.get(stage, 0)) for stage in services.OFFICE_STAGES],
        "stalled": Application.objects.filter(
            stage__in=services.OFFICE_STAGES,
            stage_since__lt=timezone.now() - timedelta(days=services.STALLED_AFTER_DAYS),
        ).count(),
        "permits_ending": Application.objects.filter(
            residence_expires_on__gte=today,
            residence_expires_on__lte=today + timedelta(days=services.RESIDENCE_WARNING_DAYS),
        ).count(),
    }


PIPELINE_PANEL = Panel(
    name="students-pipeline",
    template="students/panels/pipeline.html",
    roles=OFFICE_ROLES,
    context=_pipeline,
    order=5,
)
