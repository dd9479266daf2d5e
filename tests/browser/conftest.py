"""Headless Chromium (Debian's) driven by Playwright against pytest-django's live server."""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

# Playwright's sync API runs an event loop in this thread; Django must still allow the ORM here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules/axe-core/axe.min.js"
VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
REQUIRED = os.environ.get("REQUIRE_BROWSER") == "1"
# Screenshots cost a second a page: by default only a failing test leaves them (every page it
# had open, in test-artifacts/screenshots/); SCREENSHOTS=1 also keeps the ones a test takes to be
# looked at by a person.
SCREENSHOTS = os.environ.get("SCREENSHOTS") == "1"
FAILED = pytest.StashKey[bool]()


def missing(what: str) -> None:
    """Skip locally, fail in CI: a browser check that did not run is not a pass."""
    if REQUIRED:
        pytest.fail(f"{what} is missing and REQUIRE_BROWSER=1", pytrace=False)
    pytest.skip(f"{what} is missing")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed:
        item.stash[FAILED] = True
    return report


@pytest.fixture(autouse=True)
def _unhashed_static_names(settings):
    """The live server serves static files from their sources, which have no hashed names."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        missing(f"Chromium ({CHROMIUM})")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        missing("axe-core (npm ci)")
    return AXE.read_text()


@pytest.fixture(scope="session")
def vnu_command() -> list[str]:
    java = shutil.which("java")
    if not java:
        missing("Java (for the W3C checker)")
    if not VNU.exists():
        missing("vnu-jar (npm ci)")
    return [java, "-jar", str(VNU)]


def screenshot_folder() -> Path:
    path = ARTIFACTS / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def screenshot():
    """screenshot(page, name): a full-page picture for a person to look at, kept with
    SCREENSHOTS=1 or when it shows a failure (failed=True); a failing test leaves its open
    pages' pictures anyway."""

    def take(page, name: str, *, failed: bool = False) -> None:
        if SCREENSHOTS or failed:
            page.screenshot(path=screenshot_folder() / f"{name}.png", full_page=True)

    return take


@pytest.fixture
def new_context(browser, live_server, request):
    """new_context(user=None, **options) opens a browser context, signed in as `user` when
    given; `options` go to Playwright (e.g. timezone_id, the browser's time zone; locale, its
    Accept-Language; a phone's viewport). When the test fails, every page still open is saved
    as a screenshot named after the test.

    bypass_csp lets the test inject axe-core; the portal itself runs under its strict CSP.
    """
    contexts = []

    def open_context(user=None, *, bypass_csp=True, **options):
        # options: Playwright's own, e.g. locale="ar-IQ" (the Accept-Language header) or a
        # phone's viewport.
        context = browser.new_context(
            **{
                "base_url": live_server.url,
                "bypass_csp": bypass_csp,
                "viewport": {"width": 1280, "height": 900},
                **options,
            }
        )
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            context.add_cookies(
                [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
            )
        contexts.append(context)
        return context

    yield open_context
    if request.node.stash.get(FAILED, False):
        name = re.sub(r"[^\w.-]+", "-", request.node.name)
        pages = [page for context in contexts for page in context.pages]
        for number, page in enumerate(pages):
            page.screenshot(path=screenshot_folder() / f"{name}-{number}.png", full_page=True)
    for context in contexts:
        context.close()
