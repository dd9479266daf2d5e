"""The key pages of the benchmark: who asks for them, and at which URL, in a given database."""

from dataclasses import dataclass

from intlaffairs.models import IssuedDocument
from intlaffairs.roles import Role
from students.models import Application, Stage
from website.models import Page as SitePage
from website.models import Post


@dataclass(frozen=True)
class Page:
    label: str
    url: str
    role: str | None  # None: an anonymous visitor


# The trivial view as each visitor of the key pages asks for it: anonymous, and signed in as
# an officer, as a manager and as a faculty reviewer. Signed in, it pays what every page of
# that visitor pays (the session, the user, the roles, the second-factor check) before doing
# any work of its own.
TRIVIAL = {
    None: Page("trivial view (/ping/), anonymous", "/ping/", None),
    Role.OFFICER: Page("trivial view (/ping/), office officer", "/ping/", Role.OFFICER),
    Role.MANAGER: Page("trivial view (/ping/), office manager", "/ping/", Role.MANAGER),
    Role.FACULTY: Page("trivial view (/ping/), faculty reviewer", "/ping/", Role.FACULTY),
}
BASELINES = list(TRIVIAL.values())


def key_pages() -> list[Page]:
    """The pages the targets are about. The application page is the first application in
    faculty review, and the interview page the first at the interview stage, so the same kind
    of record is asked for at every size."""
    application = (
        Application.objects.filter(stage=Stage.FACULTY_REVIEW).order_by("pk").values("pk").first()
    )
    pages = [
        Page("agreements list", "/fa/agreements/", Role.OFFICER),
        *(
            Page(
                f"applications: {stage}", f"/fa/students/applications/?stage={stage}", Role.OFFICER
            )
            for stage in Stage.values
            if stage != Stage.DRAFT
        ),
        Page("applications: all", "/fa/students/applications/", Role.OFFICER),
        # One letter: the start of a word (agreements' "agreement"), through the trigram index.
        Page("search (top bar)", "/fa/search/?q=a", Role.OFFICER),
        # A word no record holds: every kind is searched to the end, through its index.
        Page("search (top bar), a word nothing holds", "/fa/search/?q=zagros", Role.OFFICER),
        # Part of a reference: the same hundred applications at every size.
        Page("search (top bar), part of a reference", "/fa/search/?q=kums-b-00001", Role.OFFICER),
        # Part of a word in every agreement's Persian title and every applicant's ("نام"): found
        # in the list's order through the title, while the partners' names are asked too.
        Page(
            "search (top bar), part of a common word",
            "/fa/search/?q=%D9%86%D8%A7%D9%85",
            Role.OFFICER,
        ),
        Page("manager dashboard", "/fa/dashboard/", Role.MANAGER),
        Page("waiting for me, officer", "/fa/desk/", Role.OFFICER),
        Page("waiting for me, manager", "/fa/desk/", Role.MANAGER),
        Page(
            "applications: waiting for a decision",
            "/fa/students/applications/?waiting=students.decisions",
            Role.MANAGER,
        ),
        Page(
            "applications: a faculty review overdue",
            "/fa/students/applications/?waiting=students.reviews_overdue",
            Role.OFFICER,
        ),
        Page("to review (faculty reviewer)", "/fa/students/reviews/", Role.FACULTY),
        Page("waiting for me, faculty reviewer", "/fa/desk/", Role.FACULTY),
        # The same hundred rows at every size, so that the size of the tables is what differs
        # (an export of a whole queue grows with it: README "Performance" gives its figures).
        Page(
            "applications CSV export: part of a reference",
            "/fa/students/applications/export/?q=kums-b-00001&format=csv",
            Role.OFFICER,
        ),
        Page(
            "applications XLSX export: part of a reference",
            "/fa/students/applications/export/?q=kums-b-00001&format=xlsx",
            Role.OFFICER,
        ),
        Page("strategy dashboard", "/fa/strategy/", Role.MANAGER),
        Page("public programs list", "/fa/students/programs/", None),
        Page("documents register", "/fa/documents/", Role.OFFICER),
    ]
    letter = IssuedDocument.objects.order_by("pk").values("code").first()
    if letter:
        pages.append(
            Page("document check (/verify/<code>/)", f"/fa/verify/{letter['code']}/", None)
        )
    if application:
        pages[-3:-3] = [
            Page(
                "application page",
                f"/fa/students/applications/{application['pk']}/",
                Role.OFFICER,
            ),
            Page(
                "application thread",
                f"/fa/messages/students.application/{application['pk']}/",
                Role.OFFICER,
            ),
        ]
    interviewed = (
        Application.objects.filter(stage=Stage.INTERVIEW).order_by("pk").values("pk").first()
    )
    if interviewed:
        pages.append(
            Page(
                "interview times of an application",
                f"/fa/students/applications/{interviewed['pk']}/interviews/",
                Role.OFFICER,
            )
        )
    pages += [
        Page("finance list", "/fa/students/finance/", Role.OFFICER),
        Page("finance list: overdue", "/fa/students/finance/?overdue=1", Role.OFFICER),
        Page("finance list: by balance", "/fa/students/finance/?sort=-balance", Role.MANAGER),
    ]
    return pages + public_site_pages()


def public_site_pages() -> list[Page]:
    """The public site's pages (website), for anonymous visitors."""
    pages = [
        Page("public news and events", "/fa/news/", None),
        Page("news feed (RSS)", "/fa/news/rss/", None),
        Page("sitemap.xml", "/sitemap.xml", None),
        Page("contact form", "/fa/contact/", None),
    ]
    site_page = SitePage.objects.published().order_by("pk").values("slug").first()
    if site_page:
        pages.append(Page("public site page", f"/fa/pages/{site_page['slug']}/", None))
    post = Post.objects.published().order_by("pk").values("slug").first()
    if post:
        pages.append(Page("public news item", f"/fa/news/{post['slug']}/", None))
    return pages


def query_counts(pages: list[Page], cookies: dict[str, str]) -> dict[str, int]:
    """Queries each page runs, counted in-process with the test client on the same database
    (after a first request, so that per-process caches are warm as they are under gunicorn)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for page in pages:
        client = Client(HTTP_HOST="127.0.0.1")
        if page.role:
            name, value = cookies[page.role].split("=", 1)
            client.cookies[name] = value
        client.get(page.url)
        found = []
        # Counted twice, the fewer kept: once a minute a request also saves the session
        # (intlaffairs.middleware.IDLE_REFRESH_SECONDS), which is the clock's, not the page's.
        for _attempt in range(2):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(page.url)
                if response.streaming:  # an export reads its rows as it is sent
                    b"".join(response.streaming_content)
            if response.status_code != 200:
                raise RuntimeError(f"{page.url} answered {response.status_code}")
            found.append(len(captured))
        counts[page.label] = min(found)
    return counts
