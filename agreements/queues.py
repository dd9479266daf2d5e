"""What waits for the office in agreements (see intlaffairs/waiting.py)."""

from django.utils.translation import gettext_lazy as _

from intlaffairs.waiting import Queue, register

from .models import Agreement
from .workflows import AGREEMENT

register(
    Queue(
        key="agreements.to_activate",
        label=_("Signed agreements to activate"),
        url_name="agreements:agreement_list",
        rows=lambda user: Agreement.objects.visible_to(user),
        workflow=AGREEMENT,
        transitions=["activate"],
        icon="file-earmark-check",
        order=20,
    ),
)
