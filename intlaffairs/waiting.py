"""Waiting for me: the records that wait for a person's step, in queues each app declares.

An app declares its queues in `queues.py` (discovered at start, like `workflows.py`):

    register(
        Queue(
            key="incentives.claims_to_approve",
            label=_("Claims to approve"),
            url_name="incentives:claim_list",
            rows=lambda user: Claim.objects.visible_to(user),
            workflow=CLAIM,
            transitions=["approve"],
        ),
    )

The states a queue counts are not written twice: they are the sources of the queue's
transitions that the person's roles may take, read from the workflow's declaration. A queue
is one COUNT over the rows its person may see (`rows`, built on `visible_to`), so the page
costs the same at any size; `allowed()` is never asked row by row. The queue opens its list
filtered by `?waiting=<key>`, which `WaitingFilter` (a filter of the list's FilterSet) reads
with the same `rows_for`, so the count and the list cannot disagree.

A queue that no workflow describes (an issue escalated to the office, a follow-up past its
date) names its `roles` and narrows the rows itself. The messages work adds "unread
messages" with one more `register(Queue(...))` in its own app's `queues.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from urllib.parse import urlencode

import django_filters
from django import forms
from django.core.cache import cache
from django.db import models, transaction
from django.utils.functional import Promise

from . import navigation
from .counting import count_each
from .workflow import Workflow

# How long the navigation's badge may lag behind others' steps (the desk page itself counts
# afresh; the person's own steps and the queues that keep their own count show at once).
TOTAL_SECONDS = 60

# The query parameter (and FilterSet filter) that narrows a list to one queue's rows.
PARAMETER = "waiting"

# narrow(the list's rows, the states the person may move them from, the person) -> the rows
# waiting for that person.
Narrow = Callable[[models.QuerySet, list[str], object], models.QuerySet]


def in_states(queryset: models.QuerySet, states: list[str], user, *, field: str):
    return queryset.filter(**{f"{field}__in": states})


@dataclass(frozen=True, kw_only=True)
class Queue:
    key: str  # "<app>.<name>": the value of `?waiting=` on the list
    label: str | Promise
    url_name: str  # the list that shows the queue's rows
    rows: Callable[[object], models.QuerySet]  # the list's rows a user may see (visible_to)
    workflow: Workflow | None = None
    transitions: Sequence[str] = ()  # the steps the queue waits for; empty: every one
    # Only these of the transitions' sources (a rejected document may be verified after all,
    # but it waits for the applicant's new upload, not for the office).
    among: Sequence[str] = ()
    roles: Sequence[str] = ()  # who has a queue that no workflow describes
    narrow: Narrow | None = None  # default: the rows in the states the person may move
    # A count kept elsewhere, asked instead of counting the rows (no further than a badge
    # shows): the unread threads, kept until a message is written or read (messaging.py).
    # It may lag behind the list as that count's own rule says (a record newly opened).
    count: Callable[[object], int] | None = None
    icon: str = "inbox"
    order: int = 100

    def __post_init__(self):
        if self.workflow is None and not (self.roles and self.narrow):
            raise ValueError(f"queue {self.key}: without a workflow, give roles and narrow")
        if self.workflow is not None:
            unknown = set(self.transitions) - set(self.workflow.transitions)
            if unknown:
                raise ValueError(f"queue {self.key}: unknown transitions {sorted(unknown)}")

    def _transitions(self):
        declared = self.workflow.transitions
        names = self.transitions or list(declared)
        return [declared[name] for name in names if not declared[name].automatic]

    @property
    def audience(self) -> set[str]:
        """The roles that may have this queue (the navigation shows it to them)."""
        if self.workflow is None:
            return set(self.roles)
        return {role for t in self._transitions() for role in t.roles}

    def states_for(self, user) -> list[str]:
        """The states from which `user`'s roles let them take one of the queue's transitions,
        in the workflow's order; for a queue without a workflow, [""] when the user has its
        roles. Rules on the person (`who`) and guards are the list's to apply, not this one's."""
        if not (user.is_authenticated and user.is_active):
            return []
        if self.workflow is None:
            return [""] if user.has_role(*self.roles) else []
        names = {t.name for t in self._transitions()}
        sources = {
            state for t in self.workflow.takeable_by(user) if t.name in names for state in t.source
        }
        if self.among:
            sources &= set(self.among)
        return [state for state in self.workflow.states if state in sources]

    def applies_to(self, user) -> bool:
        return bool(self.states_for(user))

    def filter(self, queryset: models.QuerySet, user) -> models.QuerySet:
        """`queryset` (rows of the queue's list) narrowed to those waiting for `user`."""
        states = self.states_for(user)
        if not states:
            return queryset.none()
        if self.narrow is not None:
            return self.narrow(queryset, states, user)
        return in_states(queryset, states, user, field=self.workflow.field)

    def rows_for(self, user) -> models.QuerySet:
        return self.filter(self.rows(user), user)

    def url(self) -> str:
        return f"{navigation.url_of(self.url_name)}?{urlencode({PARAMETER: self.key})}"


_registry: dict[str, Queue] = {}


def register(*queues: Queue) -> None:
    """Add queues; each app's `queues.py` calls this when it is imported."""
    for queue in queues:
        _registry[queue.key] = queue


def queues() -> list[Queue]:
    return sorted(_registry.values(), key=lambda queue: (queue.order, queue.key))


def get(key: str) -> Queue | None:
    return _registry.get(key)


def audience() -> tuple[str, ...]:
    """Every role that has at least one queue."""
    return tuple(sorted({role for queue in _registry.values() for role in queue.audience}))


def queues_for(user) -> list[Queue]:
    return [queue for queue in queues() if queue.applies_to(user)]


def counts_for(user) -> list[tuple[Queue, int]]:
    """Each of `user`'s queues with the number of rows waiting in it: one COUNT a queue (all
    in one statement), which stops one past what a badge shows ("99+", `navigation.BADGE_MOST`)
    so that a long queue costs what a short one does, or the count a queue keeps itself
    (`Queue.count`). What the statement counted is kept for the navigation's badge."""
    queues = queues_for(user)
    counted = count_each(
        [queue.rows_for(user) for queue in queues if queue.count is None],
        most=navigation.BADGE_MOST + 1,
    )
    cache.set(_total_key(user.pk), sum(counted), TOTAL_SECONDS)
    numbers = iter(counted)
    return [
        (queue, next(numbers) if queue.count is None else queue.count(user)) for queue in queues
    ]


def _total_key(pk: int) -> str:
    return f"waiting-total:{pk}"


def forget_mover(sender, instance, created: bool, **kwargs) -> None:
    """A step taken anywhere (its history row written, `workflow.move` and `created`): the
    person who took it counts afresh on their next page: now, and again once the step is
    committed (a page counting in between would keep the old total). Others' badges follow
    within TOTAL_SECONDS."""
    if created and instance.by_id is not None:
        forget = partial(cache.delete, _total_key(instance.by_id))
        forget()
        transaction.on_commit(forget)


def total_for(user) -> int:
    """How many records wait for `user` in all their queues: the counted queues as counted at
    most TOTAL_SECONDS ago (the badge is asked for on every page), and the queues that keep
    their own count as they keep it (a message written or read shows at once)."""
    counted = cache.get(_total_key(user.pk))
    if counted is None:
        return sum(count for _queue, count in counts_for(user))
    return counted + sum(queue.count(user) for queue in queues_for(user) if queue.count)


def _choices_for_list(url_name: str) -> list[tuple[str, str | Promise]]:
    return [(queue.key, queue.label) for queue in queues() if queue.url_name == url_name]


class WaitingFilter(django_filters.ChoiceFilter):
    """The `waiting` filter of a list: the rows of one of the person's queues that open this
    list (a hidden field: the desk's links set it, and the list's heading says which queue)."""

    def __init__(self, *, url_name: str, **kwargs):
        self.url_name = url_name
        kwargs.setdefault("widget", forms.HiddenInput)
        # A function of the list's name, not a method: the form copies its choices deeply.
        kwargs.setdefault("choices", partial(_choices_for_list, url_name))
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        queue = get(value) if value else None
        if queue is None or queue.url_name != self.url_name:
            return queryset
        user = getattr(self.parent.request, "user", None)
        if user is None:
            return queryset.none()
        return queue.filter(queryset, user)


def queue_of(filterset) -> Queue | None:
    """The queue a list is narrowed to (for its heading), or None."""
    if not filterset.is_bound or PARAMETER not in filterset.filters:
        return None
    filterset.form.is_valid()
    return get(filterset.form.cleaned_data.get(PARAMETER) or "")
