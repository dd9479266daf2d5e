"""Country names in the active language, made once per language and process.

In the portal's requests, iterating django-countries' `countries` translated its some 250
names again on every pass (the profile of the agreements list counted about 500 translations a
request, from its country filter; the applications list built `dict(countries)`): about a tenth
of each page's time (make bench). This table is made once per language.
"""

import functools
from types import MappingProxyType

from django.conf import settings
from django.utils import translation
from django_countries import countries


@functools.lru_cache(maxsize=8)
def _names(language: str) -> MappingProxyType:
    with translation.override(language):
        return MappingProxyType({code: str(name) for code, name in countries})


def country_names() -> MappingProxyType:
    """Code to name in the active language, sorted by name (read-only)."""
    return _names(translation.get_language() or settings.LANGUAGE_CODE)
