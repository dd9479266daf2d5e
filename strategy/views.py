"""Strategy pages: the dashboard of indicators against targets and what needs attention, the
plan with its goals, actions and PDCA reviews, and the registers around it."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intlaffairs import jalali, reports
from intlaffairs.access import OFFICE_ROLES, roles_required
from intlaffairs.editing import add_to, form_errors, record_edit
from intlaffairs.models import StateChange, TargetCountry, Unit
from intlaffairs.paging import paginate
from intlaffairs.uploads import file_response

from . import services, web_presence
from .filters import ActionFilter
from .forms import (
    ActionForm,
    CenterForm,
    DashboardYearForm,
    FigureForm,
    IndicatorForm,
    MaterialForm,
    PlanForm,
    PracticeForm,
    ReviewForm,
    TargetCountryForm,
    UnitNamesForm,
    WebCheckForm,
    academic_years,
    year_choices,
)
from .models import Action, Center, Goal, ManualValue, Material, Plan, Practice, Target, WebCheck


@roles_required(*OFFICE_ROLES)
def dashboard(request):
    plan = Plan.current()
    year_form = DashboardYearForm(request.GET, default=services.current_year(), plan=plan)
    year = year_form.chosen_year
    goals = services.plan_goals(plan)
    tables = services.large_tables_version()
    by_goal, computed_at = services.figures_snapshot(goals, year, tables=tables)
    return render(
        request,
        "strategy/dashboard.html",
        {
            "plan": plan,
            "year": year,
            "year_form": year_form,
            "years": range(year - services.TREND_YEARS + 1, year + 1),
            "rows": [(goal, by_goal.get(goal.pk, [])) for goal in goals],
            "attention": services.attention(tables=tables),
            "computed_at": computed_at,
            "registers": REGISTERS,
        },
    )


@roles_required(*OFFICE_ROLES)
def action_list(request):
    """The plan's actions by due date, across its goals; `?overdue=1`: those past due."""
    actions = Action.objects.visible_to(request.user).select_related("goal", "owner")
    filters = ActionFilter(request.GET, queryset=actions, request=request)
    return render(
        request,
        "strategy/action_list.html",
        {
            **paginate(request, filters.qs.order_by("due_on", "pk")),
            "filter": filters,
            "registers": REGISTERS,
        },
    )


# The history of the records a page lists, with who moved them, in one query for all.
_MOVES = Prefetch("moves", queryset=StateChange.objects.select_related("by"))


@roles_required(*OFFICE_ROLES)
def goal_detail(request, pk: int):
    goal = get_object_or_404(Goal.objects.visible_to(request.user).select_related("plan"), pk=pk)
    year = services.current_year()
    return render(
        request,
        "strategy/goal_detail.html",
        {
            "goal": goal,
            "year": year,
            "figures": services.figures([goal], year)[goal.pk],
            "actions": goal.actions.select_related("owner").prefetch_related(_MOVES),
            "reviews": goal.reviews.select_related("reviewer"),
            "practices": goal.practices.all(),
            "indicator_form": IndicatorForm(prefix="indicator", plan=goal.plan),
            "figure_year": year,
            "year_choices": year_choices(academic_years(goal.plan)),
            "action_form": ActionForm(prefix="action"),
            "review_form": ReviewForm(prefix="review", initial={"year": year}, plan=goal.plan),
        },
    )


@roles_required(*OFFICE_ROLES, post_only=True)
def indicator_add(request, pk: int):
    goal = get_object_or_404(Goal.objects.visible_to(request.user).select_related("plan"), pk=pk)
    form = IndicatorForm(request.POST, prefix="indicator", plan=goal.plan)
    return add_to(request, goal, form, saved=_("The indicator has been added."), goal=goal)


