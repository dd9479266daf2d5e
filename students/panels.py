"""The recruitment panel on the dashboard: the pipeline's counts and what is waiting too long."""

from django.db.models import Count

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
    return {
        "stages": [(stage, counts.get(stage, 0)) for stage in services.OFFICE_STAGES],
        "stalled": services.stalled(Application.objects).count(),
        "permits_ending": services.residence_ending(Application.objects).count(),
    }


PIPELINE_PANEL = Panel(
    name="students-pipeline",
    template="students/panels/pipeline.html",
    roles=OFFICE_ROLES,
    context=_pipeline,
    order=5,
)
