"""The time zone a person reads times in: chosen at sign-up (the browser's by default) and on
their profile; the office reads times in the university's zone (settings.TIME_ZONE)."""

import functools
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@functools.cache
def available() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def choices() -> list[tuple[str, str]]:
    """Every IANA zone by name ("Asia/Baghdad"), sorted; names are not translated."""
    return [(name, name.replace("_", " ")) for name in sorted(available())]


def validate_time_zone(value: str) -> None:
    if value and value not in available():
        raise ValidationError(
            _("“%(value)s” is not a time zone; choose one from the list."),
            code="invalid_time_zone",
            params={"value": value},
        )


def zone_of(user) -> zoneinfo.ZoneInfo:
    """The zone `user` reads times in: their own, or the university's."""
    name = getattr(user, "time_zone", "") or settings.TIME_ZONE
    return zoneinfo.ZoneInfo(name if name in available() else settings.TIME_ZONE)


def office_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)
