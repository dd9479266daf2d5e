"""Country names in the active language, made once per language and process.

django-countries translates and sorts its some 250 names every time it is iterated. The
agreements list iterated it for its country filter and the applications list for
`dict(countries)`, and that was about a tenth of each page's time (make bench).
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
