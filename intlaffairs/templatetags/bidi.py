"""Direction of free text typed by people, for rtl pages and PDFs that show Latin text (and the
other way round): <div dir="{{ note|direction }}"> keeps "Signed in Rome." from becoming
".Signed in Rome" in a Persian page."""

import unicodedata

from django import template

register = template.Library()


@register.filter
def direction(value) -> str:
    """ "rtl" or "ltr" from the first strongly directional character; "auto" when there is none."""
    for char in str(value or ""):
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "auto"
