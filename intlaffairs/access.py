"""Who may use each view: one declaration per view, enforced here and read by the URL policy test.

A view is wrapped by exactly one of `public`, `guest_only`, `signed_in` or `roles_required`. The
wrapper enforces the policy and stores it on the view as `access_policy`; views of other packages
(allauth, the admin, Django's i18n views) get theirs in `THIRD_PARTY_POLICIES`.

A wrapper takes its view's name with `update_wrapper(wrapper, view)`, not under `@wraps(view)`:
mutmut makes no mutant in a decorated function, and the checks the wrappers make (signed in,
the role) went untested by `make mutation` (README "Mutation testing").
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import update_wrapper

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from .roles import Role

ANONYMOUS = "anonymous"

# Outcomes the policy test expects for one audience.
PAGE = "page"  # 200
LOGIN = "login"  # redirect to the login page
REDIRECT = "redirect"  # some other redirect (e.g. a signed-in user on the login page)
FORBIDDEN = "forbidden"  # 403
NOT_ALLOWED = "method"  # 405: the URL only answers POST
NOT_FOUND = "404"  # the object asked for is not there or not the user's


@dataclass(frozen=True)
class Policy:
    """The expected outcome of a GET for anonymous visitors and for each role."""

    name: str
    anonymous: str
    by_role: dict[str, str] = field(default_factory=dict)
    default: str = PAGE

    def outcome_for(self, role: str | None) -> str:
        if role is None:
            return self.anonymous
        return self.by_role.get(role, self.default)


PUBLIC = Policy("public", anonymous=PAGE)
GUEST_ONLY = Policy("guest only", anonymous=PAGE, default=REDIRECT)
SIGNED_IN = Policy("signed in", anonymous=LOGIN)
POST_ONLY = Policy("post only", anonymous=NOT_ALLOWED, default=NOT_ALLOWED)
OFFICE_ROLES = (Role.ADMINISTRATOR, Role.MANAGER, Role.OFFICER)
OTHER_ROLES = tuple(role for role in Role.values if role not in OFFICE_ROLES)
# Who has the top bar's search box: those with lists of records to search (an applicant's
# or a mentor's few records are on their own pages).
SEARCH_ROLES = (*OFFICE_ROLES, Role.FACULTY)


def roles_policy(*roles: str, scoped: tuple[str, ...] = (), post_only: bool = False) -> Policy:
    """Allowed roles see the page (405 on GET for a POST-only view), other roles get 403.

    `scoped` roles reach only their own objects: for the sample object of the policy test,
    which is nobody's, they get 404.
    """
    allowed = set(roles)
    ok = NOT_ALLOWED if post_only else PAGE

    def outcome(role: str) -> str:
        if role not in allowed:
            return FORBIDDEN
        return NOT_FOUND if role in scoped and not post_only else ok

    return Policy(
        "roles: " + ", ".join(sorted(allowed)),
        anonymous=LOGIN,
        by_role={role: outcome(role) for role in Role.values},
    )


def _declare(view: Callable, policy: Policy) -> Callable:
    view.access_policy = policy
    return view


def public(view: Callable) -> Callable:
    """Anyone, signed in or not."""
    return _declare(view, PUBLIC)


def post_only(view: Callable) -> Callable:
    """Anyone, by POST only (a form's target); a GET is 405."""
    return _declare(require_POST(view), POST_ONLY)


def signed_in(view: Callable) -> Callable:
    """Any signed-in user; anonymous visitors are sent to the login page."""

    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return _declare(update_wrapper(wrapper, view), SIGNED_IN)


# A page only its owner sees (a survey sent to one person): everyone else gets 404.
OWN_ONLY = Policy("signed in, own object only", anonymous=LOGIN, default=NOT_FOUND)


# A step of a record's workflow (intlaffairs.views.workflow_move): whoever can see the record
# sees the step's page; for the policy test's sample (an agreement nobody initiated) that is
# the office, and a 404 for everyone else.
RECORD_STEP = Policy(
    "signed in, the record visible to them",
    anonymous=LOGIN,
    by_role={role: PAGE for role in OFFICE_ROLES},
    default=NOT_FOUND,
)


def record_step(view: Callable) -> Callable:
    """A signed-in user acting on a record; the view answers 404 for a record they cannot see."""

    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return _declare(update_wrapper(wrapper, view), RECORD_STEP)


# "Apply" from a public page: a visitor is sent to sign up and comes back; an applicant is taken
# on (to their draft); other roles may not apply.
SIGN_UP_FIRST = Policy(
    "visitors sign up first, then applicants",
    anonymous=REDIRECT,
    default=FORBIDDEN,
    by_role={Role.APPLICANT: REDIRECT},
)


def sign_up_first(view: Callable) -> Callable:
    """Anonymous visitors go to sign-up with this URL as `next` (allauth keeps it through the
    e-mail confirmation and checks it is same-site); applicants reach the view; others get 403."""

    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('account_signup')}?{query}")
        if not request.user.has_role(Role.APPLICANT):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return _declare(update_wrapper(wrapper, view), SIGN_UP_FIRST)


