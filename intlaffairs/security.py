"""The security log: one row per event, written by signal handlers (sign-in, failures, roles)
and by the services that make decisions or serve applicants' documents."""

import hashlib

from allauth.account.adapter import get_adapter
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from django.contrib.auth import user_logged_in, user_logged_out, user_login_failed
from django.core.exceptions import PermissionDenied
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .middleware import start_session_clocks
from .models import SecurityEvent, User


def client_ip(request) -> str | None:
    """The visitor's address as the sign-in limits see it (through the TLS proxy, if any)."""
    if request is None:
        return None
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:  # no address at all (a request made in code, not over HTTP)
        return None


def log(kind: str, *, request=None, user=None, **detail) -> SecurityEvent:
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    return SecurityEvent.objects.create(kind=kind, user=user, ip=client_ip(request), detail=detail)


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    start_session_clocks(request, user)
    log(SecurityEvent.Kind.LOGIN, request=request, user=user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        log(SecurityEvent.Kind.LOGOUT, request=request, user=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # The address typed is kept only as a hash: the log must not hold a list of guesses.
    typed = str(credentials.get("email") or credentials.get("username") or "").lower()
    log(
        SecurityEvent.Kind.LOGIN_FAILED,
        request=request,
        login_sha256=hashlib.sha256(typed.encode()).hexdigest()[:16],
    )


@receiver(m2m_changed, sender=User.groups.through)
def _roles_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse or action not in ("post_add", "post_remove") or not pk_set:
        return
    from django.contrib.auth.models import Group

    names = sorted(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True))
    kind = (
        SecurityEvent.Kind.ROLE_ADDED if action == "post_add" else SecurityEvent.Kind.ROLE_REMOVED
    )
    log(kind, user=instance, roles=names)


@receiver(mfa_signals.authenticator_added)
def _mfa_activated(sender, request, user, authenticator, **kwargs):
    if authenticator.type == Authenticator.Type.TOTP:
        log(SecurityEvent.Kind.MFA_ACTIVATED, request=request, user=user)


@receiver(mfa_signals.authenticator_removed)
def _mfa_deactivated(sender, request, user, authenticator, **kwargs):
    if authenticator.type == Authenticator.Type.TOTP:
        log(SecurityEvent.Kind.MFA_DEACTIVATED, request=request, user=user)


@receiver(mfa_signals.authentication_failed)
def _mfa_failed(sender, request, user, reauthentication=False, **kwargs):
    log(SecurityEvent.Kind.MFA_FAILED, request=request, user=user, at_sign_in=not reauthentication)


@receiver(mfa_signals.authenticator_used)
def _recovery_code_used(sender, request, user, authenticator, **kwargs):
    # One code fewer left: worth knowing if the owner did not use it.
    if authenticator.type == Authenticator.Type.RECOVERY_CODES:
        log(SecurityEvent.Kind.RECOVERY_CODE_USED, request=request, user=user)


@receiver(mfa_signals.authenticator_reset)
def _recovery_codes_new(sender, request, user, authenticator, **kwargs):
    log(SecurityEvent.Kind.RECOVERY_CODES_NEW, request=request, user=user)
