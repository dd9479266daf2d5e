"""Dates of the portal as iCalendar: a person's feed at a secret address, and one record's dates.

Apps register the dates they own (`register(CalendarDate(...))` in their AppConfig.ready()): a
model's date field, the line a calendar shows for it, and which of the model's records concern
a person (by default everything `visible_to(user)` gives). Every event is an all-day event with
a UID that stays the same for the same record and field (`<app.model>-<pk>-<field>@<host>`), so
a calendar program updates an event rather than adding a second one when a date moves.

The feed needs no session: its address holds a random token (CalendarToken), which the person
can reset, and then the old address answers 404.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlparse

import icalendar
from django.conf import settings
from django.db import transaction
from django.db.models import DateTimeField, Model, QuerySet
from django.utils import timezone

from .models import CalendarToken, User

# A feed keeps the dates of the last three months too, so that what just passed stays in view;
# anything older would only grow the file that calendar programs fetch again and again.
PAST_DAYS = 90


@dataclass(frozen=True)
class CalendarDate:
    model: type[Model]
    field: str  # a DateField of `model` (a DateTimeField with `event`)
    summary: Callable[[Model], str]  # the event's title, called in the reader's language
    roles: tuple[str, ...] | None = None  # whose feed holds these dates; None: everyone's
    # The records whose date concerns `user` in their feed; model.objects.visible_to(user) if
    # None. A record's own download gives all its dates to whoever may see it.
    concerning: Callable[[User], QuerySet] | None = None
    related: tuple[str, ...] = ()  # select_related for the summary
    # A moment rather than a day (`field` a DateTimeField): the record's own event, with its
    # UID, times and place; called in the reader's language with the time stamp of the file.
    event: Callable[[Model, datetime], icalendar.Event] | None = None

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    def records_for(self, user: User) -> QuerySet:
        if self.concerning is not None:
            return self.concerning(user)
        return self.model.objects.visible_to(user)


_dates: list[CalendarDate] = []


def register(*dates: CalendarDate) -> None:
    """Add dates; apps call this from their AppConfig.ready()."""
    for item in dates:
        if item not in _dates:
            _dates.append(item)


def dates_of(label: str) -> list[CalendarDate]:
    """The registered dates of the model "app_label.model_name" (none if it has none)."""
    return [item for item in _dates if item.label == label]


def has_dates(record: Model) -> bool:
    """Whether `record` has a registered date that is set: its page offers the .ics then."""
    return any(getattr(record, item.field) for item in dates_of(record._meta.label_lower))


def host() -> str:
    """The portal's host name, the right-hand part of every UID it gives."""
    return urlparse(settings.PORTAL_URL).hostname or "localhost"


def _event(item: CalendarDate, record: Model, stamp: datetime) -> icalendar.Event:
    if item.event is not None:
        return item.event(record, stamp)
    day: date = getattr(record, item.field)
    event = icalendar.Event()
    event.add("uid", f"{item.label}-{record.pk}-{item.field}@{host()}")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", str(item.summary(record)))
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    if hasattr(record, "get_absolute_url"):
        event.add("url", settings.PORTAL_URL + record.get_absolute_url())
    return event


def _calendar(events: list[icalendar.Event], name: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//International Affairs Portal//{host()}//")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def feed(user: User, name: str) -> bytes:
    """The iCalendar file of every registered date that concerns `user`, from PAST_DAYS ago on,
    the summaries in the active language. Two queries or fewer per kind of date."""
    since = timezone.localdate() - timedelta(days=PAST_DAYS)
    stamp = timezone.now()
    since_moment = stamp - timedelta(days=PAST_DAYS)
    events = []
    for item in _dates:
        if item.roles is not None and not user.has_role(*item.roles):
            continue
        moments = isinstance(item.model._meta.get_field(item.field), DateTimeField)
        records = (
            item.records_for(user)
            .filter(**{f"{item.field}__gte": since_moment if moments else since})
            .select_related(*item.related)
            .order_by(item.field, "pk")
        )
        events.extend(_event(item, record, stamp) for record in records)
    return _calendar(events, name)


def record_file(record: Model, name: str) -> bytes:
    """The iCalendar file of `record`'s registered dates that are set (fetch it through the
    model's visible_to() first)."""
    stamp = timezone.now()
    events = [
        _event(item, record, stamp)
        for item in dates_of(record._meta.label_lower)
        if getattr(record, item.field)
    ]
    return _calendar(events, name)


@transaction.atomic
def calendar_token_reset(*, user: User) -> CalendarToken:
    """Gives `user` a new feed address; the previous one, if any, stops working."""
    token, _created = CalendarToken.objects.select_for_update().update_or_create(
        user=user,
        defaults={"token": secrets.token_urlsafe(32), "created_at": timezone.now()},
    )
    return token


def user_for_token(token: str) -> User | None:
    """The active user whose feed address holds `token`, or None."""
    found = (
        CalendarToken.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )
    return found.user if found else None
