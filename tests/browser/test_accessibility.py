"""axe-core and the W3C checker on every checked page, in each language, as each role."""

import json
import subprocess

import pytest
from django.test import Client

from intlaffairs.roles import Role

from .pages import CHECKED_PAGES, LANGUAGES, audiences, sample_content


def pages_for(role):
    return [page for page in CHECKED_PAGES if role in page.roles]


def signed_in_as(make_user, role, samples):
    """The sample content's own user for a role (the applicant who owns the sample
    applications), or a new user of that role."""
    if role is None:
        return None
    return samples.get(f"as_{role}") or make_user(role)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("role", audiences(), ids=lambda role: role or "anonymous")
@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_reports_no_violation(language, role, new_context, make_user, axe_source, screenshot):
    """One test a language and audience, so that a parallel run spreads them over its workers
    (the audiences are read off CHECKED_PAGES, so every page is visited as each of its roles);
    a page with a violation leaves its screenshot."""
    samples = sample_content(make_user(Role.OFFICER))
    page = new_context(signed_in_as(make_user, role, samples)).new_page()
    failures = []
    for checked_page in pages_for(role):
        page.goto(checked_page.url(language, samples))
        page.add_script_tag(content=axe_source)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        for violation in result["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            failures.append(f"{page.url} as {role}: {violation['id']} {targets}")
        if result["violations"]:
            name = f"axe-{checked_page.name}-{language}-{role or 'anonymous'}"
            screenshot(page, name, failed=True)
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_w3c_checker_reports_no_error(make_user, vnu_command, tmp_path):
    # A page's file is named after it: two pages of one name would check only one of them.
    assert len({page.name for page in CHECKED_PAGES}) == len(CHECKED_PAGES)
    samples = sample_content(make_user(Role.OFFICER))
    files = []
    for role in audiences():
        client = Client()
        if role is not None:
            client.force_login(signed_in_as(make_user, role, samples))
        for language in LANGUAGES:
            for checked_page in pages_for(role):
                url = checked_page.url(language, samples)
                response = client.get(url)
                expected = 404 if checked_page.name == "not-found" else 200
                assert response.status_code == expected, url
                path = tmp_path / f"{checked_page.name}-{language}-{role or 'anonymous'}.html"
                path.write_bytes(response.content)
                files.append(path)
    # One JVM for all pages: it takes seconds to start.
    result = subprocess.run(
        [*vnu_command, "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{message['url'].rsplit('/', 1)[-1]}:{message.get('lastLine')}: {message['message']}"
        for message in messages
    ]
    assert not errors, "\n".join(errors)
    # Every page as every role that sees it, in every language: Arabic as much as the others.
    assert {path.name for path in files} == {
        f"{page.name}-{language}-{role or 'anonymous'}.html"
        for page in CHECKED_PAGES
        for role in page.roles
        for language in LANGUAGES
    }
    assert "ar" in LANGUAGES
