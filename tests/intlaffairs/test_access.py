"""Each way a view declares who may use it: what it does with a request, and the policy it
declares for the URL policy test (tests/test_url_policy.py walks every URL with them)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from intlaffairs import access
from intlaffairs.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def page():
    """A page of its own (a declaration marks the view it is given): answers with what it was
    given, the request's method first."""

    def view(request, *args, **kwargs):
        return HttpResponse(f"{request.method} page {args} {sorted(kwargs.items())}")

    return view


def get(user, path="/en/somewhere/?tab=2", method="get"):
    request = getattr(RequestFactory(), method)(path)
    request.user = user or AnonymousUser()
    return request


def sent_to_sign_in(response):
    expected = "/en/accounts/login/?next=/en/somewhere/%3Ftab%3D2"
    return response.status_code == 302 and response["Location"] == expected


def test_a_policy_answers_for_visitors_each_role_and_the_rest():
    policy = access.Policy("p", anonymous=access.LOGIN, by_role={Role.OFFICER: access.FORBIDDEN})
    assert policy.outcome_for(None) == access.LOGIN
    assert policy.outcome_for(Role.OFFICER) == access.FORBIDDEN
    assert policy.outcome_for(Role.MANAGER) == access.PAGE
    assert access.Policy("q", anonymous=access.PAGE, default=access.REDIRECT).outcome_for(
        Role.MANAGER
    ) == (access.REDIRECT)


def test_a_roles_policy_is_a_page_for_its_roles_a_403_for_others_and_a_404_out_of_scope():
    policy = access.roles_policy(Role.OFFICER, Role.FACULTY, scoped=(Role.FACULTY,))
    assert policy.name == "roles: " + ", ".join(sorted([Role.FACULTY, Role.OFFICER]))
    assert policy.anonymous == access.LOGIN
    assert set(policy.by_role) == set(Role.values)
    assert policy.outcome_for(Role.OFFICER) == access.PAGE
    assert policy.outcome_for(Role.FACULTY) == access.NOT_FOUND
    assert policy.outcome_for(Role.MANAGER) == access.FORBIDDEN
    posted = access.roles_policy(Role.OFFICER, Role.FACULTY, scoped=(Role.FACULTY,), post_only=True)
    assert posted.outcome_for(Role.OFFICER) == access.NOT_ALLOWED
    assert posted.outcome_for(Role.FACULTY) == access.NOT_ALLOWED
    assert posted.outcome_for(Role.MANAGER) == access.FORBIDDEN


def test_office_and_search_roles():
    assert set(access.OFFICE_ROLES) == {Role.ADMINISTRATOR, Role.MANAGER, Role.OFFICER}
    assert set(access.OTHER_ROLES) == set(Role.values) - set(access.OFFICE_ROLES)
    assert set(access.SEARCH_ROLES) == {*access.OFFICE_ROLES, Role.FACULTY}


def test_a_public_page_is_anyones_and_a_secret_address_the_views_to_refuse():
    assert access.public(page())(get(None)).status_code == 200
    assert access.public(page()).access_policy is access.PUBLIC
    assert access.secret_address(page())(get(None)).status_code == 200
    assert access.secret_address(page()).access_policy is access.SECRET_ADDRESS
    assert access.admin_sign_in(page()).access_policy is access.ADMIN_SIGN_IN


def test_a_form_target_answers_post_only():
    target = access.post_only(page())
    assert target.access_policy is access.POST_ONLY
    assert target(get(None)).status_code == 405
    assert target(get(None, method="post")).status_code == 200


@pytest.mark.parametrize(
    ("decorate", "policy"),
    [
        (access.signed_in, access.SIGNED_IN),
        (access.record_step, access.RECORD_STEP),
        (access.own_only, access.OWN_ONLY),
    ],
)
def test_a_signed_in_page_sends_visitors_to_sign_in_and_back(decorate, policy, make_user):
    wrapped = decorate(page())
    assert wrapped.access_policy is policy
    assert wrapped.__name__ == "view"
    assert sent_to_sign_in(wrapped(get(None)))
    response = wrapped(get(make_user(Role.APPLICANT)), 3, pk=4)
    assert response.content == b"GET page (3,) [('pk', 4)]"


