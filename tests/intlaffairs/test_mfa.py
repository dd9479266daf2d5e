"""Two-step verification (ASVS 6.3.3): office staff must use an authenticator app, others may."""

import pytest
from allauth.mfa.models import Authenticator
from django.utils import translation

from agreements.models import Agreement
from intlaffairs.accounts import MFAAdapter
from intlaffairs.models import SecurityEvent
from intlaffairs.roles import Role

from ..factories import PASSWORD, totp_code

pytestmark = pytest.mark.django_db

ACTIVATE = "/en/accounts/2fa/totp/activate/"
AUTHENTICATE = "/en/accounts/2fa/authenticate/"


def wrong_code(secret: str) -> str:
    """A six-digit code that is certainly not the one the app shows now."""
    return f"{(int(totp_code(secret)) + 500_000) % 1_000_000:06d}"


def recovery_codes(user) -> list[str]:
    codes = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    return codes.wrap().get_unused_codes()


def incorrect_code_message(language: str) -> str:
    with translation.override(language):
        return str(MFAAdapter.error_messages["incorrect_code"])


def sign_in_with_password(client, user):
    return client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})


def test_staff_without_an_app_reach_only_its_set_up_page(client, make_user):
    officer = make_user(Role.OFFICER, totp=False)
    client.force_login(officer)
    for url in ("/en/dashboard/", "/en/agreements/", "/en/accounts/2fa/", "/en/admin/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == ACTIVATE, url
    page = client.get(ACTIVATE)
    assert page.status_code == 200
    assert "until then the portal shows only this page" in page.content.decode()
    assert page.context["totp_svg_data_uri"].startswith("data:image/svg+xml;base64,")
    assert page.context["portal_nav"] == []  # no links to sections it cannot open
    assert client.get("/en/accounts/logout/").status_code == 200
    switched = client.post("/i18n/setlang/", {"language": "fa", "next": "/fa/"})
    assert switched["Location"] != ACTIVATE


def test_staff_without_an_app_cannot_post_any_other_form(client, make_user):
    officer = make_user(Role.OFFICER, totp=False)
    client.force_login(officer)
    response = client.post(
        "/en/agreements/new/", {"title_en": "Sneaked in", "title_fa": "x", "type": "mou"}
    )
    assert response["Location"] == ACTIVATE
    assert not Agreement.objects.exists()


def test_staff_set_up_the_app_with_a_right_code_then_see_and_download_recovery_codes(
    client, make_user, django_capture_on_commit_callbacks
):
    officer = make_user(Role.OFFICER, totp=False)
    sign_in_with_password(client, officer)
    secret = client.get(ACTIVATE).context["form"].secret
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ACTIVATE, {"code": totp_code(secret)})
    assert response["Location"] == "/en/accounts/2fa/recovery-codes/"
    page = client.get(response["Location"])
    codes = recovery_codes(officer)
    assert len(codes) == 10 and all(code in page.content.decode() for code in codes)
    download = client.get("/en/accounts/2fa/recovery-codes/download/")
    assert download["Content-Type"].startswith("text/plain")
    assert "attachment" in download["Content-Disposition"]
    assert all(code in download.content.decode() for code in codes)
    # Setting the app up took a right code: the session is not asked for another one.
    assert client.get("/en/dashboard/").status_code == 200
    assert SecurityEvent.objects.filter(kind="mfa_activated", user=officer).count() == 1


