"""The reports pages: ask for a report, watch its progress, download it."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import jalali, reports
from .access import OFFICE_ROLES, roles_required
from .dashboard import Panel
from .filters import OutboxFilter
from .jalali import JalaliDateField
from .models import OutgoingMail, ReportRequest
from .roles import Role
from .uploads import file_response

MANAGERS = reports.MANAGERS


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Report"))
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=settings.LANGUAGES)
    period = forms.ChoiceField(
        label=gettext_lazy("Period"),
        choices=[
            ("year", gettext_lazy("An academic year")),
            ("range", gettext_lazy("From a date to a date")),
        ],
        widget=forms.RadioSelect,
        initial="year",
    )
    academic_year = forms.TypedChoiceField(
        label=gettext_lazy("Academic year"), coerce=int, required=False
    )
    start = JalaliDateField(label=gettext_lazy("From"), required=False)
    end = JalaliDateField(label=gettext_lazy("To"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind.key, kind.title) for kind in reports.kinds_for(user)]
        this_year = jalali.academic_year(timezone.localdate())
        self.fields["academic_year"].choices = [
            (year, jalali.academic_year_label(year)) for year in range(this_year, this_year - 8, -1)
        ]
        self.fields["academic_year"].initial = this_year

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("period") == "range":
            start, end = cleaned.get("start"), cleaned.get("end")
            if not start or not end:
                raise forms.ValidationError(_("Enter both dates of the period."))
            if end < start:
                self.add_error("end", _("The end date must not be before the start date."))
            cleaned["bounds"] = (start, end)
        elif cleaned.get("academic_year"):
            cleaned["bounds"] = jalali.academic_year_bounds(cleaned["academic_year"])
        return cleaned


def get_request_for_user(user, pk: int) -> ReportRequest:
    return get_object_or_404(reports.visible_requests(user), pk=pk)


@roles_required(*MANAGERS)
def report_list(request):
    form = ReportForm(
        request.POST or None,
        user=request.user,
        initial={"language": request.LANGUAGE_CODE},
    )
    if request.method == "POST" and form.is_valid():
        report = reports.report_request(
            kind=form.cleaned_data["kind"],
            language=form.cleaned_data["language"],
            period=form.cleaned_data.get("bounds"),
            by=request.user,
        )
        return redirect("report_detail", pk=report.pk)
    recent = reports.visible_requests(request.user)[:30]
    return render(request, "reports/list.html", {"form": form, "recent": recent})


@roles_required(*OFFICE_ROLES, scoped=(Role.OFFICER,))
def report_detail(request, pk: int):
    report = get_request_for_user(request.user, pk)
    return render(request, "reports/detail.html", {"report": report})


@roles_required(*OFFICE_ROLES, scoped=(Role.OFFICER,))
def report_progress(request, pk: int):
    """The progress box alone, polled by htmx while the report is being made."""
    report = get_request_for_user(request.user, pk)
    return render(request, "reports/partials/progress.html", {"report": report})


@roles_required(*OFFICE_ROLES, scoped=(Role.OFFICER,))
def report_download(request, pk: int):
    report = get_request_for_user(request.user, pk)
    if report.status != ReportRequest.Status.DONE or not report.file:
        raise Http404
    name = f"{report.kind}-{report.created_at:%Y%m%d}-{report.language}"
    return file_response(report.file, name=name)


@roles_required(*OFFICE_ROLES, scoped=(Role.OFFICER,), post_only=True)
def report_retry(request, pk: int):
    report = get_request_for_user(request.user, pk)
    if report.status == ReportRequest.Status.FAILED:
        reports.report_retry(request=report)
        messages.info(request, _("The report has been queued again."))
    return redirect("report_detail", pk=report.pk)


OUTBOX_PAGE_SIZE = 50


@roles_required(*MANAGERS)
def outbox_list(request):
    """The portal's e-mails, newest first; failed ones first of all, with the reason."""
    filters = OutboxFilter(request.GET, queryset=OutgoingMail.objects.order_by("-created_at"))
    page = Paginator(filters.qs, OUTBOX_PAGE_SIZE).get_page(request.GET.get("page"))
    status = filters.form.cleaned_data.get("status")
    return render(
        request,
        "reports/outbox.html",
        {
            "page": page,
            "filter": filters,
            "status": status,
            "statuses": OutgoingMail.Status.choices,
            "failed": OutgoingMail.objects.filter(status=OutgoingMail.Status.FAILED).count(),
            "query_string": f"status={status}" if status else "",
        },
    )


def _failed_mail(request) -> dict | None:
    failed = OutgoingMail.objects.filter(status=OutgoingMail.Status.FAILED).count()
    return {"failed": failed} if failed else None


failed_mail_panel = Panel(
    name="failed-mail",
    template="reports/panels/failed_mail.html",
    roles=MANAGERS,
    context=_failed_mail,
    order=0,
)
