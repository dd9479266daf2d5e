"""Kurdish pages name countries in Central Kurdish (locale/countries), not in the Persian that
Django falls back to for the names django-countries has no ckb catalog for."""

import re

import pytest
from django.utils import translation
from django_countries import countries
from django_countries.fields import Country

from agreements.forms import InstitutionForm
from intlaffairs.countries import country_names

from ..factories import InstitutionFactory

# Names that Persian and Sorani spell alike (چین, پاکستان, ...); every other country must differ.
SPELLED_ALIKE = {
    "BI", "BJ", "BS", "CN", "FJ", "GM", "KI", "MG", "ML", "MM", "MQ",
    "MW", "NA", "PA", "PH", "PK", "TJ", "TW", "TZ", "WS", "ZM",
}  # fmt: skip
ARABIC_SCRIPT = re.compile(r"^[\u0600-\u06ff\u200c ()،,.'-]+$")


def names_in(language: str) -> dict[str, str]:
    with translation.override(language):
        return {code: str(name) for code, name in countries}


def test_every_country_has_a_kurdish_name_in_arabic_script():
    kurdish = names_in("ckb")
    assert len(kurdish) >= 249
    not_kurdish = {code: name for code, name in kurdish.items() if not ARABIC_SCRIPT.match(name)}
    assert not_kurdish == {}


def test_kurdish_names_differ_from_persian_where_the_languages_spell_them_differently():
    kurdish, persian = names_in("ckb"), names_in("fa")
    alike = {code for code in kurdish if kurdish[code] == persian[code]}
    assert alike == SPELLED_ALIKE
    assert kurdish["IQ"] == "عێراق" and persian["IQ"] == "عراق"
    assert [kurdish[code] for code in ("IR", "TR", "SY", "DE")] == [
        "ئێران",
        "تورکیا",
        "سووریا",
        "ئەڵمانیا",
    ]


def test_the_names_spelled_alike_come_from_the_kurdish_catalog_not_the_persian_fallback():
    """A name missing from the ckb catalog falls back to Persian, which those spelled alike would
    hide; the ckb catalog (without its fallback) must hold each of them."""
    kurdish = translation.trans_real.translation("ckb")
    translation.deactivate_all()  # names as django-countries writes them: the msgids
    msgids = {code: str(name) for code, name in countries}
    missing = [code for code in sorted(SPELLED_ALIKE) if msgids[code] not in kurdish._catalog]
    assert missing == []


def test_country_values_forms_and_the_cached_table_speak_kurdish():
    with translation.override("ckb"):
        assert Country("SY").name == "سووریا"
        assert country_names()["GB"] == "شانشینی یەکگرتوو"
        choices = dict(InstitutionForm().fields["country"].choices)
        assert choices["IQ"] == "عێراق"


@pytest.mark.django_db
def test_a_kurdish_page_shows_kurdish_country_names(client, officer):
    InstitutionFactory(country="IQ")
    client.force_login(officer)
    page = client.get("/ckb/agreements/institutions/").content.decode()
    assert "عێراق" in page
    assert "عراق" not in page  # the Persian name