def test_a_signed_in_form_target_answers_post_only_and_signed_in_only(make_user):
    target = access.signed_in_post(page())
    assert target.access_policy is access.SIGNED_IN_POST
    assert target.__name__ == "view"
    assert target(get(make_user(Role.OFFICER))).status_code == 405
    assert sent_to_sign_in(target(get(None, method="post")))
    response = target(get(make_user(Role.OFFICER), method="post"), 2, pk=5)
    assert response.content == b"POST page (2,) [('pk', 5)]"


def test_apply_sends_visitors_to_sign_up_takes_applicants_and_refuses_others(make_user):
    wrapped = access.sign_up_first(page())
    assert wrapped.access_policy is access.SIGN_UP_FIRST
    assert wrapped.__name__ == "view"
    response = wrapped(get(None, "/en/students/programs/3/apply/"))
    assert response.status_code == 302
    assert response["Location"] == (
        "/en/accounts/signup/?next=%2Fen%2Fstudents%2Fprograms%2F3%2Fapply%2F"
    )
    with pytest.raises(PermissionDenied):
        wrapped(get(make_user(Role.OFFICER)))
    assert wrapped(get(make_user(Role.APPLICANT)), 2, pk=3).content == b"GET page (2,) [('pk', 3)]"


def test_a_page_for_some_roles_refuses_the_others_and_sends_visitors_to_sign_in(make_user):
    wrapped = access.roles_required(Role.OFFICER, Role.MANAGER, scoped=(Role.MANAGER,))(page())
    assert wrapped.access_policy == access.roles_policy(
        Role.OFFICER, Role.MANAGER, scoped=(Role.MANAGER,)
    )
    assert wrapped.__name__ == "view"
    assert sent_to_sign_in(wrapped(get(None)))
    with pytest.raises(PermissionDenied):
        wrapped(get(make_user(Role.FACULTY)))
    assert wrapped(get(make_user(Role.MANAGER)), 2, pk=1).content == b"GET page (2,) [('pk', 1)]"
    assert wrapped(get(make_user(Role.OFFICER)), pk=1).status_code == 200
    posted = access.roles_required(Role.OFFICER, post_only=True)(page())
    assert posted.access_policy.outcome_for(Role.OFFICER) == access.NOT_ALLOWED
    assert posted(get(make_user(Role.OFFICER))).status_code == 405
    assert posted(get(make_user(Role.OFFICER), method="post")).status_code == 200
    with pytest.raises(PermissionDenied):
        posted(get(make_user(Role.FACULTY), method="post"))


def test_an_admin_url_that_is_not_a_page_for_administrators():
    policy = access.admin_policy("x", administrator=access.FORBIDDEN)
    assert policy.name == "x"
    assert policy.outcome_for(Role.ADMINISTRATOR) == access.FORBIDDEN
    assert policy.outcome_for(Role.OFFICER) == access.REDIRECT
    assert policy.outcome_for(None) == access.REDIRECT
    other = access.admin_policy("y", administrator=access.PAGE, others=access.LOGIN)
    assert (other.outcome_for(None), other.outcome_for(Role.OFFICER)) == (access.LOGIN,) * 2


def test_the_policy_of_a_view_its_class_or_another_packages_url():
    assert access.policy_for(access.public(page()), "x", None) is access.PUBLIC

    class Page:
        access_policy = access.SIGNED_IN

    def class_view(request):
        return None

    class_view.view_class = Page
    assert access.policy_for(class_view, "x", None) is access.SIGNED_IN

    class Undeclared:  # another package's class-based view (allauth's)
        pass

    class_view.view_class = Undeclared
    assert access.policy_for(class_view, "account_login", None) is access.GUEST_ONLY
    assert access.policy_for(page(), "account_login", None) is access.GUEST_ONLY
    assert access.policy_for(page(), "login", "admin") is access.ADMIN_SITE
    assert access.policy_for(page(), "logout", "admin").outcome_for(Role.ADMINISTRATOR) == (
        access.NOT_ALLOWED
    )
    assert access.policy_for(page(), "anything", "elsewhere") is None
    assert access.policy_for(page(), "nothing_declared", None) is None
    assert access.policy_for(page(), None, None) is None
