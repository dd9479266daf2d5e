"""Fixtures shared by every test: users per role, a client signed in as each role."""

import os
import shutil
import tempfile
import time

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.internal.flows.login import _AUTHENTICATION_METHODS_USER_SESSION_KEY
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.client import ClientMixin
from hypothesis import settings as hypothesis_settings

from intlaffairs.roles import Role

from .factories import UserFactory
from .serving import RedisDatabase, redis_url, require_or_skip

ALL_ROLES = list(Role.values)

# No timing assertion in the suite, hypothesis's included: its default 200 ms deadline per
# example failed property tests at random on a loaded 2-core machine.
hypothesis_settings.register_profile("portal", deadline=None)
hypothesis_settings.load_profile("portal")


def pytest_configure(config):
    """What the test workers of a parallel run (pytest-xdist) would otherwise share: each gets
    its own Redis database for the cache, with a key prefix of its own process (another test
    run on the same Redis, a developer's beside CI's, keeps its keys), and its own folder of
    uploads. Processes the tests start inherit the environment, and so the same cache. The test
    database is pytest-django's own per worker; live servers and started processes take free
    ports."""
    if os.environ.get("REDIS_URL"):
        os.environ["REDIS_URL"] = redis_url(RedisDatabase.CACHE)
        os.environ["CACHE_KEY_PREFIX"] = f"test-{os.getpid()}"
        settings.CACHES["default"].update(
            LOCATION=os.environ["REDIS_URL"], KEY_PREFIX=os.environ["CACHE_KEY_PREFIX"]
        )
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="intlaffairs-media-")
    config.add_cleanup(lambda: shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True))


@pytest.fixture
def needs_postgresql():
    """For what only PostgreSQL does here (row locks across connections, COPY, servers and
    workers in other processes on the test database). Skipped in a newcomer's SQLite run, with
    the test named in the summary; failed where REQUIRE_BROWSER=1 (CI) promises PostgreSQL."""
    if connection.vendor != "postgresql":
        require_or_skip("needs PostgreSQL (DATABASE_URL)")


@pytest.fixture
def needs_redis():
    """For what runs on a Redis server (REDIS_URL): the shared cache, Celery's broker."""
    if not os.environ.get("REDIS_URL"):
        require_or_skip("needs Redis (REDIS_URL)")


def empty_cache() -> None:
    """Empties the cache of this test process: on Redis, the keys under its prefix only."""
    prefix = settings.CACHES["default"].get("KEY_PREFIX")
    if not prefix:
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


@pytest.fixture(autouse=True)
def _clear_cache():
    # allauth keeps its login rate limits in the cache; one test must not throttle the next.
    empty_cache()
    yield
    empty_cache()


def pytest_collection_modifyitems(items):
    """A transactional test must roll back by serialization. Without it, its flush makes the
    content types again in another order than the migrations did (new ids), and the next test
    that restores the serialized database fails on them (UNIQUE constraint, in some orders)."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            raise pytest.UsageError(
                f"{item.nodeid}: use django_db(transaction=True, serialized_rollback=True)"
            )


@pytest.fixture(autouse=True)
def _migration_data(request):
    """Rows the data migrations write (roles, document types, the plan's goals, scopes) are
    there in every transactional test. Another transactional test's flush removes them, and
    serialized rollback does not bring them back in every order the suite runs in, so each
    such test writes them again; these migrations are idempotent."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    # The flush between transactional tests can give the content types new ids, while the
    # process still caches the old ones (the workflow's history rows point at them).
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    migration_data_write()


def migration_data_write() -> None:
    """Write again the rows of the data migrations (idempotent). Also what `make mutation`'s
    sessions do first (mutation/pytest_plugin.py): they reuse a test database that the last
    session's transactional tests may have left flushed."""
    from importlib import import_module

    from django.apps import apps

    for module, function in (
        ("intlaffairs.migrations.0002_role_groups", "create_groups"),
        ("students.migrations.0002_document_types", "create"),
        ("students.migrations.0018_document_types_in_arabic", "name_in_arabic"),
        ("strategy.migrations.0002_the_plan", "create"),
        ("agreements.migrations.0002_scopes", "create_scopes"),
    ):
        getattr(import_module(module), function)(apps, None)


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the portal's default language (a request to /en/ in one test
    must not decide the language of the next); tests that read English say so."""
    from django.conf import settings as django_settings
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(monkeypatch):
    """force_login skips allauth's sign-in, and so the record allauth keeps of the factors
    given. Write the record a password (and, for users with an authenticator app, a code)
    would have left, so the second-factor middleware stays on in every test and lets these
    sessions through; sessions that skip it (the admin's password-only form) are still asked."""
    force_login = ClientMixin.force_login

    def force_login_with_factors(self, user, backend=None):
        force_login(self, user, backend)
        now = time.time()
        records = [{"method": "password", "at": now, "email": user.email}]
        has_app = Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP)
        if has_app.exists():
            records.append({"method": "mfa", "at": now, "type": Authenticator.Type.TOTP})
        session = self.session
        session[AUTHENTICATION_METHODS_SESSION_KEY] = records
        session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
        session.save()
        # A serving process has looked up every content type after its first pages (the menu's
        # unread count names each model with a thread); so has a test's signed-in client, so
        # that the first page a query-count test measures costs what the next one does.
        from django.apps import apps
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.get_for_models(*apps.get_models())

    monkeypatch.setattr(ClientMixin, "force_login", force_login_with_factors)


@pytest.fixture
def english():
    """Services write their messages in the active language; this makes it English."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _eager_celery(settings):
    """Tasks run in the test's own process; tests/reliability starts real workers instead."""
    from intlaffairs.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = True
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def make_user(db):
    def make(role: str | None = None, **kwargs):
        return UserFactory(role=role, **kwargs)

    return make


@pytest.fixture
def officer(make_user):
    return make_user(Role.OFFICER, email="officer@test.example")


@pytest.fixture
def manager(make_user):
    return make_user(Role.MANAGER, email="manager@test.example")


@pytest.fixture
def administrator(make_user):
    return make_user(Role.ADMINISTRATOR, email="admin@test.example")


@pytest.fixture
def faculty(make_user):
    return make_user(Role.FACULTY, email="faculty@test.example")


@pytest.fixture
def mentor(make_user):
    return make_user(Role.MENTOR, email="mentor@test.example")


@pytest.fixture
def applicant(make_user):
    return make_user(Role.APPLICANT, email="applicant@test.example", preferred_language="en")


@pytest.fixture
def client_as(client, make_user):
    """client_as(role) returns the test client signed in as a new user of that role."""

    def sign_in(role: str | None):
        if role is not None:
            client.force_login(make_user(role))
        return client

    return sign_in