@roles_required(*OFFICE_ROLES, post_only=True)
def figure_set(request, pk: int):
    goal = get_object_or_404(Goal.objects.visible_to(request.user), pk=pk)
    form = FigureForm(request.POST)
    if not form.is_valid() or form.cleaned_data["indicator"].goal_id != goal.pk:
        messages.error(request, form_errors(form) or _("Choose one of this goal's indicators."))
        return redirect(goal)
    indicator, year = form.cleaned_data["indicator"], form.cleaned_data["year"]
    with transaction.atomic():
        if form.cleaned_data["target"] is not None:
            Target.objects.update_or_create(
                indicator=indicator, year=year, defaults={"value": form.cleaned_data["target"]}
            )
        if form.cleaned_data["actual"] is not None:
            ManualValue.objects.update_or_create(
                indicator=indicator, year=year, defaults={"value": form.cleaned_data["actual"]}
            )
    messages.success(request, _("The figures have been saved."))
    return redirect(goal)


@roles_required(*OFFICE_ROLES, post_only=True)
def action_add(request, pk: int):
    goal = get_object_or_404(Goal.objects.visible_to(request.user), pk=pk)
    form = ActionForm(request.POST, prefix="action")
    return add_to(request, goal, form, saved=_("The action has been added."), goal=goal)


@roles_required(*OFFICE_ROLES, post_only=True)
def review_add(request, pk: int):
    goal = get_object_or_404(Goal.objects.visible_to(request.user).select_related("plan"), pk=pk)
    form = ReviewForm(request.POST, prefix="review", plan=goal.plan)
    return add_to(
        request,
        goal,
        form,
        saved=_("The review has been recorded."),
        goal=goal,
        reviewer=request.user,
    )


# --- Registers around the plan: one list page and one form each


@dataclass(frozen=True)
class Register:
    title: str
    model: type
    form: type
    columns: tuple[tuple[str, str], ...]  # (label, attribute or get_..._display)
    intro: str = ""
    file_label: str = ""  # the heading of a column linking each row's `file_url`, if set

    @property
    def has_workflow(self) -> bool:
        """Its rows move through a workflow (workflows.py): the list shows their steps."""
        return hasattr(self.model, "workflow")


REGISTERS = {
    "plans": Register(
        gettext_lazy("Plan versions"),
        Plan,
        PlanForm,
        ((gettext_lazy("Title"), "title"), (gettext_lazy("Version"), "version"),
         (gettext_lazy("From"), "first_year"), (gettext_lazy("To"), "last_year"),
         (gettext_lazy("Approved on"), "approved_on"), (gettext_lazy("In force"), "is_current")),
        gettext_lazy("Each version of the internationalization document; the one in force "
                     "drives the dashboard."),
        file_label=Plan._meta.get_field("file").verbose_name,
    ),
    "countries": Register(
        gettext_lazy("Target countries"),
        TargetCountry,
        TargetCountryForm,
        ((gettext_lazy("Country"), "country.name"), (gettext_lazy("Priority"), "priority"),
         (gettext_lazy("Rationale"), "note")),
        gettext_lazy("Delegations to and from these countries are flagged and counted."),
    ),
    "centers": Register(
        gettext_lazy("Education centers abroad"),
        Center,
        CenterForm,
        ((gettext_lazy("Name"), "name"), (gettext_lazy("Country"), "country.name"),
         (gettext_lazy("City"), "city"), (gettext_lazy("Status"), "get_status_display"),
         (gettext_lazy("Inaugurated on"), "inaugurated_on")),
    ),
    "materials": Register(
        gettext_lazy("Outreach materials"),
        Material,
        MaterialForm,
        ((gettext_lazy("Title"), "title"), (gettext_lazy("Kind"), "get_kind_display"),
         (gettext_lazy("Languages"), "languages"), (gettext_lazy("Status"), "get_status_display"),
         (gettext_lazy("Link"), "link")),
    ),
    "web": Register(
        gettext_lazy("Web-presence checklist"),
        WebCheck,
        WebCheckForm,
        ((gettext_lazy("Criterion"), "item"), (gettext_lazy("Status"), "get_progress_display"),
         (gettext_lazy("Note"), "note")),
        gettext_lazy("The webometric criteria for the university's websites and its Study in "
                     "Iran page."),
    ),
    "practices": Register(
        gettext_lazy("Good practices of other universities"),
        Practice,
        PracticeForm,
        ((gettext_lazy("From"), "source"), (gettext_lazy("Lesson"), "lesson"),
         (gettext_lazy("Goal"), "goal")),
    ),
}  # fmt: skip


