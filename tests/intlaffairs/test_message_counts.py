"""Counts in the messages views show after an action: the language's digits and its plural."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile

import exchanges.views
import mentoring.views
from intlaffairs.roles import Role

from ..exchanges.helpers import short_course

pytestmark = pytest.mark.django_db

PERSIAN_DIGITS = set("۰۱۲۳۴۵۶۷۸۹")
KURDISH_DIGITS = set("٠١٢٣٤٥٦٧٨٩")


def said(response) -> list[str]:
    """The messages waiting to be shown, oldest first (a redirect is not followed, so those
    of earlier requests of the same client are still there)."""
    return [str(message) for message in get_messages(response.wsgi_request)]


def no_latin_digit(text: str) -> bool:
    return not any(ch.isascii() and ch.isdigit() for ch in text)


def import_institutions(client, language: str, rows: list[str]):
    csv = "name,country,city,kind\n" + "".join(rows)
    url = f"/{language}/agreements/institutions/import/"
    file = SimpleUploadedFile("partners.csv", csv.encode())
    token = client.post(url, {"file": file}).context["token"]
    return client.post(url, {"confirm": token})


def written(response) -> str:
    """The sentence of the import's result that counts the rows written."""
    page = response.content.decode()
    start = page.index('role="status">') + len('role="status">')
    return page[start : page.index("<", start)].strip()


BAGHDAD = "University of Baghdad,IQ,Baghdad,university\n"
ANKARA = "Ankara University,TR,Ankara,university\n"


def test_an_import_of_one_row_says_row_in_the_singular(client_as, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = import_institutions(client_as(Role.OFFICER), "en", [BAGHDAD])
    assert written(response) == "1 row written."


def test_an_import_counts_its_rows_in_persian_digits(client_as, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    message = written(import_institutions(client_as(Role.OFFICER), "fa", [BAGHDAD, ANKARA]))
    assert "۲" in message and no_latin_digit(message)


@pytest.mark.parametrize(
    ("language", "issued", "expected"),
    [
        ("en", 1, "1 certificate issued; it is e-mailed to the participant."),
        ("en", 3, "3 certificates issued; they are e-mailed to the participants."),
    ],
)
def test_issued_certificates_are_counted_with_the_right_plural(
    client_as, monkeypatch, language, issued, expected
):
    monkeypatch.setattr(exchanges.views.services, "certificates_issue", lambda **_: issued)
    course = short_course()
    url = f"/{language}/exchanges/courses/{course.pk}/certificates/"
    response = client_as(Role.OFFICER).post(url)
    assert said(response) == [expected]


def test_issued_certificates_are_counted_in_kurdish_digits(client_as, monkeypatch):
    monkeypatch.setattr(exchanges.views.services, "certificates_issue", lambda **_: 12)
    course = short_course()
    [message] = said(
        client_as(Role.OFFICER).post(f"/ckb/exchanges/courses/{course.pk}/certificates/")
    )
    assert "١٢" in message and no_latin_digit(message)


def test_proposed_pairs_are_counted_with_the_right_plural_and_digits(client_as, monkeypatch):
    client = client_as(Role.OFFICER)
    monkeypatch.setattr(mentoring.views.services, "propose_matches", lambda **_: [object()])
    assert said(client.post("/en/mentoring/proposals/make/")) == [
        "1 pair proposed. Review it, then confirm."
    ]
    monkeypatch.setattr(mentoring.views.services, "propose_matches", lambda **_: [1, 2])
    message = said(client.post("/ckb/mentoring/proposals/make/"))[-1]
    assert "٢" in message and no_latin_digit(message)


def test_confirmed_pairs_are_counted_in_the_languages_digits(client_as):
    client = client_as(Role.OFFICER)
    assert said(client.post("/en/mentoring/proposals/confirm-all/")) == ["0 pairs confirmed."]
    message = said(client.post("/fa/mentoring/proposals/confirm-all/"))[-1]
    assert "۰" in message and no_latin_digit(message)