@pytest.mark.parametrize("language", ["fa", "en", "ckb", "ar"])
def test_a_wrong_code_at_set_up_is_refused_with_a_translated_error(language, client, make_user):
    officer = make_user(Role.OFFICER, totp=False)
    client.force_login(officer)
    url = f"/{language}/accounts/2fa/totp/activate/"
    secret = client.get(url).context["form"].secret
    response = client.post(url, {"code": wrong_code(secret)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "invalid-feedback" in html
    assert incorrect_code_message(language) in html.replace("&#x27;", "'")
    assert "Incorrect code." not in html  # allauth's own wording, untranslated in ckb
    assert not Authenticator.objects.filter(user=officer).exists()
    assert client.get(f"/{language}/dashboard/")["Location"] == url


def test_staff_with_an_app_give_a_code_after_the_password(client, officer):
    response = sign_in_with_password(client, officer)
    assert response["Location"] == AUTHENTICATE
    assert "_auth_user_id" not in client.session
    assert client.get("/en/dashboard/").status_code == 302

    refused = client.post(AUTHENTICATE, {"code": wrong_code(officer.totp_secret)})
    assert refused.status_code == 200
    assert incorrect_code_message("en") in refused.content.decode().replace("&#x27;", "'")
    assert "_auth_user_id" not in client.session

    response = client.post(AUTHENTICATE, {"code": totp_code(officer.totp_secret)})
    assert response["Location"] == "/en/dashboard/"
    assert client.get("/en/dashboard/").status_code == 200
    assert SecurityEvent.objects.filter(kind="mfa_failed", user=officer).count() == 1
    assert SecurityEvent.objects.filter(kind="login", user=officer).count() == 1


def test_a_code_from_the_app_cannot_be_used_twice(client, officer):
    code = totp_code(officer.totp_secret)
    sign_in_with_password(client, officer)
    client.post(AUTHENTICATE, {"code": code})
    client.post("/en/accounts/logout/")
    sign_in_with_password(client, officer)
    response = client.post(AUTHENTICATE, {"code": code})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_a_recovery_code_works_once_and_not_twice(client, officer):
    code = recovery_codes(officer)[0]
    sign_in_with_password(client, officer)
    response = client.post(AUTHENTICATE, {"code": code})
    assert response["Location"] == "/en/dashboard/"
    assert code not in recovery_codes(officer) and len(recovery_codes(officer)) == 9
    assert SecurityEvent.objects.filter(kind="recovery_code_used", user=officer).count() == 1

    client.post("/en/accounts/logout/")
    sign_in_with_password(client, officer)
    again = client.post(AUTHENTICATE, {"code": code})
    assert again.status_code == 200
    assert "_auth_user_id" not in client.session


def test_repeated_wrong_codes_are_throttled_even_before_the_right_one(client, officer):
    sign_in_with_password(client, officer)
    for _ in range(5):
        client.post(AUTHENTICATE, {"code": wrong_code(officer.totp_secret)})
    response = client.post(AUTHENTICATE, {"code": totp_code(officer.totp_secret)})
    assert "_auth_user_id" not in client.session
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert SecurityEvent.objects.filter(kind="mfa_failed", user=officer).count() == 5


def test_the_admin_is_reached_through_the_portals_sign_in_and_its_code(client, administrator):
    response = client.get("/en/admin/")
    response = client.get(response["Location"])  # the admin's sign-in page ...
    assert response["Location"] == "/en/accounts/login/?next=/en/admin/"  # ... is the portal's
    response = client.post(
        response["Location"], {"login": administrator.email, "password": PASSWORD}
    )
    assert response["Location"] == AUTHENTICATE
    response = client.post(AUTHENTICATE, {"code": totp_code(administrator.totp_secret)})
    assert response["Location"] == "/en/admin/"
    assert client.get("/en/admin/").status_code == 200


def test_staff_who_turn_the_app_off_must_set_one_up_again(
    client, officer, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    assert client.get("/en/accounts/2fa/totp/deactivate/").status_code == 200
    client.post("/en/accounts/2fa/totp/deactivate/")
    assert not Authenticator.objects.filter(user=officer).exists()  # recovery codes too
    assert client.get("/en/dashboard/")["Location"] == ACTIVATE
    assert SecurityEvent.objects.filter(kind="mfa_deactivated", user=officer).count() == 1


def test_applicants_and_other_users_are_not_asked_for_a_second_factor(client, make_user):
    for role in (Role.APPLICANT, Role.MENTOR, Role.FACULTY):
        user = make_user(role)
        response = sign_in_with_password(client, user)
        assert response["Location"] != AUTHENTICATE
        assert client.get("/en/accounts/2fa/").status_code == 200
        assert client.get(ACTIVATE).status_code == 200  # they may choose to
        client.post("/en/accounts/logout/")


def test_new_recovery_codes_replace_the_old_ones_and_are_logged(
    client, officer, django_capture_on_commit_callbacks
):
    old = recovery_codes(officer)
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/accounts/2fa/recovery-codes/generate/")
    assert response["Location"] == "/en/accounts/2fa/recovery-codes/"
    assert set(recovery_codes(officer)).isdisjoint(old)
    assert SecurityEvent.objects.filter(kind="recovery_codes_new", user=officer).count() == 1
