"""Interviews: the office, or a reviewer of the program's unit, offers an applicant at the
interview stage some times, the applicant books one, and the panel records its report (or that
the applicant did not come).

Times are stored in UTC. The applicant reads them in their own time zone (intlaffairs.timezones),
the office in the university's. Every message about a booked interview carries an iCalendar
invitation (RFC 5545) with one UID per slot: booking sends METHOD:REQUEST, a change of time or
place sends REQUEST again with a higher SEQUENCE, and cancelling sends METHOD:CANCEL with
STATUS:CANCELLED, so the applicant's calendar program updates or removes the one event.

The slot's states change only through the workflow (students/workflows.py, INTERVIEW_SLOT); the
services here write the slot's other fields and then take the step.
"""

from datetime import UTC, datetime

import icalendar
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from intlaffairs import calendars, timezones, workflow
from intlaffairs.models import User

from . import services
from .models import SCORE_FIELDS, Application, InterviewSlot, Stage

State = InterviewSlot.State
OFFICE = services.OFFICE
# What a slot's time, length, mode and panel are: the fields a change of the interview sends.
ARRANGEMENT = ("starts_at", "duration_minutes", "mode", "link", "place", "panel")


def uid(slot: InterviewSlot) -> str:
    """The same for every message about the slot, whatever changes: calendars match on it."""
    return f"students.interviewslot-{slot.pk}@{calendars.host()}"


def summary(slot: InterviewSlot) -> str:
    program = slot.application.program
    return gettext("Interview: %(program)s, Kermanshah University of Medical Sciences") % {
        "program": program.name if program else slot.application.reference
    }


def event(slot: InterviewSlot, stamp: datetime) -> icalendar.Event:
    """The slot as a VEVENT, in the active language: its times in UTC, where it happens (the
    place, or the link of an online interview), the panel, its UID and SEQUENCE."""
    item = icalendar.Event()
    item.add("uid", uid(slot))
    item.add("sequence", slot.sequence)
    item.add("dtstamp", stamp)
    item.add("dtstart", slot.starts_at.astimezone(UTC))
    item.add("dtend", slot.ends_at.astimezone(UTC))
    item.add("summary", summary(slot))
    lines = [gettext("Panel: %(names)s") % {"names": slot.panel}]
    if slot.mode == InterviewSlot.Mode.ONLINE:
        item.add("url", slot.link)
        item.add("location", slot.link)
        lines.append(gettext("Online: %(link)s") % {"link": slot.link})
    else:
        item.add("location", slot.place)
    item.add("description", "\n".join(lines))
    status = {
        State.CANCELLED: "CANCELLED",
        State.OFFERED: "TENTATIVE",
    }.get(slot.state, "CONFIRMED")
    item.add("status", status)
    organizer = icalendar.vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    organizer.params["cn"] = icalendar.vText(gettext("International Affairs Office"))
    item.add("organizer", organizer)
    applicant = slot.application.applicant
    attendee = icalendar.vCalAddress(f"mailto:{applicant.email}")
    attendee.params["cn"] = icalendar.vText(slot.application.name_latin or applicant.email)
    attendee.params["role"] = icalendar.vText("REQ-PARTICIPANT")
    item.add("attendee", attendee)
    return item


def ics(slot: InterviewSlot, *, method: str) -> bytes:
    """The invitation file of an e-mail: METHOD:REQUEST (booked, changed) or METHOD:CANCEL."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//International Affairs Portal//{calendars.host()}//")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add_component(event(slot, timezone.now()))
    return calendar.to_ical()


def concerning(user: User):
    """The interviews in a person's calendar feed: an applicant's own booked ones, a reviewer's
    those of their units' files, for the office every booked one."""
    return InterviewSlot.objects.visible_to(user).taken()


def tell(slot: InterviewSlot, template: str, *, method: str = "", **context) -> None:
    """E-mail the applicant about `slot` in their language, its times in their time zone; with
    the invitation file when `method` is given."""
    person = slot.application.applicant
    language = person.preferred_language
    attachment = None
    if method:
        with translation.override(language):
            attachment = ("interview.ics", ics(slot, method=method))
    services.tell_applicant(
        slot.application,
        template,
        slot=slot,
        time_zone=timezones.zone_of(person).key,
        attachment=attachment,
        **context,
    )


def applicant_slots(application: Application) -> dict:
    """What the applicant's page shows: the booked (or held) interview, else the times on offer
    still ahead."""
    slots = list(application.interview_slots.exclude(state=State.CANCELLED))
    booked = next((slot for slot in slots if slot.state != State.OFFERED), None)
    now = timezone.now()
    return {
        "interview": booked,
        "interview_choices": []
        if booked
        else [slot for slot in slots if slot.state == State.OFFERED and slot.starts_at > now],
        "interview_time_zone": timezones.zone_of(application.applicant).key,
    }


