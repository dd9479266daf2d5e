"""The interview page of an application, for the office and for the reviewers of its unit
while the file is with the faculty (one page, one template): the times offered, the booked
interview moved, the panel's report. Cancelling and the no-show are workflow steps (the step
page); the applicant books on their own application's page and downloads the .ics from the
calendar link. Anyone else gets a 404 (a reviewer of another unit) or a 403 (other roles).

A refused form comes back on the page with what was typed and why, the page answering 400."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from intlaffairs import timezones
from intlaffairs.access import OFFICE_ROLES, roles_required
from intlaffairs.roles import Role

from . import interviews
from .forms import InterviewChangeForm, InterviewReportForm, InterviewSlotForm
from .models import Application, InterviewSlot

ARRANGERS = (*OFFICE_ROLES, Role.FACULTY)


def _application(request, pk: int) -> Application:
    return get_object_or_404(
        Application.objects.interviews_arranged_by(request.user).select_related(
            "program", "applicant"
        ),
        pk=pk,
    )


def _slot(request, pk: int) -> InterviewSlot:
    arranged = Application.objects.interviews_arranged_by(request.user)
    return get_object_or_404(
        InterviewSlot.objects.filter(application__in=arranged).select_related(
            "application__program", "application__applicant"
        ),
        pk=pk,
    )


def _change_form(slot: InterviewSlot, data=None) -> InterviewChangeForm:
    return InterviewChangeForm(data, instance=slot, prefix=f"change-{slot.pk}")


def _report_form(slot: InterviewSlot, data=None) -> InterviewReportForm:
    return InterviewReportForm(data, instance=slot, prefix=f"report-{slot.pk}")


def _page(request, application: Application, failed: dict | None = None):
    """`failed`: the form that was refused, by "offer" or (kind, slot pk)."""
    failed = failed or {}
    slots = list(application.interview_slots.prefetch_related("moves__by"))
    for slot in slots:
        slot.change_form = failed.get(("change", slot.pk)) or _change_form(slot)
        slot.report_form = failed.get(("report", slot.pk)) or _report_form(slot)
    return render(
        request,
        "students/interviews.html",
        {
            "application": application,
            "slots": slots,
            "offer_form": failed.get("offer") or InterviewSlotForm(prefix="offer"),
            "office_zone": timezones.office_zone().key,
            "applicant_zone": timezones.zone_of(application.applicant).key,
        },
        status=400 if failed else 200,
    )


def _refused(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@roles_required(*ARRANGERS, scoped=(Role.FACULTY,))
def interview_list(request, pk: int):
    """The application's interview times; a POST offers one more."""
    application = _application(request, pk)
    if request.method != "POST":
        return _page(request, application)
    form = InterviewSlotForm(request.POST, prefix="offer")
    if form.is_valid():
        try:
            interviews.interview_offer(
                application=application, by=request.user, **form.arrangement()
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The time is offered; the applicant has been told."))
            return redirect("students:interview_list", pk=application.pk)
    return _page(request, application, {"offer": form})


@roles_required(*ARRANGERS, scoped=(Role.FACULTY,), post_only=True)
def interview_change(request, pk: int):
    """A booked interview moved: the applicant gets the updated invitation."""
    slot = _slot(request, pk)
    form = _change_form(slot, request.POST)
    if form.is_valid():
        try:
            interviews.interview_change(
                slot=slot,
                by=request.user,
                note=form.cleaned_data["note"],
                **form.arrangement(),
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The interview is changed; the applicant has been told."))
            return redirect("students:interview_list", pk=slot.application_id)
    return _page(request, slot.application, {("change", slot.pk): form})


@roles_required(*ARRANGERS, scoped=(Role.FACULTY,), post_only=True)
def interview_report(request, pk: int):
    """The panel's report on an interview that has taken place."""
    slot = _slot(request, pk)
    form = _report_form(slot, request.POST)
    if form.is_valid():
        try:
            interviews.interview_report(slot=slot, by=request.user, **form.report())
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The panel's report is recorded."))
            return redirect("students:interview_list", pk=slot.application_id)
    return _page(request, slot.application, {("report", slot.pk): form})
