"""Signing in with e-mail, password reset by e-mail in the user's language, rate limits."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from intlaffairs.roles import Role

from ..factories import PASSWORD, totp_code


def test_user_signs_in_with_email_and_lands_on_the_dashboard(client, officer):
    response = client.post("/en/accounts/login/", {"login": officer.email, "password": PASSWORD})
    assert response.headers["Location"] == "/en/accounts/2fa/authenticate/"  # staff: a code too
    response = client.post(
        "/en/accounts/2fa/authenticate/", {"code": totp_code(officer.totp_secret)}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/en/dashboard/"


def test_wrong_password_is_refused_with_a_translated_message(client, officer):
    response = client.post("/fa/accounts/login/", {"login": officer.email, "password": "nope"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "alert" in html
    assert "The email address and/or password you specified are not correct." not in html


@pytest.mark.parametrize("language", ["fa", "en", "ckb", "ar"])
def test_password_reset_mail_is_written_in_the_users_language(
    client, make_user, language, django_capture_on_commit_callbacks
):
    user = make_user(Role.FACULTY, preferred_language=language)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/password/reset/", {"email": user.email})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    with translation.override(language):
        subject = translation.gettext("Choose a new password")
    assert message.subject == subject
    link = re.search(r"http://\S+/password/reset/key/\S+", message.body).group(0)
    assert reverse("account_reset_password") in message.body or link


def test_password_reset_link_lets_the_user_choose_a_new_password(
    client, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/password/reset/", {"email": officer.email})
    link = re.search(r"http://testserver(\S+/password/reset/key/\S+)", mail.outbox[0].body)[1]
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    response = client.post(
        form_url, {"password1": "a-new-long-passphrase-7", "password2": "a-new-long-passphrase-7"}
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("a-new-long-passphrase-7")


@pytest.mark.django_db
def test_seed_demo_refuses_without_permission_and_is_idempotent(settings):
    from django.core.management import CommandError, call_command

    from intlaffairs.models import User

    settings.ALLOW_DEMO_DATA = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()
    settings.ALLOW_DEMO_DATA = True
    call_command("seed_demo")
    first = User.objects.count()
    call_command("seed_demo")
    assert User.objects.count() == first
    demo_emails = [f"{name}@example.org" for name in ("admin", "manager", "officer", "faculty")]
    assert User.objects.filter(email__in=demo_emails).count() == 4
    officer = User.objects.get(email="officer@example.org")
    assert officer.has_role(Role.OFFICER) and officer.check_password("demo-pass-2026")
    assert User.objects.get(email="admin@example.org").is_superuser
    from agreements.models import Agreement, Institution

    assert Institution.objects.count() >= 30
    statuses = set(Agreement.objects.values_list("status", flat=True))
    assert statuses == set(Agreement.Status.values)


def test_a_new_address_is_confirmed_through_the_link_mailed_in_the_users_language(
    client, make_user, django_capture_on_commit_callbacks
):
    from allauth.account.models import EmailAddress

    user = make_user(Role.FACULTY, preferred_language="ckb")
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/email/", {"action_add": "", "email": "second@example.org"})
    assert len(mail.outbox) == 1
    with translation.override("ckb"):
        assert mail.outbox[0].subject == translation.gettext("Confirm your e-mail address")
    link = re.search(r"http://testserver(\S+/confirm-email/\S+/)", mail.outbox[0].body)[1]
    assert client.get(link).status_code == 200
    client.post(link)
    assert EmailAddress.objects.get(email="second@example.org").verified


def test_repeated_failures_lock_the_account_out_even_with_the_right_password(client, officer):
    for _ in range(5):
        client.post("/en/accounts/login/", {"login": officer.email, "password": "wrong"})
    response = client.post("/en/accounts/login/", {"login": officer.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_failures_for_an_unknown_address_look_the_same_as_for_a_known_one(client, officer):
    known = client.post("/en/accounts/login/", {"login": officer.email, "password": "x"})
    unknown = client.post("/en/accounts/login/", {"login": "nobody@example.org", "password": "x"})
    assert known.status_code == unknown.status_code == 200
    message = "The e-mail address or the password is not correct."
    assert message in known.content.decode() and message in unknown.content.decode()


def test_the_eleventh_failure_from_one_address_is_refused_even_with_the_right_password(
    client, make_user
):
    """Ten failures spread over ten accounts (under each account's own limit) lock the
    address out: the eleventh attempt fails although its password is right."""
    for number in range(10):
        client.post(
            "/en/accounts/login/", {"login": f"guess{number}@example.org", "password": "wrong"}
        )
    person = make_user(Role.OFFICER, email="fresh@test.example")
    response = client.post("/en/accounts/login/", {"login": person.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_a_locked_out_unknown_address_looks_like_a_locked_out_known_one(client, officer):
    """Once locked out, the page for an unknown address is the page for a known one, except
    for the address typed and the form's CSRF token."""

    def locked_out_page(email: str) -> str:
        cache.clear()
        for _ in range(5):
            client.post("/en/accounts/login/", {"login": email, "password": "wrong"})
        page = client.post("/en/accounts/login/", {"login": email, "password": "x"})
        assert page.status_code == 200
        html = page.content.decode().replace(email, "ADDRESS")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "TOKEN", html)

    known, unknown = locked_out_page(officer.email), locked_out_page("nobody@example.org")
    assert "Too many failed sign-in attempts" in known
    assert known == unknown