# --- The office's and the reviewers' writes


def arranges(user, application: Application) -> bool:
    """Whether `user` may offer, move, cancel and report `application`'s interviews: office
    staff, or a reviewer of its unit while the file is with the faculty."""
    return user is not None and application.interviews_arranged_by(user)


def _arrangement_checked(slot: InterviewSlot) -> None:
    if slot.starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("The interview must start in the future.")})
    slot.full_clean(exclude=["application", "offered_by", "state"])


@transaction.atomic
def interview_offer(*, application: Application, by: User, **arrangement) -> InterviewSlot:
    """Offer `application`'s applicant one more time for their interview (`arrangement`: the
    ARRANGEMENT fields) and tell them."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not arranges(by, application):
        raise ValidationError(NOT_AN_ARRANGER)
    if application.stage != Stage.INTERVIEW:
        raise ValidationError(
            _("Interview times can be offered only while the application is at the interview.")
        )
    slot = InterviewSlot(application=application, offered_by=by, **arrangement)
    _arrangement_checked(slot)
    slot.save()
    tell(slot, "interview_offered")
    return slot


@transaction.atomic
def interview_change(
    *, slot: InterviewSlot, by: User, note: str = "", **arrangement
) -> InterviewSlot:
    """Move a booked interview (another time, length, mode or panel): the applicant gets the
    invitation again, the same UID with a higher SEQUENCE."""
    locked = InterviewSlot.objects.select_for_update().get(pk=slot.pk)
    for name, value in arrangement.items():
        setattr(locked, name, value)
    _arrangement_checked(locked)
    locked.save(update_fields=list(arrangement))
    return workflow.move(locked, "reschedule", by=by, note=note)


@transaction.atomic
def interview_report(
    *, slot: InterviewSlot, by: User, recommendation: str, notes: str = "", **scores: int
) -> InterviewSlot:
    """The panel's report on an interview that has taken place: a score for each of
    SCORE_FIELDS, the recommendation and notes."""
    if set(scores) != set(SCORE_FIELDS):
        raise TypeError(f"scores are {SCORE_FIELDS}")
    InterviewSlot.objects.filter(pk=slot.pk, state=State.BOOKED).update(
        recommendation=recommendation, report_notes=notes, **scores
    )
    return workflow.move(slot, "report", by=by)


# --- The workflow's rules and effects (declared in students/workflows.py)

NOT_AN_ARRANGER = _(
    "The office or a reviewer of the program's school or department arranges interviews."
)


def an_arranger(slot, user):
    if not arranges(user, slot.application):
        return NOT_AN_ARRANGER
    return None


def the_applicant(slot, user):
    if slot.application.applicant_id != user.pk:
        return _("Only the applicant chooses the time of their interview.")
    return None


def at_interview_stage(slot, user):
    if slot.application.stage != Stage.INTERVIEW:
        return _("The application is no longer at the interview stage.")
    return None


def ahead(slot, user):
    if slot.starts_at <= timezone.now():
        return _("This time has passed.")
    return None


def started(slot, user):
    if slot.starts_at > timezone.now():
        return _("The interview has not started yet.")
    return None


def none_booked(slot, user):
    if slot.application.interview_slots.taken().exclude(pk=slot.pk).exists():
        return _("Another time is already booked for this interview; cancel it first.")
    return None


def report_written(slot, user):
    if not slot.recommendation or any(getattr(slot, name) is None for name in SCORE_FIELDS):
        return _("Give every score and the recommendation in the report form.")
    return None


def booked(slot, change) -> None:
    """The first booking is SEQUENCE 0; booking again after a release follows the CANCEL the
    release sent, so it must be newer still."""
    if slot.sequence:
        slot.sequence += 1


def resent(slot, change) -> None:
    """A message the applicant's calendar must take as newer than the last one."""
    slot.sequence += 1


def send_invitation(slot, change) -> None:
    tell(slot, "interview_invitation", method="REQUEST", note=change.note)


def send_update(slot, change) -> None:
    tell(slot, "interview_invitation", method="REQUEST", note=change.note, changed=True)


def resent_if_booked(slot, change) -> None:
    if change.from_state == State.BOOKED:
        slot.sequence += 1


def send_cancellation(slot, change) -> None:
    """Only an invitation the applicant holds needs cancelling; an unbooked offer goes quietly."""
    if change.from_state == State.BOOKED:
        tell(slot, "interview_cancelled", method="CANCEL", note=change.note, by_office=True)


def send_release(slot, change) -> None:
    tell(slot, "interview_cancelled", method="CANCEL", note=change.note)