def _register(kind: str) -> Register:
    if kind not in REGISTERS:
        raise Http404
    return REGISTERS[kind]


def _cell(obj, path: str):
    value = obj
    for part in path.split("."):
        value = getattr(value, part, "")
        if callable(value):
            value = value()
    return value


@roles_required(*OFFICE_ROLES)
def register(request, kind: str):
    spec = _register(kind)
    rows = spec.model.objects.visible_to(request.user)
    if spec.model is Practice:
        rows = rows.select_related("goal")
    if spec.has_workflow:
        rows = rows.prefetch_related(_MOVES)
    page = paginate(request, rows.order_by(*spec.model._meta.ordering, "pk"))
    return render(
        request,
        "strategy/register.html",
        {
            **page,
            "kind": kind,
            "spec": spec,
            "registers": REGISTERS,
            "table": [
                (obj, [_cell(obj, path) for _label, path in spec.columns])
                for obj in page["page"].object_list
            ],
            # Beside the assessed criteria, what the public site measurably has.
            "site_facts": web_presence.public_site_facts() if spec.model is WebCheck else [],
        },
    )


@roles_required(*OFFICE_ROLES)
def register_edit(request, kind: str, pk: int | None = None):
    spec = _register(kind)
    response = record_edit(
        request,
        spec.model,
        spec.form,
        pk,
        title=spec.title,
        saved=_("Saved."),
        back="strategy:dashboard",
        section=_("Strategy"),
    )
    if response.status_code == 302:
        return redirect("strategy:register", kind=kind)
    return response


@roles_required(*OFFICE_ROLES)
def plan_file(request, pk: int):
    plan = get_object_or_404(Plan.objects.visible_to(request.user).exclude(file=""), pk=pk)
    return file_response(plan.file, name=plan.download_name)


# --- Entrance boards


@roles_required(*OFFICE_ROLES)
def boards(request):
    return render(
        request,
        "strategy/boards.html",
        {**paginate(request, Unit.objects.order_by("name", "pk")), "registers": REGISTERS},
    )


@roles_required(*OFFICE_ROLES)
def board_add(request):
    """A unit of the university (school, department, hospital, office), named in three languages."""
    form = UnitNamesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The unit has been added; its board can be printed."))
        return redirect("strategy:boards")
    return render(
        request,
        "record_form.html",
        {
            "form": form,
            "title": _("Add a unit"),
            "back": reverse("strategy:boards"),
            "section": _("Strategy"),
        },
    )


@roles_required(*OFFICE_ROLES)
def board_edit(request, pk: int):
    unit = get_object_or_404(Unit, pk=pk)
    form = UnitNamesForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The board's three lines have been saved."))
        return redirect("strategy:boards")
    return render(
        request,
        "record_form.html",
        {
            "form": form,
            "title": _("Entrance board"),
            "back": reverse("strategy:boards"),
            "section": _("Strategy"),
        },
    )


@roles_required(*OFFICE_ROLES, post_only=True)
def board_pdf(request, pk: int):
    unit = get_object_or_404(Unit, pk=pk)
    report = reports.report_request(
        kind="board", language=request.LANGUAGE_CODE, by=request.user, params={"unit": unit.pk}
    )
    return redirect("report_detail", pk=report.pk)


@roles_required(*OFFICE_ROLES, post_only=True)
def annual_report(request):
    year = services.current_year()
    if (asked := request.POST.get("year", "")).isdigit() and 1390 <= int(asked) <= 1500:
        year = int(asked)
    language = request.POST.get("language", request.LANGUAGE_CODE)
    if language not in dict(settings.LANGUAGES):
        language = request.LANGUAGE_CODE
    report = reports.report_request(
        kind="strategy",
        language=language,
        by=request.user,
        period=jalali.academic_year_bounds(year),
    )
    return redirect("report_detail", pk=report.pk)
