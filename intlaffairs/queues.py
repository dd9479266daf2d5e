"""What waits in the core (see intlaffairs/waiting.py): the threads with messages the person
has not read, the applicant's from the office and the office's from applicants. The queue
opens the list of threads narrowed to those (`thread_views.thread_list`)."""

from django.utils.translation import gettext_lazy as _

from .access import OFFICE_ROLES
from .messaging import unread_thread_count, unread_threads
from .models import Message
from .roles import Role
from .waiting import Queue, register

UNREAD_MESSAGES = Queue(
    key="messages.unread",
    label=_("Threads with unread messages"),
    url_name="thread_list",
    rows=lambda user: Message.objects.visible_to(user),
    roles=(Role.APPLICANT, *OFFICE_ROLES),
    narrow=lambda messages, states, user: unread_threads(messages, user),
    count=unread_thread_count,
    icon="chat-left-text",
    order=5,
)

register(UNREAD_MESSAGES)