# A form's target for signed-in users, by POST only: a GET is 405 for everyone; the view acts
# only on the records the person may see (a bulk step on a list's selected rows).
SIGNED_IN_POST = Policy("signed in, by POST", anonymous=NOT_ALLOWED, default=NOT_ALLOWED)


def signed_in_post(view: Callable) -> Callable:
    """A signed-in user's form target, by POST only; anonymous visitors are sent to sign in."""

    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return _declare(require_POST(update_wrapper(wrapper, view)), SIGNED_IN_POST)


# An address that works without a session because it holds a secret (a calendar feed): an
# unknown or reset secret is a 404 for everyone, signed in or not.
SECRET_ADDRESS = Policy("secret address (token)", anonymous=NOT_FOUND, default=NOT_FOUND)


def secret_address(view: Callable) -> Callable:
    """Anyone holding the address's secret; the view answers 404 to a wrong one."""
    return _declare(view, SECRET_ADDRESS)


def own_only(view: Callable) -> Callable:
    """A signed-in user's own object; the view itself answers 404 to anyone else."""

    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return _declare(update_wrapper(wrapper, view), OWN_ONLY)


def roles_required(
    *roles: str, scoped: tuple[str, ...] = (), post_only: bool = False
) -> Callable[[Callable], Callable]:
    """Users holding one of `roles`; others get 403, anonymous visitors the login page.

    A page refused by role is a 403; an object outside the user's scope is a 404, decided where
    the object is fetched (name in `scoped` the roles whose objects are so limited).
    `post_only` views answer 405 to any other method.
    """
    policy = roles_policy(*roles, scoped=scoped, post_only=post_only)

    def decorator(view: Callable) -> Callable:
        if post_only:
            view = require_POST(view)

        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_role(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return _declare(update_wrapper(wrapper, view), policy)

    return decorator


ADMIN_SITE = Policy(
    "administrators (Django admin)",
    anonymous=REDIRECT,
    default=REDIRECT,
    by_role={Role.ADMINISTRATOR: PAGE},
)


def admin_policy(name: str, *, administrator: str, others: str = REDIRECT) -> Policy:
    """An admin URL whose answer to an administrator's plain GET is not a page."""
    return Policy(
        name, anonymous=others, default=others, by_role={Role.ADMINISTRATOR: administrator}
    )


# The admin's sign-in sends visitors to the portal's; signed-in non-staff are refused.
ADMIN_SIGN_IN = Policy(
    "admin sign-in (the portal's)",
    anonymous=LOGIN,
    default=FORBIDDEN,
    by_role={Role.ADMINISTRATOR: REDIRECT},
)


def admin_sign_in(view: Callable) -> Callable:
    """The admin site's login view (see `intlaffairs.views.admin_login`)."""
    return _declare(view, ADMIN_SIGN_IN)


# allauth stages this portal does not use (login and reauthentication by e-mailed code):
# the URLs exist but send everyone elsewhere.
UNUSED_STAGE = Policy("allauth stage not in use", anonymous=LOGIN, default=REDIRECT)

# Views we do not write ourselves, by URL name. Keys prefixed "admin:" cover the whole admin site.
THIRD_PARTY_POLICIES: dict[str, Policy] = {
    "set_language": POST_ONLY,
    "javascript-catalog": PUBLIC,
    "account_login": GUEST_ONLY,
    "account_signup": GUEST_ONLY,
    "account_logout": Policy("sign out", anonymous=REDIRECT),
    "account_reauthenticate": SIGNED_IN,
    "account_change_password": SIGNED_IN,
    # Every account has a password, so allauth sends "set password" on to "change password".
    "account_set_password": Policy("set password", anonymous=LOGIN, default=REDIRECT),
    "account_inactive": PUBLIC,
    "account_email": SIGNED_IN,
    "account_email_verification_sent": PUBLIC,
    "account_confirm_email": PUBLIC,
    "account_reset_password": PUBLIC,
    "account_reset_password_done": PUBLIC,
    "account_reset_password_from_key": PUBLIC,
    "account_reset_password_from_key_done": PUBLIC,
    "account_confirm_login_code": UNUSED_STAGE,
    "account_request_reauthentication_code": SIGNED_IN,
    "account_confirm_reauthentication_code": UNUSED_STAGE,
    # allauth.mfa. Office staff have an authenticator app (they cannot use the portal before
    # setting one up); the others have none unless they chose to, so there is nothing to
    # turn off or show.
    "mfa_index": SIGNED_IN,
    "mfa_authenticate": Policy("sign-in code stage", anonymous=LOGIN, default=REDIRECT),
    "mfa_reauthenticate": Policy(
        "confirm with a code", anonymous=LOGIN, by_role={r: REDIRECT for r in OTHER_ROLES}
    ),
    "mfa_activate_totp": Policy(
        "set up the app", anonymous=LOGIN, by_role={r: REDIRECT for r in OFFICE_ROLES}
    ),
    "mfa_deactivate_totp": Policy(
        "turn the app off", anonymous=LOGIN, by_role={r: NOT_FOUND for r in OTHER_ROLES}
    ),
    "mfa_view_recovery_codes": Policy(
        "recovery codes", anonymous=LOGIN, by_role={r: NOT_FOUND for r in OTHER_ROLES}
    ),
    "mfa_download_recovery_codes": Policy(
        "recovery codes file", anonymous=LOGIN, by_role={r: NOT_FOUND for r in OTHER_ROLES}
    ),
    "mfa_generate_recovery_codes": SIGNED_IN,
    "admin:*": ADMIN_SITE,
    "admin:logout": admin_policy("admin sign-out (POST)", administrator=NOT_ALLOWED),
    # Without its query parameters the autocomplete endpoint refuses even administrators.
    "admin:autocomplete": admin_policy("admin autocomplete", administrator=FORBIDDEN),
    # The security log is read only, even for administrators.
    "admin:intlaffairs_securityevent_add": admin_policy(
        "security log (read only)", administrator=FORBIDDEN
    ),
    "admin:intlaffairs_securityevent_delete": admin_policy(
        "security log (read only)", administrator=FORBIDDEN
    ),
    # Messages and issued documents are records of what was said and issued: read only there
    # (documents are revoked by an action); the one letterhead is edited, never added or deleted.
    **{
        f"admin:intlaffairs_{model}_{page}": admin_policy(
            f"{model} (read only)", administrator=FORBIDDEN
        )
        for model in ("message", "issueddocument", "letterhead")
        for page in ("add", "delete")
    },
    # Faculty reviews are written by their reviewers in the portal; the admin only reads them.
    "admin:students_facultyreview_add": admin_policy(
        "faculty reviews (read only)", administrator=FORBIDDEN
    ),
    "admin:students_facultyreview_delete": admin_policy(
        "faculty reviews (read only)", administrator=FORBIDDEN
    ),
    # Users have no public page to "view on site".
    "admin:view_on_site": admin_policy("admin view on site", administrator=NOT_FOUND),
}


def policy_for(view: Callable, url_name: str | None, namespace: str | None) -> Policy | None:
    """The declared policy of a resolved view, or None when nobody declared one."""
    declared = getattr(view, "access_policy", None)
    if declared is None and hasattr(view, "view_class"):
        declared = getattr(view.view_class, "access_policy", None)
    if declared is not None:
        return declared
    if namespace:
        return THIRD_PARTY_POLICIES.get(
            f"{namespace}:{url_name}", THIRD_PARTY_POLICIES.get(f"{namespace}:*")
        )
    # Equivalent mutant: no policy is keyed "" nor by any other name mutmut makes up.
    return THIRD_PARTY_POLICIES.get(url_name or "")  # pragma: no mutate
