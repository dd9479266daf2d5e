"""One visibility rule per model: for every model with `visible_to(user)`, its lists, its page and
its file download agree with that rule for every role.

For each role (and an anonymous visitor) the sample objects of the URL policy test are made, the
ones a role may own are handed to the user, and then, for each object:

- every page about it (detail, download) that the role may use at all opens (200) exactly when
  `Model.objects.visible_to(user)` holds the object, and is a 404 otherwise, never a 403;
- every list the role may use links to it exactly when `visible_to` holds it;
- if `visible_to` holds it, at least one of its pages opens for the role;
- a file (an application's document, a course certificate) is seen exactly when its
  application is.

A page or list the role may not use at all (a 403 by role, or the sign-in page) says nothing
about one object and is left out, as the URL policy test covers it.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from intlaffairs.roles import Role
from students.models import Application, FacultyReview

from .factories import UserFactory
from .students.helpers import complete_draft, make_program
from .test_url_policy import ROLES, give_to, sample_objects

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Case:
    """`key`: the sample object; `pages`: URL names about it (with [pk] or `args(obj)`);
    `lists`: URL names (with `list_args(obj)` where the URL takes arguments) of the pages that
    link to it by one of `pages`."""

    key: str
    pages: tuple[str, ...]
    lists: tuple[str, ...] = ()
    args: object = None  # obj -> the args of each page (default: [obj.pk])
    list_args: object = None  # obj -> the args of the lists whose URL takes any
    parent: str = ""  # a file seen exactly when this field's record is (its application)


CASES = [
    Case("agreement", ("agreements:agreement_detail",), ("agreements:agreement_list",)),
    Case(
        "signed_file",
        ("agreements:signed_file_download",),
        ("agreements:agreement_detail",),
        list_args=lambda obj: [obj.agreement_id],
    ),
    Case("institution", ("agreements:institution_detail",), ("agreements:institution_list",)),
    Case(
        "program",
        ("students:program_detail", "students:program_edit"),
        ("students:program_list", "students:program_manage"),
    ),
    Case(
        "application",
        ("students:application_detail", "students:my_application"),
        ("students:application_list", "students:my_applications"),
    ),
    Case(
        "draft",
        ("students:application_detail", "students:my_application"),
        ("students:application_list", "students:my_applications"),
    ),
    Case(
        "application_document",
        ("students:document_download",),
        ("students:application_detail", "students:application_documents"),
        list_args=lambda obj: [obj.application_id],
        parent="application",
    ),
    Case(
        "draft_document",
        ("students:document_download",),
        ("students:application_detail", "students:application_documents"),
        list_args=lambda obj: [obj.application_id],
        parent="application",
    ),
    Case(
        "replaced_application_document",
        ("students:earlier_document_download",),
        ("students:application_detail", "students:application_documents"),
        list_args=lambda obj: [obj.application_id],
        parent="application",
    ),
    Case(
        "transfer",
        ("students:transfer_download",),
        ("students:invoice_detail",),
        list_args=lambda obj: [obj.invoice_id],
        parent="invoice",
    ),
    Case(
        "interview_slot",
        ("students:interview_list", "students:my_application"),
        args=lambda obj: [obj.application_id],
    ),
    Case("agent", ("students:agent_detail",), ("students:agent_list",)),
    Case("procedure", ("students:procedure_detail",), ("students:procedure_list",)),
    Case(
        "procedure_version",
        ("students:version_download",),
        ("students:procedure_detail",),
        list_args=lambda obj: [obj.procedure_id],
    ),
    Case("recognition_issue", ("students:issue_detail",), ("students:issue_list",)),
    Case(
        "ministry_letter",
        ("students:letter_download",),
        ("students:issue_detail",),
        list_args=lambda obj: [obj.issue_id],
    ),
    Case(
        "mobility",
        ("exchanges:mobility_detail", "exchanges:mobility_report_download"),
        ("exchanges:mobility_list",),
    ),
    Case(
        "course",
        ("exchanges:course_detail",),
        ("exchanges:course_list", "exchanges:course_manage"),
    ),
    Case(
        "course_document",
        ("exchanges:course_document_download",),
        ("exchanges:course_applications", "exchanges:my_courses"),
        list_args=lambda obj: [obj.application.course_id],
        parent="application",
    ),
    Case(
        "certificate_of_attendance",
        ("exchanges:certificate_download",),
        ("exchanges:course_applications", "exchanges:my_courses"),
        args=lambda obj: [obj.pk, "en"],
        list_args=lambda obj: [obj.application.course_id],
        parent="application",
    ),
    Case("delegation", ("exchanges:delegation_detail",), ("exchanges:delegation_list",)),
    Case(
        "certificate",
        ("incentives:certificate_detail", "incentives:certificate_file"),
        ("incentives:certificate_list",),
    ),
    Case(
        "claim", ("incentives:claim_detail", "incentives:claim_receipt"), ("incentives:claim_list",)
    ),
    Case(
        "pairing",
        ("mentoring:pairing_detail",),
        ("mentoring:pairing_list", "mentoring:my_mentees"),
    ),
    Case("mentor", ("mentoring:mentor_detail",), ("mentoring:mentor_list",)),
    Case("mentee", ("mentoring:mentee_detail",), ("mentoring:mentee_list",)),
    Case("survey", ("mentoring:survey",)),
    Case("project", ("research:project_detail",), ("research:project_list",)),
    Case(
        "document",
        ("research:document_download",),
        ("research:project_detail",),
        list_args=lambda obj: [obj.project_id],
    ),
    Case("grant", ("research:grant_edit",), ("research:grant_list",)),
    Case("scientist", ("research:scientist_detail",), ("research:scientist_list",)),
    Case("alumnus", ("research:alumnus_edit",), ("research:alumni_list",)),
    Case("goal", ("strategy:goal_detail",)),
    Case("plan", ("strategy:plan_file",)),
    Case(
        "center",
        ("strategy:register_edit",),
        ("strategy:register",),
        args=lambda obj: ["centers", obj.pk],
        list_args=lambda obj: ["centers"],
    ),
]


def with_drafts(objects: dict, role: str | None, owner) -> dict:
    """A complete draft application with its documents: its applicant's alone (the owner's when
    the role is applicant), a 404 to office staff, whose list shows submitted ones only."""
    applicant = owner if role == Role.APPLICANT else UserFactory(role=Role.APPLICANT)
    draft = complete_draft(applicant, make_program())
    # The documents' pages list what the program asks for: the sample program asks a passport.
    passport = draft.documents.get(type__code="passport", replaced=False).type
    objects["program"].required_documents.add(passport)
    return {
        **objects,
        "draft": draft,
        "draft_document": draft.documents.get(type__code="passport", replaced=False),
    }


def reverse_list(name: str, args: list) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return reverse(name)


def admitted(response) -> bool:
    """Whether the role may use this page at all (not refused by role, nor sent to sign in)."""
    if response.status_code == 403:
        return False
    return not (response.status_code == 302 and "/accounts/login/" in response["Location"])


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role or "anonymous")
def test_lists_pages_and_downloads_agree_with_visible_to(role, client, make_user, administrator):
    viewer = make_user(role) if role else AnonymousUser()
    objects = sample_objects(administrator)
    if role:
        objects = give_to(role, viewer, objects)
        client.force_login(viewer)
    objects = with_drafts(objects, role, viewer)
    disagreements = []
    lists_seen: dict[str, str] = {}
    with translation.override("en"):
        for case in CASES:
            obj = objects[case.key]
            obj.refresh_from_db()
            visible = type(obj).objects.visible_to(viewer).filter(pk=obj.pk).exists()
            if case.parent:
                parent = getattr(obj, case.parent)
                parent_visible = type(parent).objects.visible_to(viewer).filter(pk=parent.pk)
                # A faculty reviewer reads the documents of a file they review, on the review's
                # page, without the application becoming theirs.
                reviewing = (
                    isinstance(parent, Application)
                    and viewer.is_authenticated
                    and FacultyReview.objects.assigned_to(viewer)
                    .filter(application=parent)
                    .exists()
                )
                if visible != (parent_visible.exists() or reviewing):
                    disagreements.append(f"{case.key}: seen otherwise than its {case.parent}")
            args = case.args(obj) if case.args else [obj.pk]
            urls = [reverse(name, args=args) for name in case.pages]
            opened = False
            for url in urls:
                response = client.get(url)
                if not admitted(response):
                    continue
                expected = 200 if visible else 404
                if response.status_code != expected:
                    disagreements.append(f"{case.key}: {url} answered {response.status_code}")
                opened |= response.status_code == 200
            if visible and not opened:
                disagreements.append(f"{case.key}: visible, but none of its pages opens")
            for name in case.lists:
                list_url = reverse_list(name, case.list_args(obj) if case.list_args else [])
                if list_url not in lists_seen:
                    response = client.get(list_url)
                    lists_seen[list_url] = (
                        response.content.decode()
                        if admitted(response) and response.status_code == 200
                        else None
                    )
                html = lists_seen[list_url]
                if html is None:
                    continue
                linked = any(f'href="{url}' in html for url in urls)
                if linked != visible:
                    disagreements.append(
                        f"{case.key}: {list_url} {'links' if linked else 'does not link'} to it"
                    )
    assert disagreements == []


def test_an_officer_sees_neither_a_draft_nor_its_documents_anywhere(client, officer, applicant):
    """The defect this rule fixed: an officer could download a document of an applicant's
    unsubmitted draft whose application page was a 404 to them."""
    draft = complete_draft(applicant, make_program())
    documents = list(draft.documents.all())
    client.force_login(officer)
    assert client.get(f"/en/students/applications/{draft.pk}/").status_code == 404
    for document in documents:
        assert client.get(f"/en/students/documents/{document.pk}/").status_code == 404
        assert client.get(f"/en/students/documents/{document.pk}/?preview=1").status_code == 404
    assert (
        f"/en/students/applications/{draft.pk}/"
        not in client.get("/en/students/applications/").content.decode()
    )
