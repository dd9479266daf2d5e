"""How allauth behaves here: our wording for its forms and errors, mail in the user's language.

allauth ships no Central Kurdish catalog, so every string it shows goes through our catalogs:
field labels are set by `PortalFormMixin`, error messages by `AccountAdapter.error_messages`
and `MFAAdapter.error_messages`; the second factor's forms are ours too (`MFA_FORMS`).
"""

import time

from allauth.account import app_settings as account_settings
from allauth.account import forms as allauth_forms
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.account.utils import url_str_to_user_pk
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.base import forms as mfa_base_forms
from allauth.mfa.recovery_codes import forms as recovery_code_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from . import outbox, timezones
from .roles import Role

# allauth's own wording, raised from inside its forms; listed so our catalogs translate it.
gettext_noop("You must type the same password each time.")

FIELD_LABELS = {
    "login": _("E-mail address"),
    "email": _("E-mail address"),
    "password": _("Password"),
    "oldpassword": _("Current password"),
    "password1": _("New password"),
    "password2": _("New password, again"),
    "remember": _("Keep me signed in on this computer"),
}

# The one field of every second-factor form.
CODE_LABEL = _("Code")
CODE_HELP = _("The 6-digit code your authenticator app shows now, or one of your recovery codes.")
ACTIVATION_CODE_LABEL = _("Code from your authenticator app")


class PortalFormMixin:
    """Label allauth's fields in our words; the reset link is in our templates, not in help text."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in FIELD_LABELS:
                field.label = FIELD_LABELS[name]
                field.help_text = ""
                field.widget.attrs.pop("placeholder", None)


class LoginForm(PortalFormMixin, allauth_forms.LoginForm):
    pass


class TimeZoneField(forms.ChoiceField):
    """A choice among the IANA zones; empty means "the one my browser gives"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Your time zone"))
        kwargs.setdefault(
            "help_text", _("Interview times are shown in it. Leave it to use your browser's.")
        )
        kwargs.setdefault("required", False)
        super().__init__(
            choices=lambda: [("", _("My browser's time zone")), *timezones.choices()],
            widget=forms.Select(attrs={"data-time-zone-choice": ""}),
            **kwargs,
        )


class SignupForm(PortalFormMixin, allauth_forms.SignupForm):
    """Applicants register themselves: name, e-mail, the language they read, a password."""

    full_name = forms.CharField(
        label=_("Full name in Latin letters"),
        max_length=150,
        help_text=_(
            "As in your passport: your first name, your father's and grandfather's names if "
            "it has them, and your family name."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "name", "dir": "ltr"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language of your e-mails"), choices=settings.LANGUAGES
    )
    time_zone = TimeZoneField()
    # Filled by static/js/time-zone.js with the browser's zone: the default when none is chosen.
    browser_time_zone = forms.CharField(
        required=False,
        max_length=64,
        widget=forms.HiddenInput(attrs={"data-browser-time-zone": ""}),
    )
    field_order = [
        "full_name",
        "email",
        "preferred_language",
        "time_zone",
        "password1",
        "password2",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].initial = translation.get_language()
        self.order_fields(self.field_order)
        self.fields["password1"].label = FIELD_LABELS["password"]
        self.fields["password2"].label = _("Password, again")

    def clean_browser_time_zone(self) -> str:
        # A browser that names a zone we do not know is ignored, not an error the person sees.
        value = self.cleaned_data["browser_time_zone"].strip()
        return value if value in timezones.available() else ""

    def clean(self):
        cleaned = super().clean()
        cleaned["time_zone"] = (
            cleaned.get("time_zone") or cleaned.get("browser_time_zone") or settings.TIME_ZONE
        )
        return cleaned


class ResetPasswordForm(PortalFormMixin, allauth_forms.ResetPasswordForm):
    pass


class ResetPasswordKeyForm(PortalFormMixin, allauth_forms.ResetPasswordKeyForm):
    pass


class ChangePasswordForm(PortalFormMixin, allauth_forms.ChangePasswordForm):
    pass


class SetPasswordForm(PortalFormMixin, allauth_forms.SetPasswordForm):
    pass


class AddEmailForm(PortalFormMixin, allauth_forms.AddEmailForm):
    pass


class ReauthenticateForm(PortalFormMixin, allauth_forms.ReauthenticateForm):
    pass


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("This account has been deactivated."),
        "cannot_remove_primary_email": _(
            "You cannot remove your primary e-mail address (%(email)s)."
        ),
        "duplicate_email": _("This e-mail address is already on your account."),
        "email_password_mismatch": _("The e-mail address or the password is not correct."),
        "email_taken": _("An account already uses this e-mail address."),
        "enter_current_password": _("Please type your current password."),
        "incorrect_password": _("The password is not correct."),
        "invalid_or_expired_key": _("This link is invalid or has expired."),
        "invalid_password_reset": _("This password reset link is invalid."),
        "max_email_addresses": _("You cannot add more than %d e-mail addresses."),
        "too_many_login_attempts": _(
            "Too many failed sign-in attempts. Please try again in a few minutes."
        ),
        "unknown_email": _("No account uses this e-mail address."),
        "unverified_primary_email": _("Your primary e-mail address must be confirmed first."),
        "rate_limited": _("Too many requests. Please wait a moment and try again."),
        "same_as_current": _("The new value must be different from the current one."),
    }

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """A password or code typed in the last REAUTHENTICATION_TIMEOUT seconds, at sign-in or
        at a "confirm it is you" prompt, is fresh enough; otherwise ask again.

        Without this, a newly signed-in member of staff, sent straight to set up the second
        factor, would be asked for the password they typed a moment ago.
        """
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = context.request
        if request is None or not request.user.is_authenticated:
            return True
        records = get_authentication_records(request, request.user)
        newest = max((record.get("at", 0) for record in records), default=0)
        return time.time() - newest >= account_settings.REAUTHENTICATION_TIMEOUT

    def is_open_for_signup(self, request) -> bool:
        # Anyone may register, as an applicant; staff accounts are made by administrators.
        return True

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.full_name = form.cleaned_data["full_name"]
        user.preferred_language = form.cleaned_data["preferred_language"]
        user.time_zone = form.cleaned_data["time_zone"]
        if commit:
            user.save()
            user.groups.add(Group.objects.get_or_create(name=Role.APPLICANT)[0])
        return user

    def get_login_redirect_url(self, request) -> str:
        user = request.user
        if user.has_role(Role.APPLICANT) and not user.is_office_staff:
            return reverse("students:my_applications")
        return super().get_login_redirect_url(request)

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        """The link under the prefix of the reader's language, not of the page that sent it."""
        with translation.override(_language_of(emailconfirmation.email_address.user)):
            return super().get_email_confirmation_url(request, emailconfirmation)

    def get_reset_password_from_key_url(self, key: str) -> str:
        """As for confirmation links; `key` is allauth's "<user id in base 36>-<token>"."""
        try:
            user = get_user_model().objects.filter(pk=url_str_to_user_pk(key.split("-")[0]))
        except ValueError:
            user = get_user_model().objects.none()
        with translation.override(_language_of(user.first())):
            return super().get_reset_password_from_key_url(key)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Write every account e-mail in the recipient's language, and send it by the outbox."""
        user = context.get("user")
        if user is None:
            user = get_user_model().objects.filter(email__iexact=email).first()
        language = _language_of(user)
        # What allauth's own send_mail gives its templates ("email": the address concerned).
        request = context.get("request") or _current_request()
        context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context,
        }
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
        html = next(
            (
                content
                for content, mime in getattr(message, "alternatives", [])
                if mime == "text/html"
            ),
            "",
        )
        outbox.mail_queue_rendered(
            to=email, language=language, subject=message.subject, text=message.body, html=html
        )