def test_behind_the_proxy_each_visitor_is_throttled_by_their_own_address(
    client, make_user, settings
):
    """Through the TLS proxy every request comes from the proxy: the limits must count the
    address the proxy forwards, or one visitor's failures would lock everybody out."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for number in range(10):
        client.post(
            "/en/accounts/login/",
            {"login": f"guess{number}@example.org", "password": "wrong"},
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    person = make_user(Role.APPLICANT, email="elsewhere@test.example")
    credentials = {"login": person.email, "password": PASSWORD}
    locked = client.post("/en/accounts/login/", credentials, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert "Too many failed sign-in attempts" in locked.content.decode()
    client.post("/en/accounts/login/", credentials, HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert client.session["_auth_user_id"] == str(person.pk)


def test_the_admin_sign_in_form_takes_no_password_and_sends_to_the_portals(client, administrator):
    """Django's admin form counted no failures: posting to it must neither sign in nor tell a
    right password from a wrong one or a known address from an unknown one."""
    pages = [
        client.post("/en/admin/login/?next=/en/admin/", {"username": email, "password": password})
        for email, password in (
            (administrator.email, PASSWORD),
            (administrator.email, "wrong"),
            ("nobody@example.org", "wrong"),
        )
    ]
    assert "_auth_user_id" not in client.session
    for page in pages:
        assert page.status_code == 302
        assert page["Location"] == "/en/accounts/login/?next=/en/admin/"
    assert pages[0].content == pages[1].content == pages[2].content


def test_after_the_limit_the_administrator_is_refused_even_with_the_right_password(
    client, administrator
):
    for _ in range(5):
        client.post("/en/admin/login/", {"username": administrator.email, "password": "wrong"})
        client.post("/en/accounts/login/", {"login": administrator.email, "password": "wrong"})
    response = client.post(
        "/en/accounts/login/", {"login": administrator.email, "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert "Too many failed sign-in attempts" in response.content.decode()
    client.post("/en/admin/login/", {"username": administrator.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_a_signed_in_user_who_is_not_staff_is_refused_the_admin_sign_in(client, officer):
    client.force_login(officer)
    assert client.get("/en/admin/login/").status_code in (302, 403)
    response = client.post("/en/admin/login/", {"username": "x@example.org", "password": "x"})
    assert response.status_code in (302, 403)
    assert client.session["_auth_user_id"] == str(officer.pk)


@pytest.mark.parametrize("language", ["fa", "en", "ckb", "ar"])
def test_the_confirmation_mail_names_the_address_and_links_in_the_users_language(
    client, make_user, language, django_capture_on_commit_callbacks
):
    user = make_user(Role.FACULTY, preferred_language=language)
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/fa/accounts/email/", {"action_add": "", "email": "second@example.org"})
    body = mail.outbox[0].body
    assert "second@example.org" in body
    with translation.override(language):
        assert (
            translation.gettext("If you did not ask for this, you can ignore this e-mail.") in body
        )
    link = re.search(r"http://testserver(\S+/confirm-email/\S+/)", body)[1]
    assert link.startswith(f"/{language}/")
    page = client.get(link)
    assert page.status_code == 200 and f'lang="{language}"' in page.content.decode()


def test_a_kurdish_readers_password_reset_link_opens_the_kurdish_site(
    client, make_user, django_capture_on_commit_callbacks
):
    user = make_user(Role.FACULTY, preferred_language="ckb")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/fa/accounts/password/reset/", {"email": user.email})
    link = re.search(r"http://testserver(\S+/password/reset/key/\S+)", mail.outbox[0].body)[1]
    assert link.startswith("/ckb/")
