"""Every URL of the project declares who may use it; this test holds each URL to its declaration.

It walks the whole URL tree. A pattern without a declared policy fails the test, so a new page
cannot be added without saying who may see it. Patterns with arguments get sample values from
SAMPLE_KWARGS (by URL name) or are built from the objects the test creates.
"""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from intlaffairs.access import FORBIDDEN, LOGIN, NOT_ALLOWED, PAGE, REDIRECT, policy_for
from intlaffairs.roles import Role

ROLES = [None, *Role.values]  # None: an anonymous visitor


def walk(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern):
            yield pattern, namespace


def all_patterns():
    return list(walk(get_resolver().url_patterns))


def sample_kwargs(pattern: URLPattern, objects: dict) -> dict | None:
    """Values for a pattern's arguments; None when the pattern cannot be requested by name."""
    names = list(pattern.pattern.regex.groupindex)
    if not names:
        return {}
    values = {
        "uidb36": "zz",
        "key": "not-a-real-key",
        "app_label": "intlaffairs",
        "object_id": str(objects["user"].pk),
        "id": str(objects["user"].pk),
        "content_type_id": str(objects["user_content_type"]),
    }
    if pattern.name and pattern.name.startswith("auth_group"):
        values["object_id"] = str(objects["group"].pk)
    if not pattern.name or any(name not in values for name in names):
        return None
    return {name: values[name] for name in names}


def url_for(pattern: URLPattern, namespace: str | None, objects: dict) -> str | None:
    kwargs = sample_kwargs(pattern, objects)
    if kwargs is None or not pattern.name:
        return None
    name = f"{namespace}:{pattern.name}" if namespace else pattern.name
    return reverse(name, kwargs=kwargs)


def outcome_of(response) -> str:
    code = response.status_code
    if code == 200:
        return PAGE
    if code == 403:
        return FORBIDDEN
    if code == 405:
        return NOT_ALLOWED
    if code in (301, 302):
        login = reverse(settings.LOGIN_URL)
        location = response.headers["Location"]
        return LOGIN if location.startswith(login) else REDIRECT
    return str(code)


def test_every_url_pattern_declares_a_policy():
    undeclared = [
        f"{namespace + ':' if namespace else ''}{pattern.name or pattern.pattern}"
        for pattern, namespace in all_patterns()
        if policy_for(pattern.callback, pattern.name, namespace) is None
    ]
    assert undeclared == [], f"URLs without a declared access policy: {undeclared}"


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role or "anonymous")
def test_every_url_answers_as_declared(role, client, make_user, administrator):
    objects = {
        "user": administrator,
        "group": Group.objects.get_or_create(name=Role.OFFICER)[0],
        "user_content_type": ContentType.objects.get_for_model(administrator).pk,
    }
    if role is not None:
        client.force_login(administrator if role == Role.ADMINISTRATOR else make_user(role))
    checked, mismatches = 0, []
    for language in ("fa", "en", "ckb"):
        with translation.override(language):
            for pattern, namespace in all_patterns():
                url = url_for(pattern, namespace, objects)
                if url is None:
                    continue
                policy = policy_for(pattern.callback, pattern.name, namespace)
                if policy is None:
                    continue  # reported by test_every_url_pattern_declares_a_policy
                expected = policy.outcome_for(role)
                got = outcome_of(client.get(url))
                checked += 1
                if got != expected:
                    mismatches.append(f"{url}: expected {expected}, got {got} ({policy.name})")
    assert not mismatches, "\n".join(mismatches)
    # The walk must reach the pages it is meant to guard, not silently skip them.
    assert checked >= 3 * 40


def test_an_undeclared_view_is_reported():
    def view(request):  # pragma: no cover - never called
        return None

    assert policy_for(view, "some_new_page", None) is None


def test_pages_refused_by_role_do_not_say_more_than_403(client, make_user):
    client.force_login(make_user(Role.APPLICANT))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert not re.search(r"intlaffairs|auth", response.content.decode())