def _current_request():
    """The request allauth is handling (None outside one); `context` is shadowed in send_mail."""
    return context.request


def _language_of(user) -> str:
    """The language a user reads their e-mail in; the current one for nobody known."""
    return getattr(user, "preferred_language", None) or translation.get_language()


class CodeFormMixin:
    """Our label for the code field; the browser may fill it from a one-time-code source."""

    code_label = CODE_LABEL
    code_help = CODE_HELP

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.label = self.code_label
        field.help_text = self.code_help
        field.error_messages["required"] = _("Please type the code.")
        field.widget.attrs.pop("placeholder", None)
        field.widget.attrs.update(
            {"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"}
        )


class AuthenticateForm(CodeFormMixin, mfa_base_forms.AuthenticateForm):
    pass


class MFAReauthenticateForm(CodeFormMixin, mfa_base_forms.ReauthenticateForm):
    pass


class ActivateTOTPForm(CodeFormMixin, totp_forms.ActivateTOTPForm):
    code_label = ACTIVATION_CODE_LABEL
    code_help = _("The 6-digit code the app shows after you add the portal to it.")

    def clean_code(self) -> str:
        code = super().clean_code()
        # A right code from the new app is a second factor given in this session: the staff
        # second-factor middleware need not ask for another one straight away.
        record_authentication(context.request, self.user, "mfa", type="totp", activated=True)
        return code


class DeactivateTOTPForm(totp_forms.DeactivateTOTPForm):
    pass


class GenerateRecoveryCodesForm(recovery_code_forms.GenerateRecoveryCodesForm):
    pass


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "add_email_blocked": _(
            "You cannot add an e-mail address while two-step verification is on."
        ),
        "cannot_delete_authenticator": _("You cannot turn off two-step verification."),
        "cannot_generate_recovery_codes": _(
            "Turn on two-step verification before making recovery codes."
        ),
        "incorrect_code": _("This code is not correct, or it has already been used."),
        "unverified_email": _(
            "Confirm your e-mail address before turning on two-step verification."
        ),
    }


class ProfileForm(forms.ModelForm):
    """What a person sets for themselves: the language of their e-mails and their time zone."""

    time_zone = TimeZoneField()
    browser_time_zone = SignupForm.base_fields["browser_time_zone"]

    class Meta:
        model = get_user_model()
        fields = ["preferred_language", "time_zone"]
        labels = {"preferred_language": _("Language of your e-mails")}

    def clean(self):
        cleaned = super().clean()
        browser = self.cleaned_data.get("browser_time_zone", "").strip()
        if not cleaned.get("time_zone"):
            cleaned["time_zone"] = browser if browser in timezones.available() else ""
        return cleaned
