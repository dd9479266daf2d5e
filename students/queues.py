"""What waits for the office in recruitment (see intlaffairs/waiting.py)."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from intlaffairs.access import OFFICE_ROLES
from intlaffairs.waiting import Queue, register

from . import reviews
from .models import Application, Document, FacultyReview, Invoice, Transfer
from .workflows import APPLICATION, CHECKING_STAGES, DOCUMENT, INVOICE, REVIEW

LIST = "students:application_list"


def applications(user):
    return Application.objects.visible_to(user)


def invoices(user):
    return Invoice.objects.visible_to(user)


def with_transfers_to_confirm(queryset, states, user):
    """Invoices still to be paid with an uploaded transfer that no payment confirms yet
    (`Transfer.confirmed`, read through the index of the unconfirmed: asking each open invoice
    whether a payment answers its transfer read 923 of them to find 100 at ×100)."""
    waiting = Transfer.objects.filter(invoice=OuterRef("pk"), confirmed=False)
    return queryset.filter(Exists(waiting), status__in=states)


def with_documents_to_check(queryset, states, user):
    """Applications still at the document check with a current upload in `states`."""
    documents = Document.objects.current().filter(status__in=states)
    return queryset.filter(stage__in=CHECKING_STAGES, pk__in=documents.values("application_id"))


def with_overdue_reviews(queryset, states, user):
    return reviews.overdue_applications(queryset)


register(
    Queue(
        key="students.new",
        label=_("New applications to start checking"),
        url_name=LIST,
        rows=applications,
        workflow=APPLICATION,
        transitions=["start_check"],
        icon="envelope-open",
        order=10,
    ),
    Queue(
        key="students.documents",
        label=_("Applications with documents to check"),
        url_name=LIST,
        rows=applications,
        workflow=DOCUMENT,
        transitions=["verify"],
        among=[Document.Status.PENDING],
        narrow=with_documents_to_check,
        icon="file-earmark-check",
        order=11,
    ),
    Queue(
        key="students.decisions",
        label=_("Applications waiting for a decision"),
        url_name=LIST,
        rows=applications,
        workflow=APPLICATION,
        transitions=["admit", "waitlist"],
        icon="check2-square",
        order=12,
    ),
    Queue(
        key="students.reviews_overdue",
        label=_("Applications with a faculty review over 7 days late"),
        url_name=LIST,
        rows=applications,
        roles=OFFICE_ROLES,
        narrow=with_overdue_reviews,
        icon="hourglass-split",
        order=13,
    ),
    Queue(
        key="students.reviews_due",
        label=_("Faculty reviews due"),
        url_name="students:review_list",
        rows=lambda user: FacultyReview.objects.visible_to(user),
        workflow=REVIEW,
        transitions=["submit"],
        icon="clipboard-check",
        order=14,
    ),
    Queue(
        key="students.transfers",
        label=_("Bank transfers to confirm"),
        url_name="students:invoice_list",
        rows=invoices,
        workflow=INVOICE,
        transitions=["pay_part", "pay_in_full"],
        narrow=with_transfers_to_confirm,
        icon="cash-coin",
        order=15,
    ),
)
