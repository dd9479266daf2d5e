"""What every public page of the portal draws in its head and footer: the `hreflang`
alternates of the page in each language and x-default, its OpenGraph address and locale, and
the office's published pages for the footer menu. Private pages (anything not @public) get
none of it, and pay no query for it."""

from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from intlaffairs.access import PUBLIC

from .models import Page

# OpenGraph wants a locale (language_TERRITORY); the territory where each is read.
OG_LOCALES = {"fa": "fa_IR", "en": "en_US", "ckb": "ckb_IQ", "ar": "ar_IQ"}


def is_public(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and getattr(match.func, "access_policy", None) is PUBLIC


def alternates(request) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) of the page in every language, then x-default: the address
    without a language prefix, which sends each visitor to theirs."""
    here = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        links.append((code, request.build_absolute_uri(translate_url(request.path, code))))
    unprefixed = request.path.removeprefix(f"/{here}/")
    links.append(("x-default", request.build_absolute_uri("/" + unprefixed)))
    return links


def public_site(request) -> dict:
    if not is_public(request):
        return {"public_page": False}
    language = get_language()
    return {
        "public_page": True,
        "page_alternates": SimpleLazyObject(lambda: alternates(request)),
        "page_url": request.build_absolute_uri(request.path),
        "og_locale": OG_LOCALES.get(language, language),
        "og_locale_alternates": [
            OG_LOCALES.get(code, code) for code, _name in settings.LANGUAGES if code != language
        ],
        "site_pages": SimpleLazyObject(
            lambda: list(
                Page.objects.published().only(
                    "slug", *(f"title_{code}" for code, _name in settings.LANGUAGES)
                )
            )
        ),
    }
