"""The public home, the dashboard, the language switch and the layout every page shares."""

import re
from types import SimpleNamespace

import jdatetime
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from intlaffairs.roles import Role

LANGUAGES = [("fa", "rtl"), ("en", "ltr"), ("ckb", "rtl"), ("ar", "rtl")]


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "direction"), LANGUAGES)
def test_public_home_has_lang_and_dir_in_each_language(client, language, direction):
    response = client.get(f"/{language}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}" dir="{direction}">' in html
    stylesheet = "bootstrap.rtl.min" if direction == "rtl" else "bootstrap.min"
    assert stylesheet in html


@pytest.mark.django_db
def test_root_redirects_to_persian(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/fa/"


@pytest.mark.django_db
def test_home_is_translated(client):
    with translation.override("fa"):
        expected = translation.gettext("What the office offers")
    assert expected != "What the office offers", "the Persian catalog is not compiled"
    assert expected in client.get("/fa/").content.decode()


def test_dashboard_shows_only_the_navigation_of_the_users_role(client_as):
    client = client_as(Role.OFFICER)
    html = client.get("/en/dashboard/").content.decode()
    assert "Administration" not in html
    client = client_as(Role.ADMINISTRATOR)
    html = client.get("/en/dashboard/").content.decode()
    assert reverse("admin:index") in html


PERSIAN_MONTHS = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
]


def test_dashboard_shows_today_in_jalali_with_persian_digits(client_as):
    html = client_as(Role.OFFICER).get("/fa/dashboard/").content.decode()
    shown = html.split('data-testid="today">')[1].split("<")[0]
    # Today's Solar Hijri day, month name and year, worked out here with jdatetime and written
    # in Persian digits: a Gregorian date (in any digits) does not pass.
    today = jdatetime.date.fromgregorian(date=timezone.localdate())
    expected = f"{today.day} {PERSIAN_MONTHS[today.month - 1]} {today.year}"
    assert shown == expected.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def test_language_switch_keeps_the_page_and_remembers_the_choice(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("set_language"),
        {"language": "ckb", "next": "/fa/dashboard/"},
        headers={"accept-language": "en-US,en;q=0.9"},  # as a browser sends it
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/ckb/dashboard/"
    officer.refresh_from_db()
    assert officer.preferred_language == "ckb"


def test_language_switch_rejects_unknown_languages(client, officer):
    client.force_login(officer)
    response = client.post(reverse("set_language"), {"language": "xx", "next": "/fa/dashboard/"})
    # The switch was reached and kept the page and the language: no cookie, no change.
    assert response.status_code == 302
    assert response.headers["Location"] == "/fa/dashboard/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    officer.refresh_from_db()
    assert officer.preferred_language == "fa"


@pytest.mark.parametrize("role", [Role.OFFICER, Role.MANAGER, Role.ADMINISTRATOR])
def test_staff_sessions_expire_after_thirty_idle_minutes(client_as, role):
    client = client_as(role)
    client.get("/fa/dashboard/")
    assert client.session.get_expiry_age() == 30 * 60


@pytest.mark.parametrize("role", [Role.APPLICANT, Role.FACULTY, Role.MENTOR])
def test_other_sessions_keep_the_normal_age(client_as, role, settings):
    client = client_as(role)
    client.get("/fa/dashboard/")
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


@pytest.mark.django_db
def test_every_response_carries_the_security_headers(client):
    for url in ("/fa/", "/en/no-such-page/", "/fa/accounts/login/"):
        response = client.get(url)
        csp = response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp
        assert "'unsafe-inline'" not in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "camera=()" in response.headers["Permissions-Policy"]
        assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"


@pytest.mark.django_db
def test_a_server_error_is_our_page_with_the_security_headers(client, monkeypatch):
    import intlaffairs.views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(intlaffairs.views, "render", broken)
    client.raise_request_exception = False
    response = client.get("/en/")
    assert response.status_code == 500
    assert "boom" not in response.content.decode()
    assert 'lang="en"' in response.content.decode()
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response.headers["Permissions-Policy"]


@pytest.mark.django_db
def test_not_found_page_is_ours_and_translated(client):
    response = client.get("/ckb/no-such-page/")
    assert response.status_code == 404
    assert 'lang="ckb"' in response.content.decode()


@pytest.mark.django_db
def test_pages_refer_to_no_other_host(client):
    # Absolute addresses of this host only: hreflang, canonical and OpenGraph need them. Two
    # others are names, not links the page loads: schema.org's vocabulary in the structured
    # data, and the university's own website it names as the same organization (sameAs).
    from website.structured_data import UNIVERSITY_WEBSITE

    html = client.get("/en/").content.decode().replace("http://testserver/", "")
    html = html.replace("https://schema.org", "").replace(f'"{UNIVERSITY_WEBSITE}"', "")
    assert "http://" not in html.replace("http://www.w3.org", "")
    assert "https://" not in html


def test_a_busy_staff_session_is_written_at_most_once_a_minute(client_as, monkeypatch):
    """Each request pushes the idle expiry forward, but the session row is written only when
    a minute has passed since the last push (a write per request cost most of a request)."""
    from intlaffairs import middleware

    client = client_as(Role.OFFICER)
    client.get("/fa/dashboard/")
    first = client.session[middleware.SESSION_SEEN]
    clock = first + 30
    monkeypatch.setattr(middleware, "time", SimpleNamespace(time=lambda: clock))
    client.get("/fa/dashboard/")
    assert client.session[middleware.SESSION_SEEN] == first  # not written again
    clock = first + 61
    client.get("/fa/dashboard/")
    assert client.session[middleware.SESSION_SEEN] == first + 61
    assert client.session.get_expiry_age() == 30 * 60


def test_the_navigation_marks_one_section_the_longest_that_holds_the_page(client_as):
    client = client_as(Role.OFFICER)
    for path, section in [
        ("/en/agreements/institutions/", "/en/agreements/institutions/"),
        ("/en/agreements/", "/en/agreements/"),
        ("/en/dashboard/", "/en/dashboard/"),
    ]:
        html = client.get(path).content.decode()
        current = re.findall(r'<a [^>]*href="([^"]+)"[^>]*aria-current="page"', html)
        assert current == [section], (path, current)
